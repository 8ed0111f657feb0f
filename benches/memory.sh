#!/usr/bin/env bash
# Peak memory of `stance score` on big inputs (issue 5): a 2 GB JSON Lines file
# of ordinary records, and one 100 MB single-line record. Inputs are generated
# in a temp dir and removed afterwards; output goes to /dev/null.
#
#   bash benches/memory.sh            # 2 GB + 100 MB (needs ~2.2 GB of free disk)
#   SIZE_MB=200 LINE_MB=20 bash benches/memory.sh   # a quicker run
#
# Builds target/release/stance first (set STANCE=path to use another binary).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB=${SIZE_MB:-2048}
LINE_MB=${LINE_MB:-100}
STANCE=${STANCE:-}
if [ -z "$STANCE" ]; then
    cargo build --release --quiet
    STANCE="${CARGO_TARGET_DIR:-target}/release/stance"
fi
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# One JSONL file of about SIZE_MB MiB: news-like records of 1 to 8 sentences,
# written by repeating a 4 MiB block with fresh ids (fast, and still streaming).
python3 - "$dir/big.jsonl" "$SIZE_MB" <<'PY'
import json, random, sys
path, size_mb = sys.argv[1], int(sys.argv[2])
random.seed(5)
sentences = [
    "Warplanes struck the port overnight, officials said.",
    "The foreign minister urged both sides to exercise restraint and return to talks.",
    "\u201cWe will not back down,\u201d the general told reporters in the capital.",
    "Rain is expected in the capital on Tuesday.",
    "Iran ruled out talks with Washington until sanctions are lifted.",
    "Mediators from Qatar proposed a ceasefire starting at midnight.",
    "The army said it had withdrawn two brigades from the border.",
    "Protesters gathered outside the embassy for a third day.",
]
texts = [" ".join(random.choice(sentences) for _ in range(random.randint(1, 8))) for _ in range(2000)]
target = size_mb << 20
written, n = 0, 0
with open(path, "w", encoding="utf-8") as f:
    while written < target:
        block = []
        for t in texts:
            block.append(json.dumps({"id": f"r{n}", "source": "bench", "text": t}))
            n += 1
        data = "\n".join(block) + "\n"
        f.write(data)
        written += len(data.encode())
print(f"generated {written / 2**20:.0f} MiB, {n} records", file=sys.stderr)
PY

# One record whose text is a single LINE_MB MiB line.
python3 - "$dir/line.jsonl" "$LINE_MB" <<'PY'
import json, sys
path, size_mb = sys.argv[1], int(sys.argv[2])
sentence = "Officials said the army would not rule out strikes, but urged calm talks. "
text = sentence * ((size_mb << 20) // len(sentence) + 1)
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "long", "text": text}) + "\n")
print(f"generated a {len(text) / 2**20:.0f} MiB single line", file=sys.stderr)
PY

measure() {
    local name=$1 file=$2
    local log="$dir/$name.time"
    local status=0
    /usr/bin/time -v "$STANCE" score --input jsonl --unit document "$file" >/dev/null 2>"$log" || status=$?
    local rss wall
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    printf '%-28s %6d MiB input  peak RSS %6.1f MiB  wall %s  exit %d\n' \
        "$name" "$(( $(stat -c %s "$file") >> 20 ))" "$(echo "$rss / 1024" | bc -l)" "$wall" "$status"
}

echo "command: /usr/bin/time -v $STANCE score --input jsonl --unit document FILE > /dev/null"
measure "jsonl ${SIZE_MB} MiB" "$dir/big.jsonl"
measure "single line ${LINE_MB} MiB" "$dir/line.jsonl"

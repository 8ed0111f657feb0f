#!/usr/bin/env bash
# Scoring speed of `stance score` against fastText's `predict-prob` on the same texts.
#
#   training/speed/compare_fasttext.sh [RUNS] [MEGABYTES]     # defaults: 5 runs, 30 MB
#   STANCE=/path/to/stance training/speed/compare_fasttext.sh  # another build of stance
#
# Builds a JSON Lines file of about MEGABYTES of text from our corpus
# (training/corpus/*.jsonl, repeated in fresh shuffles), trains fastText
# (supervised, wordNgrams 2) on the corpus, then runs the two scorers
# alternately RUNS times each, both on one thread, and prints the median
# wall time and MB/s (bytes of text per second) of each and their ratio.
# Alternating keeps the ratio fair when the machine's speed drifts (other
# jobs, thermal limits). Then: stance with 1 vs 2 threads, start-up (process
# start to first output line), and peak RSS.
#
# Both figures are whole-process times, start-up included: fastText loads its
# model (about 800 MB with the default 2M n-gram buckets) on every run, stance
# parses its embedded model. The "net" figures subtract each tool's start-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
MB=${2:-30}
WORK=${SPEED_WORK:-/tmp/stance-speed}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"

if ! command -v fasttext >/dev/null; then
  apt-get update -qq && apt-get install -y -qq fasttext >/dev/null
fi
# STANCE=path/to/stance measures that binary instead of building this tree's.
if [ -z "${STANCE:-}" ]; then
  cargo build --release --quiet
  STANCE="$TARGET/release/stance"
fi

python3 training/speed/make_data.py "$WORK" "$MB"
if [ ! -f "$WORK/ft.bin" ] || [ "$WORK/train.ft" -nt "$WORK/ft.bin" ]; then
  fasttext supervised -input "$WORK/train.ft" -output "$WORK/ft" -wordNgrams 2 -thread 2 -verbose 0
fi
BYTES=$(python3 -c 'import sys; print(sum(len(l) for l in open(sys.argv[1], "rb")))' "$WORK/compare.txt")
head -n 1 "$WORK/compare.jsonl" >"$WORK/one.jsonl"
head -n 1 "$WORK/compare.txt" >"$WORK/one.txt"

# Seconds taken by one run of "$@", output thrown away (stdout to /dev/null).
seconds() {
  local t0=$EPOCHREALTIME
  "$@" >/dev/null
  local t1=$EPOCHREALTIME
  python3 -c "print(f'{$t1 - $t0:.4f}')"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

ft_doc() { fasttext predict-prob "$WORK/ft.bin" "$1" 1; }
st_doc() { "$STANCE" score --input jsonl --unit document --threads "${2:-1}" "$1"; }

# Warm the page cache once for each, not counted.
ft_doc "$WORK/compare.txt" >/dev/null
st_doc "$WORK/compare.jsonl" >/dev/null

: >"$WORK/ft.times"
: >"$WORK/st1.times"
: >"$WORK/st2.times"
: >"$WORK/ft.start"
: >"$WORK/st.start"
for _ in $(seq "$RUNS"); do
  seconds ft_doc "$WORK/compare.txt" >>"$WORK/ft.times"
  seconds st_doc "$WORK/compare.jsonl" 1 >>"$WORK/st1.times"
  seconds st_doc "$WORK/compare.jsonl" 2 >>"$WORK/st2.times"
  seconds ft_doc "$WORK/one.txt" >>"$WORK/ft.start"
  seconds st_doc "$WORK/one.jsonl" 1 >>"$WORK/st.start"
done
FT=$(median <"$WORK/ft.times")
ST1=$(median <"$WORK/st1.times")
ST2=$(median <"$WORK/st2.times")
FTS=$(median <"$WORK/ft.start")
STS=$(median <"$WORK/st.start")
RSS=$(/usr/bin/time -f %M "$STANCE" score --input jsonl --unit document --threads 1 "$WORK/compare.jsonl" 2>&1 >/dev/null | tail -n 1)
PRSS=$(/usr/bin/time -f %M "$STANCE" score --input jsonl --unit paragraph --threads 1 "$WORK/compare.jsonl" 2>&1 >/dev/null | tail -n 1)

python3 - "$BYTES" "$RUNS" "$FT" "$ST1" "$ST2" "$FTS" "$STS" "$RSS" "$PRSS" <<'EOF'
import sys
b, runs = int(sys.argv[1]), int(sys.argv[2])
ft, st1, st2, fts, sts = map(float, sys.argv[3:8])
rss, prss = int(sys.argv[8]), int(sys.argv[9])
mb = b / 1e6
print(f"text: {mb:.1f} MB in one record per line; medians of {runs} alternating runs, one thread each")
print(f"fastText predict-prob : {ft:7.3f} s  {mb / ft:7.1f} MB/s   net of start-up {mb / (ft - fts):7.1f} MB/s")
print(f"stance score document : {st1:7.3f} s  {mb / st1:7.1f} MB/s   net of start-up {mb / (st1 - sts):7.1f} MB/s")
print(f"ratio stance/fastText : {ft / st1:.2f}x whole process, {(ft - fts) / (st1 - sts):.2f}x net of start-up")
print(f"stance 2 threads      : {st2:7.3f} s  {mb / st2:7.1f} MB/s   speed-up over 1 thread {st1 / st2:.2f}x")
print(f"start-up, one record  : stance {sts * 1000:.1f} ms, fastText {fts * 1000:.1f} ms (whole process)")
print(f"peak RSS, stance      : {rss / 1024:.1f} MB (document units), {prss / 1024:.1f} MB (paragraph units)")
EOF

#!/usr/bin/env bash
# Where `stance score` spends its instructions, stage by stage, counted by
# callgrind (repeatable on a busy machine, unlike wall time).
#
#   training/speed/profile_stages.sh [MEGABYTES] [UNIT...]   # defaults: 2 MB, document paragraph
#   STANCE=/path/to/stance training/speed/profile_stages.sh  # another build of stance
#
# Scores the JSON Lines file of make_data.py (our corpus texts, one record a
# line) with one thread under `valgrind --tool=callgrind` and prints, per unit,
# the instructions of each stage (inclusive: a stage counts what it calls) and
# per byte of text. Needs valgrind; the release profile keeps symbols (debug = 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${1:-2}
shift || true
UNITS=("$@")
[ ${#UNITS[@]} -eq 0 ] && UNITS=(document paragraph)
WORK=${SPEED_WORK:-/tmp/stance-speed}/profile
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$WORK"
if [ -z "${STANCE:-}" ]; then
  cargo build --release --quiet
  STANCE="$TARGET/release/stance"
fi
python3 training/speed/make_data.py "$WORK" "$MB" >/dev/null
BYTES=$(python3 -c 'import sys; print(sum(len(l) for l in open(sys.argv[1], "rb")))' "$WORK/compare.txt")

for unit in "${UNITS[@]}"; do
  out="$WORK/callgrind.$unit"
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$STANCE" score --input jsonl --unit "$unit" --threads 1 "$WORK/compare.jsonl" >/dev/null 2>"$out.log"
  # From outside the source tree, so that file names are all absolute and
  # each function has one summary line; no threshold, so that small stages
  # (find_quotes runs only for articles with a quotation mark glyph) are listed.
  (cd / && callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null >"$out.txt")
  python3 - "$out.txt" "$unit" "$BYTES" <<'PY'
import re, sys
path, unit, nbytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
stages = [
    ("total", r"^$"),
    ("model load (embedded model parse)", r"stance::model::Model::from_bytes \["),
    ("input (JSON Lines reader)", r"JsonlReader<R> as core::iter::traits::iterator::Iterator>::next \["),
    ("scoring (classify_document)", r"classify_document \["),
    ("  featurize + dot product (classify)", r"stance::classifier::Classifier::classify \["),
    ("  segmenting (document::pieces)", r"stance::document::pieces \["),
    ("    paragraphs", r"segment::paragraphs::paragraphs \["),
    ("    speakers (SpeakerIndex::with_paragraphs)", r"SpeakerIndex::with_paragraphs \["),
    ("      quote marks (find_quotes)", r"segment::quotes::find_quotes \["),
    ("      words of saying, quote glyphs (prescan)", r"segment::prescan::prescan \["),
    ("      attribution pass (attribute)", r"segment::speakers::attribute \["),
    ("    sentences (all calls)", r"segment::sentences::sentences \["),
    ("    boilerplate (is_boilerplate)", r"boilerplate::is_boilerplate \["),
    ("    headline shape (has_headline_shape)", r"boilerplate::has_headline_shape \["),
    ("output (row formatting)", r"stance::output::RowWriter<W>::write \["),
]
counts = {}
for line in open(path, encoding="utf-8", errors="replace"):
    m = re.match(r"\s*([\d,]+) \(100.0%\)\s+PROGRAM TOTALS", line)
    if m:
        counts["total"] = int(m.group(1).replace(",", ""))
for line in open(path, encoding="utf-8", errors="replace"):
    # Only the per-function summary lines ("N (P%)  file:function [object]"),
    # not call sites ("=> ...") or annotated source lines.
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(?!=>)\S.*\]$", line.rstrip())
    if not m:
        continue
    for name, pattern in stages:
        if name not in counts and re.search(pattern, line):
            counts[name] = int(m.group(1).replace(",", ""))
total = counts.get("total", 1)
print(f"--unit {unit}: {nbytes / 1e6:.1f} MB of text, one thread")
for name, _ in stages:
    n = counts.get(name)
    if n is None:
        print(f"  {name:44s} {'(not seen: inlined or not run)':>16s}")
    else:
        print(f"  {name:44s} {n / 1e6:10.1f} M instr {100 * n / total:5.1f}%  {n / nbytes:7.1f} per byte")
PY
done

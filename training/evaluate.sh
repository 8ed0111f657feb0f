#!/usr/bin/env bash
# Measures a model (default: the bundled one) on our held-out topics and, when
# ../shared is present, on the shared dev set and the evaluate-only corpora.
#   training/evaluate.sh [MODEL]
# Not part of the tests: a user's clone has no ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
model=()
[ $# -ge 1 ] && model=(--model "$1")
run() { ./target/release/stance "${model[@]}" eval --data "$1" | grep -E "^[0-9]+ records|macro-F1" | head -2 | paste -sd' '; }
echo "holdout (our corpus, unseen topics): $(run training/data/holdout.jsonl)"
echo "un_relabel (real UN prose, guide):   $(run training/external/un_relabel.jsonl)"
shared=../shared
if [ -d "$shared" ]; then
  echo "dev (three-way):                     $(run $shared/eval/dev.jsonl)"
  ./target/release/stance "${model[@]}" eval --data $shared/eval/dev.jsonl | sed -n '/records marked sure/,/^$/p' | grep -E "sure|macro" | paste -sd' '
  for f in conflibert_cameo_train plover_gsr; do
    echo "$f (proxy labels, evaluate only):  $(run $shared/corpora/$f.jsonl)"
  done
  echo "unscon_binary (escalatory vs rest):  $(./target/release/stance "${model[@]}" eval --data $shared/corpora/unscon_binary.jsonl | sed -n '/escalatory vs the rest/,$p' | grep macro)"
fi

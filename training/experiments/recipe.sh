#!/usr/bin/env bash
# One training recipe measured four ways: dev macro-F1 (../shared/eval/dev.jsonl),
# our held-out topics, real UN documents labelled by the guide and never trained on
# (training/external/un_relabel.jsonl, 5,178: ten times dev's size, so less noisy,
# though UN prose rather than news), and the minimal pairs (pairs with both sides
# right, of 135).
# For comparing recipes quickly, 2-fold cross-validation instead of the bundled 4.
#
#   training/experiments/recipe.sh NAME [extra `stance train` options...]
#   e.g. ALPHAS=0.1 training/experiments/recipe.sh alpha0.1
#        TRAIN=/tmp/other.jsonl training/experiments/recipe.sh other --no-reversal
#
# Defaults follow training/build-bundled.sh but for two: ALPHAS defaults to 0.03
# and column scaling is off, so the bundled recipe is
# `ALPHAS=0.1 training/experiments/recipe.sh NAME --nb-scale`. The options it sets come from the
# environment (TRAIN, ALPHAS, BALANCE, MIN_DF, MAX_FEATURES; DROP_STOP_UNIGRAMS=0
# keeps function words' unigrams), since clap refuses an option given twice.
# EXTRA_DATA adds training files (FILE[:WEIGHT], space-separated) and
# EXTRA_CALIBRATE calibration files (each also in EXTRA_DATA). Extra arguments
# are other `stance train` options. The model goes to /tmp/stance-recipes/NAME.model.
set -euo pipefail
cd "$(dirname "$0")/../.."
name=$1
shift
out=/tmp/stance-recipes
mkdir -p "$out"
bin=./target/release/stance
cargo build --release --quiet
stop=()
[ "${DROP_STOP_UNIGRAMS:-1}" = 1 ] && stop=(--drop-stop-unigrams)
"$bin" train --data "${TRAIN:-training/data/train.jsonl}" training/external/un_guide.jsonl:1 ${EXTRA_DATA:-} \
  --max-features "${MAX_FEATURES:-150000}" --min-df "${MIN_DF:-2}" --balance "${BALANCE:-0.5}" --alphas "${ALPHAS:-0.03}" --folds 2 --seed 13 "${stop[@]}" \
  --calibrate-on training/external/un_guide.jsonl ${EXTRA_CALIBRATE:-} --out "$out/$name.model" "$@" >"$out/$name.train.log" 2>&1
macro() { "$bin" --model "$out/$name.model" eval --data "$1" | grep -m1 macro-F1 | grep -oE '[0-9]\.[0-9]+' | head -1; }
dev=$(macro ../shared/eval/dev.jsonl)
held=$(macro training/data/holdout.jsonl)
un=$(macro training/external/un_relabel.jsonl)
pairs=$(python3 - "$bin" "$out/$name.model" <<'PY'
import json, subprocess, sys
binary, model = sys.argv[1], sys.argv[2]
pairs = [json.loads(l) for l in open("tests/data/minimal_pairs.jsonl") if l.strip()]
rows = "".join(json.dumps({"id": f"{p['id']}/{s}", "text": p[s]}) + "\n" for p in pairs for s in "ab")
res = subprocess.run([binary, "--model", model, "score", "--input", "jsonl", "--unit", "document", "-"],
                     input=rows, capture_output=True, text=True, check=True)
got = {}
for line in res.stdout.splitlines():
    r = json.loads(line)
    got[r["id"]] = r.get("label")
both = sum(got[f"{p['id']}/a"] == p["a_label"] and got[f"{p['id']}/b"] == p["b_label"] for p in pairs)
print(f"{both}/{len(pairs)}")
PY
)
echo "$name dev $dev held-out $held un_relabel $un pairs $pairs"

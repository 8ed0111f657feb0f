#!/usr/bin/env bash
# How much does a recipe's score move when the training data barely changes?
#
# Runs `recipe.sh` once on the full training set (seed 0) and once per other
# seed on the training set less about 1% of its units (those whose MD5 of
# "<seed>:<id>" falls in the lowest hundredth), and prints each run and the
# mean and standard deviation of dev, held-out topics and un_relabel.
# A featurizer or recipe change should be judged against this spread, not
# against a single run: a 1% change of the data alone moves dev by about
# +-0.004 and un_relabel by about +-0.001 (session 12: standard deviations).
#
#   SEEDS="0 1 2 3 4 5" ALPHAS=0.1 training/experiments/perturb.sh NAME --nb-scale
#   python3 training/experiments/perturb_compare.py BASE NAME   # paired by seed
#
# Every environment variable of recipe.sh applies (TRAIN is the full set to
# perturb). Results go to /tmp/stance-recipes/NAME.perturb.tsv.
set -euo pipefail
cd "$(dirname "$0")/../.."
name=$1
shift
out=/tmp/stance-recipes
mkdir -p "$out"
full=${TRAIN:-training/data/train.jsonl}
table="$out/$name.perturb.tsv"
: >"$table"
for seed in ${SEEDS:-0 1 2 3 4 5}; do
  data="$out/$name.seed$seed.train.jsonl"
  python3 - "$full" "$data" "$seed" <<'PY'
import hashlib, json, sys
full, data, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
kept = 0
with open(full) as src, open(data, "w") as dst:
    for line in src:
        if not line.strip():
            continue
        unit_id = json.loads(line)["id"]
        digest = hashlib.md5(f"{seed}:{unit_id}".encode()).digest()
        if seed == 0 or int.from_bytes(digest[:4], "big") >= 2**32 // 100:
            dst.write(line)
            kept += 1
print(f"seed {seed}: {kept} training units", file=sys.stderr)
PY
  line=$(TRAIN="$data" training/experiments/recipe.sh "$name.seed$seed" "$@" | tail -1)
  echo "$line"
  # "NAME dev D held-out H un_relabel U pairs P/N" -> seed, dev, held-out, un_relabel, pairs
  echo "$line" | awk -v s="$seed" '{split($9, p, "/"); print s "\t" $3 "\t" $5 "\t" $7 "\t" p[1]}' >>"$table"
  rm -f "$data"
done
python3 training/experiments/perturb_compare.py "$name"

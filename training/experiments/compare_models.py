"""Is model B really better than model A, or is the difference dev's sampling noise?

Scores one labelled set (dev by default) with both models and prints each one's macro-F1, the difference, and
a paired bootstrap of the difference: the sentences are resampled with replacement (the same resample for both
models, so what they share cancels) and the 2.5th and 97.5th percentiles of B - A are the 95% interval. With
dev's 400 sentences an interval of about +-0.02 to +-0.03 is usual, so most recipe changes measured here land
inside it; run it on `training/external/un_relabel.jsonl` (5,178 sentences) as well before believing a gain.
Standard library only; needs a release build.

    python3 training/experiments/compare_models.py A.model B.model [--data FILE] [--resamples 2000] [--seed 7]
        [--binary-a OLD_BINARY]   # when A was trained before a featurizer change

A model path of `-` means the embedded model.
"""
import argparse
import json
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, "target", "release", "stance")
LABELS = ("escalatory", "de-escalatory", "neutral")


def predict(model, path, binary=BINARY):
    """The label stance gives each record of `path`, in order (one row per record, as `score` promises)."""
    args = [binary] + ([] if model == "-" else ["--model", model])
    args += ["score", "--input", "jsonl", "--unit", "document", path]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [json.loads(line).get("label") for line in out.splitlines()]


def macro_f1(gold, pred, rows):
    total = 0.0
    for label in LABELS:
        tp = sum(1 for i in rows if pred[i] == label and gold[i] == label)
        fp = sum(1 for i in rows if pred[i] == label and gold[i] != label)
        fn = sum(1 for i in rows if pred[i] != label and gold[i] == label)
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(LABELS)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "eval", "dev.jsonl"))
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    # A model trained before a featurizer change loads only in the binary of its time: keep a copy of that
    # binary and name it here.
    parser.add_argument("--binary-a", default=BINARY, help="stance binary that scores model A")
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as f:
        gold = [json.loads(line)["label"] for line in f if line.strip()]
    a, b = predict(args.a, args.data, args.binary_a), predict(args.b, args.data)
    if not len(gold) == len(a) == len(b):
        sys.exit(f"{args.data}: {len(gold)} records but {len(a)} and {len(b)} predictions")
    everything = range(len(gold))
    score_a, score_b = macro_f1(gold, a, everything), macro_f1(gold, b, everything)
    rng = random.Random(args.seed)
    diffs = []
    for _ in range(args.resamples):
        rows = [rng.randrange(len(gold)) for _ in everything]
        diffs.append(macro_f1(gold, b, rows) - macro_f1(gold, a, rows))
    diffs.sort()
    low, high = diffs[int(0.025 * len(diffs))], diffs[int(0.975 * len(diffs)) - 1]
    better = sum(d > 0 for d in diffs) / len(diffs)
    changed = sum(x != y for x, y in zip(a, b))
    print(f"{os.path.basename(args.data)} ({len(gold)} records, {changed} labels differ): "
          f"A {score_a:.4f}  B {score_b:.4f}  B-A {score_b - score_a:+.4f}  "
          f"95% interval [{low:+.4f}, {high:+.4f}]  B ahead in {better:.0%} of resamples")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check our corpus and split it by topic into training and held-out files.

Every file in training/corpus/*.jsonl must hold {id, text, label, topic, kind, note}
records. Exact duplicates (after folding case and spaces) are reported and
dropped. Whole topics go to the held-out file when the MD5 of the topic name
falls in the chosen tenth, so a held-out unit's dispute was never seen in
training. Deterministic: the same corpus always gives the same split.

Files named in training/corpus/UNDER_REVIEW are written, training part only,
to data/under_review.jsonl instead of data/train.jsonl: the bundled model does
not train on them until their review is done (the file says why). Their
held-out topics still go to the held-out file, which measures unseen topics.

    python3 training/split_corpus.py   # writes training/data/{train,holdout,under_review}.jsonl
"""
import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"escalatory", "de-escalatory", "neutral"}
KINDS = {"headline", "paragraph", "quote", "sentence"}
HOLDOUT_BUCKET = 0  # of 10


def under_review():
    path = os.path.join(HERE, "corpus", "UNDER_REVIEW")
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def main():
    seen, train, holdout, review, problems = {}, [], [], [], []
    reviewed = under_review()
    for path in sorted(glob.glob(os.path.join(HERE, "corpus", "*.jsonl"))):
        training_rows = review if os.path.basename(path) in reviewed else train
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                where = f"{os.path.basename(path)}:{n}"
                if r.get("label") not in LABELS or r.get("kind") not in KINDS or not r.get("topic"):
                    problems.append(f"{where}: bad label, kind or topic")
                    continue
                key = " ".join(r["text"].lower().split())
                if key in seen:
                    problems.append(f"{where}: duplicate of {seen[key]}")
                    continue
                seen[key] = where
                bucket = int(hashlib.md5(r["topic"].encode()).hexdigest(), 16) % 10
                (holdout if bucket == HOLDOUT_BUCKET else training_rows).append(r)
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    for name, rows in (("train", train), ("holdout", holdout), ("under_review", review)):
        with open(os.path.join(HERE, "data", f"{name}.jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for p in problems:
        print("skipped", p, file=sys.stderr)
    print(
        f"train {len(train)}  holdout {len(holdout)}  under review {len(review)}  "
        f"skipped {len(problems)}"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Check our corpus and split it by topic into training and held-out files.

Every file in training/corpus/*.jsonl must hold {id, text, label, topic, kind, note}
records. Exact duplicates (after folding case and spaces) are reported and
dropped. Whole topics go to the held-out file when the MD5 of the topic name
falls in the chosen tenth, so a held-out unit's dispute was never seen in
training. Deterministic: the same corpus always gives the same split.

    python3 training/split_corpus.py   # writes training/data/{train,holdout}.jsonl
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


def main():
    seen, train, holdout, problems = {}, [], [], []
    for path in sorted(glob.glob(os.path.join(HERE, "corpus", "*.jsonl"))):
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
                (holdout if bucket == HOLDOUT_BUCKET else train).append(r)
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    for name, rows in (("train", train), ("holdout", holdout)):
        with open(os.path.join(HERE, "data", f"{name}.jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for p in problems:
        print("skipped", p, file=sys.stderr)
    print(f"train {len(train)}  holdout {len(holdout)}  skipped {len(problems)}")


if __name__ == "__main__":
    main()

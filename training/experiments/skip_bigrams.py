"""Would skip-bigrams (word pairs 2-3 apart: "urged ... restraint") help a linear model?

A TF-IDF + logistic regression stand-in for the featurizer, trained on the
bundled model's data, scored on dev and on our held-out topics, with plain
bigrams (k=1) and with pairs up to k words apart. Needs scikit-learn (the
peers' venv has it) and ../shared/eval/dev.jsonl.

    ~/.cache/stance-peers-venv/bin/python training/experiments/skip_bigrams.py
"""
import json
import os
import re

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORD = re.compile(r"\w+")


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def pairs_up_to(k):
    def analyze(text):
        w = WORD.findall(text.lower())
        out = w + [f"{w[i]}_{w[i + 1]}" for i in range(len(w) - 1)]
        for gap in range(2, k + 1):
            out += [f"{w[i]}~{w[i + gap]}" for i in range(len(w) - gap)]
        return out

    return analyze


def main():
    texts, labels = load(os.path.join(ROOT, "training/data/train.jsonl"))
    extra_texts, extra_labels = load(os.path.join(ROOT, "training/external/un_guide.jsonl"))
    texts, labels = texts + extra_texts, labels + extra_labels
    dev = load(os.path.join(ROOT, "../shared/eval/dev.jsonl"))
    held = load(os.path.join(ROOT, "training/data/holdout.jsonl"))
    for k in (1, 2, 3):
        vec = TfidfVectorizer(analyzer=pairs_up_to(k), min_df=2, sublinear_tf=True, max_features=300_000)
        x = vec.fit_transform(texts)
        for c in (3, 10):
            model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, labels)
            scores = [
                f1_score(gold, model.predict(vec.transform(t)), average="macro") for t, gold in (dev, held)
            ]
            print(f"pairs up to {k} apart, C={c}: dev {scores[0]:.4f}  held-out topics {scores[1]:.4f}", flush=True)


if __name__ == "__main__":
    main()

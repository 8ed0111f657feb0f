"""A TF-IDF + logistic regression stand-in for stance's featurizer, shared by the experiments here.

Trains on the bundled model's data (our training split and un_guide) and prints dev and held-out-topic
macro-F1 for each analyzer and regularisation strength given. Needs scikit-learn (the peers' venv has it)
and ../shared/eval/dev.jsonl.
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


def compare(analyzers, strengths=(3, 10), max_features=None):
    """`analyzers`: (name, text -> list of feature names) pairs, each fitted at every C in `strengths`."""
    texts, labels = load(os.path.join(ROOT, "training/data/train.jsonl"))
    extra_texts, extra_labels = load(os.path.join(ROOT, "training/external/un_guide.jsonl"))
    texts, labels = texts + extra_texts, labels + extra_labels
    dev = load(os.path.join(ROOT, "../shared/eval/dev.jsonl"))
    held = load(os.path.join(ROOT, "training/data/holdout.jsonl"))
    for name, analyze in analyzers:
        vec = TfidfVectorizer(analyzer=analyze, min_df=2, sublinear_tf=True, max_features=max_features)
        x = vec.fit_transform(texts)
        for c in strengths:
            model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, labels)
            scores = [f1_score(g, model.predict(vec.transform(t)), average="macro") for t, g in (dev, held)]
            print(f"{name}, C={c}: dev {scores[0]:.4f}  held-out topics {scores[1]:.4f}", flush=True)

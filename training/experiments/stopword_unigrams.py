"""Would leaving stop words out of the unigram features help on real text?

The bundled model gives function words real weight (`w:said` +0.43 toward escalatory, `w:and`, `w:the`): habits
of our writers' style, not of the disputes. This stand-in (TF-IDF + logistic regression on the bundled model's
data, unigrams and adjacent bigrams as in the featurizer) drops unigrams of scikit-learn's English stop-word list,
keeping negators and condition words ("not", "no", "never", "nor", "without", "if", "unless", "until", "only",
"once") and every bigram, and scores dev and our held-out topics. Needs scikit-learn (the peers' venv has it) and
../shared/eval/dev.jsonl.

    ~/.cache/stance-peers-venv/bin/python training/experiments/stopword_unigrams.py
"""
import json
import os
import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORD = re.compile(r"\w+")
KEEP = {"not", "no", "never", "nor", "without", "if", "unless", "until", "only", "once"}
STOP = set(ENGLISH_STOP_WORDS) - KEEP


def load(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def analyzer(drop_stop_unigrams):
    def analyze(text):
        words = WORD.findall(text.lower())
        unigrams = [w for w in words if not (drop_stop_unigrams and w in STOP)]
        return unigrams + [f"{words[i]}_{words[i + 1]}" for i in range(len(words) - 1)]

    return analyze


def main():
    texts, labels = load(os.path.join(ROOT, "training/data/train.jsonl"))
    extra_texts, extra_labels = load(os.path.join(ROOT, "training/external/un_guide.jsonl"))
    texts, labels = texts + extra_texts, labels + extra_labels
    dev = load(os.path.join(ROOT, "../shared/eval/dev.jsonl"))
    held = load(os.path.join(ROOT, "training/data/holdout.jsonl"))
    for drop in (False, True):
        vec = TfidfVectorizer(analyzer=analyzer(drop), min_df=2, sublinear_tf=True)
        x = vec.fit_transform(texts)
        for c in (3, 10):
            model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, labels)
            scores = [f1_score(g, model.predict(vec.transform(t)), average="macro") for t, g in (dev, held)]
            name = "stop-word unigrams dropped" if drop else "all unigrams"
            print(f"{name}, C={c}: dev {scores[0]:.4f}  held-out topics {scores[1]:.4f}", flush=True)


if __name__ == "__main__":
    main()

"""Would skip-bigrams (word pairs 2-3 apart: "urged ... restraint") help a linear model?

A TF-IDF + logistic regression stand-in for the featurizer, trained on the
bundled model's data, scored on dev and on our held-out topics, with plain
bigrams (k=1) and with pairs up to k words apart. Needs scikit-learn (the
peers' venv has it) and ../shared/eval/dev.jsonl.

    ~/.cache/stance-peers-venv/bin/python training/experiments/skip_bigrams.py
"""
from tfidf_stand_in import WORD, compare


def pairs_up_to(k):
    def analyze(text):
        w = WORD.findall(text.lower())
        out = w + [f"{w[i]}_{w[i + 1]}" for i in range(len(w) - 1)]
        for gap in range(2, k + 1):
            out += [f"{w[i]}~{w[i + gap]}" for i in range(len(w) - gap)]
        return out

    return analyze


if __name__ == "__main__":
    compare([(f"pairs up to {k} apart", pairs_up_to(k)) for k in (1, 2, 3)], max_features=300_000)

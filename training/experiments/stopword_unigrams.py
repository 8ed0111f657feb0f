"""Would leaving stop words out of the unigram features help on real text?

The bundled model gives function words real weight (`w:said` +0.43 toward escalatory, `w:and`, `w:the`): habits
of our writers' style, not of the disputes. This stand-in (TF-IDF + logistic regression on the bundled model's
data, unigrams and adjacent bigrams as in the featurizer) drops unigrams of scikit-learn's English stop-word list,
keeping negators and condition words ("not", "no", "never", "nor", "without", "if", "unless", "until", "only",
"once") and every bigram, and scores dev and our held-out topics. Needs scikit-learn (the peers' venv has it) and
../shared/eval/dev.jsonl.

    ~/.cache/stance-peers-venv/bin/python training/experiments/stopword_unigrams.py
"""
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from tfidf_stand_in import WORD, compare

KEEP = {"not", "no", "never", "nor", "without", "if", "unless", "until", "only", "once"}
STOP = set(ENGLISH_STOP_WORDS) - KEEP


def analyzer(drop_stop_unigrams):
    def analyze(text):
        words = WORD.findall(text.lower())
        unigrams = [w for w in words if not (drop_stop_unigrams and w in STOP)]
        return unigrams + [f"{words[i]}_{words[i + 1]}" for i in range(len(words) - 1)]

    return analyze


if __name__ == "__main__":
    compare([("all unigrams", analyzer(False)), ("stop-word unigrams dropped", analyzer(True))])

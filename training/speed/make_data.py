#!/usr/bin/env python3
"""Builds the speed-comparison files from our corpus (training/corpus/*.jsonl).

    make_data.py OUT_DIR [MEGABYTES]

Writes, in OUT_DIR:
  compare.jsonl  {"id", "text"} records, about MEGABYTES of text in all: the
                 corpus texts repeated in a fresh shuffle each pass, so the
                 file is news sentences and paragraphs, not one text many times
                 in a row;
  compare.txt    the same texts, one a line, in the same order: what fastText
                 reads (it has no JSON reader), so both tools see the same words;
  train.ft       the corpus once, in fastText's "__label__X text" form.
Deterministic (fixed seed), so runs compare like with like.
"""
import glob
import json
import os
import random
import sys


def one_line(text):
    # fastText reads one example per line: a newline inside a text would split it.
    return " ".join(text.split())


def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
    records = []
    for path in sorted(glob.glob(os.path.join(root, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    records.append(json.loads(line))
    if not records:
        sys.exit("no corpus records under " + root)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "train.ft"), "w", encoding="utf-8") as f:
        for r in records:
            f.write("__label__%s %s\n" % (r["label"], one_line(r["text"])))
    rng = random.Random(6)
    target = int(megabytes * 1_000_000)
    written = 0
    n = 0
    with open(os.path.join(out, "compare.jsonl"), "w", encoding="utf-8") as js, open(
        os.path.join(out, "compare.txt"), "w", encoding="utf-8"
    ) as txt:
        while written < target:
            order = list(range(len(records)))
            rng.shuffle(order)
            for i in order:
                text = one_line(records[i]["text"])
                n += 1
                js.write(json.dumps({"id": "r%d" % n, "text": text}, ensure_ascii=False) + "\n")
                txt.write(text + "\n")
                written += len(text.encode("utf-8")) + 1
                if written >= target:
                    break
    print("%d records, %d bytes of text" % (n, written))


if __name__ == "__main__":
    main()

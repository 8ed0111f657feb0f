#!/usr/bin/env python3
"""Read the tables `perturb.sh` writes: one recipe's spread, or two recipes'
paired differences.

Each seed drops the same training units from both recipes, so the difference
per seed is the change's effect with the data held fixed, and the spread of
those differences says whether it outlasts a 1% change of the data.

    python3 training/experiments/perturb_compare.py NAME       # mean, sd, range
    python3 training/experiments/perturb_compare.py BASE NEW   # paired by seed
"""
import statistics
import sys

COLUMNS = [(1, "dev"), (2, "held-out"), (3, "un_relabel"), (4, "pairs")]


def load(name):
    path = f"/tmp/stance-recipes/{name}.perturb.tsv"
    rows = {}
    with open(path) as table:
        for line in table:
            if line.strip():
                fields = line.rstrip("\n").split("\t")
                rows[fields[0]] = [float(v) for v in fields[1:]]
    return rows


def sd(values):
    return statistics.stdev(values) if len(values) > 1 else 0.0


def summarize(name):
    rows = list(load(name).values())
    for col, label in COLUMNS:
        xs = [r[col - 1] for r in rows]
        print(
            f"{label:<11} mean {statistics.mean(xs):.4f}  sd {sd(xs):.4f}  "
            f"min {min(xs):.4f}  max {max(xs):.4f}"
        )


def compare(base_name, new_name):
    base, new = load(base_name), load(new_name)
    seeds = sorted(set(base) & set(new), key=int)
    if not seeds:
        sys.exit("the two tables share no seed")
    print(f"{len(seeds)} seeds: {' '.join(seeds)}")
    for col, label in COLUMNS:
        diffs = [new[s][col - 1] - base[s][col - 1] for s in seeds]
        ahead = sum(d > 0 for d in diffs)
        behind = sum(d < 0 for d in diffs)
        print(
            f"{label:<11} {statistics.mean([base[s][col - 1] for s in seeds]):.4f} -> "
            f"{statistics.mean([new[s][col - 1] for s in seeds]):.4f}  "
            f"mean difference {statistics.mean(diffs):+.4f} (sd {sd(diffs):.4f}), "
            f"new ahead on {ahead}, behind on {behind} of {len(diffs)}"
        )


def main():
    if len(sys.argv) == 2:
        summarize(sys.argv[1])
    elif len(sys.argv) == 3:
        compare(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

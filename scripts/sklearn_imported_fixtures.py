#!/usr/bin/env python3
"""Expected 2-D figures of the original demo's maps (../shared/data/original-demo-data.json),
computed by scikit-learn, for the map that `taskspace import` makes of them.

Writes src/test/resources/dev/taskspace/imported/original-demo-figures.json:
  sha256           of the input file (the test skips the comparison for another file)
  tasks            task names in file order
  labels           the sorted category names (taskspace's label codes)
  folds            the 5 folds taskspace uses: dev.taskspace.project.Metrics.stratifiedFolds(codes,
                   5, seed 42), reproduced here bit for bit (java.util.Random is specified)
  knn_accuracy_2d  per task: mean of cross_val_score(KNeighborsClassifier(10, euclidean, brute),
                   coords, codes, cv=PredefinedSplit(folds))
  silhouette_2d    per task: silhouette_score(coords, codes, metric='euclidean')
  overlap_2d       [task][task]: mean over documents of |A & B| / |A | B| of the 10 nearest
                   neighbours (NearestNeighbors(10, euclidean, brute).kneighbors(), self excluded)
  knn_10           per task: those neighbour lists
  drift_2d         per task: mean over documents of |B - A| / |B|, A the first task's list, B
                   the task's (the share of its 10 neighbours that are new: taskspace's drift)

The coordinates are the file's float32 values as float64 (taskspace reads float32 and
accumulates in double). Near-tied neighbours would make the lists ambiguous: the script
counts pairs closer than 1e-9 and records the count.

Usage (Debian: apt-get install python3-sklearn python3-numpy):
  /usr/bin/python3 scripts/sklearn_imported_fixtures.py [path/to/original-demo-data.json]
  (default: $TASKSPACE_SHARED_DATA/original-demo-data.json, else ../shared/data/ beside the repository)
"""
import hashlib
import json
import os
import sys

import numpy as np
from sklearn.metrics import silhouette_score
from sklearn.model_selection import PredefinedSplit, cross_val_score
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "dev", "taskspace", "imported")
DEFAULT_INPUT = os.path.join(os.environ.get("TASKSPACE_SHARED_DATA") or os.path.join(ROOT, "..", "shared", "data"),
                             "original-demo-data.json")


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator its Javadoc specifies."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r >= 1 << 31 else r  # as a Java int

    def next_int(self, bound):
        if bound & -bound == bound:
            return (bound * self.next(31)) >> 31
        while True:
            bits = self.next(31)
            val = bits % bound
            if -(1 << 31) <= bits - val + (bound - 1) < (1 << 31):
                return val


def java_stratified_folds(labels, n_folds, seed):
    """Metrics.stratifiedFolds: classes by first appearance, members shuffled, dealt round-robin."""
    order = []
    seen = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    starts = []
    for c in seen:
        starts.append(len(order))
        order.extend(i for i, label in enumerate(labels) if label == c)
    starts.append(len(order))
    random = JavaRandom(seed)
    for c in range(len(seen)):
        lo, hi = starts[c], starts[c + 1]
        for p in range(hi - 1, lo, -1):
            q = lo + random.next_int(p - lo + 1)
            order[p], order[q] = order[q], order[p]
    folds = [0] * len(labels)
    for p, i in enumerate(order):
        folds[i] = p % n_folds
    return folds


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_INPUT
    raw = open(path, "rb").read()
    rows = json.loads(raw)
    tasks = [k[:-2] for k in rows[0] if k.endswith("_x") and k[:-2] + "_y" in rows[0]]
    names = sorted({r["category"] for r in rows})
    codes = np.array([names.index(r["category"]) for r in rows])
    folds = java_stratified_folds(codes.tolist(), 5, 42)
    out = {"sha256": hashlib.sha256(raw).hexdigest(), "tasks": tasks, "labels": names, "folds": folds,
           "knn_accuracy_2d": {}, "silhouette_2d": {}, "knn_10": {}, "near_ties": {}}
    lists = {}
    for t in tasks:
        xy = np.array([[r[t + "_x"], r[t + "_y"]] for r in rows], dtype=np.float32).astype(np.float64)
        clf = KNeighborsClassifier(n_neighbors=10, metric="euclidean", algorithm="brute")
        out["knn_accuracy_2d"][t] = float(np.mean(cross_val_score(clf, xy, codes, cv=PredefinedSplit(folds))))
        out["silhouette_2d"][t] = float(silhouette_score(xy, codes, metric="euclidean"))
        dist, ind = NearestNeighbors(n_neighbors=11, metric="euclidean", algorithm="brute").fit(xy).kneighbors()
        out["near_ties"][t] = int((np.diff(dist, axis=1) < 1e-9).sum())
        lists[t] = ind[:, :10]
        out["knn_10"][t] = lists[t].tolist()
    out["overlap_2d"] = [[float(np.mean([len(set(a) & set(b)) / len(set(a) | set(b))
                                         for a, b in zip(lists[s].tolist(), lists[t].tolist())]))
                          for t in tasks] for s in tasks]
    out["drift_2d"] = {t: float(np.mean([len(set(b) - set(a)) / len(set(b))
                                         for a, b in zip(lists[tasks[0]].tolist(), lists[t].tolist())])) for t in tasks}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "original-demo-figures.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    for t in tasks:
        print(f"{t}: kNN 2-D {out['knn_accuracy_2d'][t]:.4f}, silhouette 2-D {out['silhouette_2d'][t]:.4f}, "
              f"near ties {out['near_ties'][t]}")


if __name__ == "__main__":
    main()

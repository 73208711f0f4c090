#!/usr/bin/env python3
"""Expected change data for taskspace's dev.taskspace.project.Change and dev.taskspace.map.Drift,
computed independently with scikit-learn and numpy on the clusters fixture of
scripts/sklearn_metric_fixtures.py (clusters-x.npy as the first task, clusters-perturbed.npy as
a second task, the labels of clusters.json).

Writes src/test/resources/dev/taskspace/project/change.json:
  category_neighbours_x          [5][5] counts[a][b]: over the points of category a, how many of
  category_neighbours_perturbed  their 10 nearest neighbours (NearestNeighbors(n_neighbors=10,
                                 metric='cosine', algorithm='brute').kneighbors(), self excluded)
                                 have category b
  drift                          [300] per point, the share of its 10 neighbours in the second
                                 task that are not among its 10 neighbours in the first

Usage (Debian: apt-get install python3-sklearn python3-numpy):
  /usr/bin/python3 scripts/change_fixtures.py
"""
import json
import os

import numpy as np
from sklearn.neighbors import NearestNeighbors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIR = os.path.join(ROOT, "src", "test", "resources", "dev", "taskspace", "project")
K = 10


def neighbours(x):
    return NearestNeighbors(n_neighbors=K, metric="cosine", algorithm="brute").fit(x).kneighbors(return_distance=False)


def category_neighbours(knn, labels, count):
    counts = np.zeros((count, count), dtype=np.int64)
    np.add.at(counts, (np.repeat(labels, K), labels[knn.ravel()]), 1)
    return counts


def main():
    labels = np.array(json.load(open(os.path.join(DIR, "clusters.json")))["labels"])
    x = np.load(os.path.join(DIR, "clusters-x.npy")).astype(np.float64)
    p = np.load(os.path.join(DIR, "clusters-perturbed.npy")).astype(np.float64)
    a, b = neighbours(x), neighbours(p)
    count = int(labels.max()) + 1
    drift = [len(set(b[i]) - set(a[i])) / K for i in range(len(labels))]
    out = {
        "k": K,
        "category_neighbours_x": category_neighbours(a, labels, count).tolist(),
        "category_neighbours_perturbed": category_neighbours(b, labels, count).tolist(),
        "drift": drift,
    }
    with open(os.path.join(DIR, "change.json"), "w") as f:
        json.dump(out, f)
    print("wrote change.json; mean drift %.4f" % np.mean(drift))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Expected quality figures for taskspace's dev.taskspace.project.Metrics and Neighbours,
computed by scikit-learn itself.

Writes, under src/test/resources/dev/taskspace/project/:
  clusters-x.npy          [300, 32] float32: 5 Gaussian clusters of 100/80/60/40/20 points
                          (overlapping, so no figure is a trivial 1.0), not unit length
  clusters-layout.npy     [300, 2]  float32: PCA of x to 2-D plus noise (a "map")
  clusters-perturbed.npy  [300, 32] float32: x with every third point moved (a "second task")
  clusters.json           labels, folds and expected figures (below)
  edge-x.npy              [40, 8]   float32: includes an all-zero row
  edge-layout.npy         [40, 2]   float32
  edge.json               labels with a gap (no label 2) and a label of one member

Expected figures (json keys), all from scikit-learn 1.2 on the stored float32 values:
  folds                   StratifiedKFold(n_splits, shuffle=True, random_state=0): fold of each
                          sample (the index of the split whose test set holds it)
  test_folds              the folds the kNN accuracies use (PredefinedSplit's test_fold): the
                          same, except that edge's zero row gets -1 (never tested, always
                          trained on): all its cosine distances are 1, a 39-way tie that
                          scikit-learn breaks in an unspecified order
  knn_accuracy_*          mean of cross_val_score(KNeighborsClassifier(n_neighbors=k,
                          metric=..., algorithm='brute'), X, y, cv=PredefinedSplit(folds))
  silhouette_*            silhouette_score(X, y, metric=...)
  trustworthiness_*       sklearn.manifold.trustworthiness(X, layout, n_neighbors=k)
  knn_cosine_10*          NearestNeighbors(n_neighbors=10, metric='cosine', algorithm='brute')
                          .kneighbors() (the query points themselves excluded)
  jaccard_10              per point |A & B| / |A | B| of those two neighbour lists

Precision: the float32 data are converted to float64 before scikit-learn sees them. Given
float32 input, scikit-learn computes cosine distances in float32 (sgemm) and rounds euclidean
distances back to float32, so near-tied neighbours can swap places and a kNN accuracy can move
by one vote. taskspace reads float32 and accumulates in double, which is what the float64
path computes; the script prints how far the float32 path is from it, for the record.

Usage (Debian: apt-get install python3-sklearn python3-numpy):
  /usr/bin/python3 scripts/sklearn_metric_fixtures.py
"""
import json
import os

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness
from sklearn.metrics import silhouette_score
from sklearn.model_selection import PredefinedSplit, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier, NearestNeighbors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "dev", "taskspace", "project")


def folds_of(labels, n_splits):
    folds = np.full(len(labels), -1, dtype=np.int64)
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=0)
    for f, (_, test) in enumerate(cv.split(np.zeros(len(labels)), labels)):
        folds[test] = f
    assert (folds >= 0).all()
    return folds


def knn_accuracy(x, labels, folds, k, metric):
    clf = KNeighborsClassifier(n_neighbors=k, metric=metric, algorithm="brute")
    return float(np.mean(cross_val_score(clf, x, labels, cv=PredefinedSplit(folds))))


def knn_lists(x, k, metric):
    nn = NearestNeighbors(n_neighbors=k, metric=metric, algorithm="brute").fit(x)
    dist, ind = nn.kneighbors()
    # Sorted by distance; a tie would make the order (and the test) ambiguous: refuse one.
    assert (np.diff(dist, axis=1) > 1e-12).all(), "near-tied neighbours in a fixture"
    return ind


def jaccard(a, b):
    return [len(set(r) & set(s)) / len(set(r) | set(s)) for r, s in zip(a.tolist(), b.tolist())]


def figures(x32, layout32, labels, test_folds, k_trust):
    """Every figure, on float64 copies of the float32 data (see the module docstring)."""
    x, layout = x32.astype(np.float64), layout32.astype(np.float64)
    return {
        "knn_accuracy_cosine_10": knn_accuracy(x, labels, test_folds, 10, "cosine"),
        "knn_accuracy_euclidean_10": knn_accuracy(x, labels, test_folds, 10, "euclidean"),
        "knn_accuracy_layout_10": knn_accuracy(layout, labels, test_folds, 10, "euclidean"),
        "silhouette_cosine": float(silhouette_score(x, labels, metric="cosine")),
        "silhouette_euclidean": float(silhouette_score(x, labels, metric="euclidean")),
        "silhouette_layout": float(silhouette_score(layout, labels, metric="euclidean")),
        "trustworthiness_k": k_trust,
        "trustworthiness": float(trustworthiness(x, layout, n_neighbors=k_trust)),
    }


def report_float32_path(name, x32, layout32, labels, folds, k_trust, expected):
    with np.errstate(all="ignore"):
        f32 = {
            "knn_accuracy_cosine_10": knn_accuracy(x32, labels, folds, 10, "cosine"),
            "silhouette_cosine": float(silhouette_score(x32, labels, metric="cosine")),
            "silhouette_euclidean": float(silhouette_score(x32, labels, metric="euclidean")),
            "trustworthiness": float(trustworthiness(x32, layout32, n_neighbors=k_trust)),
        }
    for key, v in f32.items():
        print(f"  {name} {key}: float64 path {expected[key]!r}, float32 path {v!r} (diff {v - expected[key]:.2e})")


def save(name, array):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array, dtype="<f4"))


def write_json(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def clusters():
    rng = np.random.RandomState(20251128)
    sizes, dims = [100, 80, 60, 40, 20], 32
    centres = rng.normal(0.0, 1.0, size=(len(sizes), dims))
    # A shared offset keeps the vectors away from the origin (cosine differs from euclidean);
    # a wide spread overlaps the clusters.
    offset = rng.normal(0.0, 1.0, size=dims) * 2.0
    labels = np.concatenate([np.full(s, i) for i, s in enumerate(sizes)])
    x = offset + centres[labels] + rng.normal(0.0, 1.6, size=(labels.size, dims))
    order = rng.permutation(labels.size)  # labels interleaved, not in blocks
    x32, labels = x[order].astype(np.float32), labels[order]
    layout32 = (PCA(n_components=2, random_state=0).fit_transform(x32.astype(np.float64))
                + rng.normal(0.0, 0.6, size=(labels.size, 2))).astype(np.float32)
    moved = np.arange(labels.size) % 3 == 0
    perturbed32 = (x32 + moved[:, None] * rng.normal(0.0, 1.2, size=x32.shape)).astype(np.float32)

    folds = folds_of(labels, 5)
    expected = figures(x32, layout32, labels, folds, 15)
    a = knn_lists(x32.astype(np.float64), 10, "cosine")
    b = knn_lists(perturbed32.astype(np.float64), 10, "cosine")
    expected["knn_euclidean_10"] = knn_lists(x32.astype(np.float64), 10, "euclidean").tolist()
    expected["knn_cosine_10"] = a.tolist()
    expected["knn_cosine_10_perturbed"] = b.tolist()
    expected["jaccard_10"] = jaccard(a, b)
    expected["trustworthiness_perturbed"] = float(
        trustworthiness(perturbed32.astype(np.float64), layout32.astype(np.float64), n_neighbors=15))
    report_float32_path("clusters", x32, layout32, labels, folds, 15, expected)

    save("clusters-x.npy", x32)
    save("clusters-layout.npy", layout32)
    save("clusters-perturbed.npy", perturbed32)
    write_json("clusters.json", {"labels": labels.tolist(), "n_folds": 5, "folds": folds.tolist(),
                                 "test_folds": folds.tolist(), "expected": expected})
    print("clusters:", {k: v for k, v in expected.items() if not isinstance(v, list)})


def edge():
    rng = np.random.RandomState(7)
    # Labels 0, 1 and 3 (no 2: label values need not be contiguous); label 3 has one member,
    # whose silhouette is 0 by definition.
    labels = np.array([0] * 20 + [1] * 19 + [3])
    x = rng.normal(0.0, 1.0, size=(40, 8)) + labels[:, None] * 0.8
    x[5] = 0.0  # cosine distance 1 to every point
    order = rng.permutation(40)
    x32, labels = x[order].astype(np.float32), labels[order]
    layout32 = rng.normal(0.0, 1.0, size=(40, 2)).astype(np.float32) + labels[:, None].astype(np.float32)
    folds = folds_of(labels, 3)  # scikit-learn warns: label 3 has fewer members than splits
    test_folds = folds.copy()
    test_folds[(x32 == 0).all(axis=1)] = -1
    expected = figures(x32, layout32, labels, test_folds, 5)
    report_float32_path("edge", x32, layout32, labels, test_folds, 5, expected)
    save("edge-x.npy", x32)
    save("edge-layout.npy", layout32)
    write_json("edge.json", {"labels": labels.tolist(), "n_folds": 3, "folds": folds.tolist(),
                             "test_folds": test_folds.tolist(), "expected": expected})
    print("edge:", expected)


if __name__ == "__main__":
    import warnings
    warnings.filterwarnings("ignore", message="The least populated class")
    os.makedirs(OUT, exist_ok=True)
    clusters()
    edge()

#!/usr/bin/python3
"""Data for the projection (UMAP) benchmarks in BENCHMARKS.md; nothing here is committed data.

Steps (scripts/bench_projection_data.sh runs them all, with the taskspace commands between):

  newsgroups-jsonl OUT.jsonl CLEANED_CORPUS.jsonl ARCHIVE.tar.gz
      All 18,846 posts of 20 Newsgroups as one JSON Lines corpus: the text taskspace's corpus
      stage cleaned (scikit-learn's header/footer/quote removal) where that is not empty, and
      for the 515 posts it empties, the raw post (headers included, whitespace collapsed, cut at
      5,000 characters), so that every post is one distinct point.
  lift IN.npy OUT.npy DIMS SEED
      [n, d] float32 -> [n, DIMS] float32 through a random matrix with orthonormal columns
      (numpy QR of a seeded DIMS x d Gaussian): dot products, distances and hence every
      neighbour ranking are preserved exactly (up to float32 rounding), the arithmetic cost is
      that of DIMS dimensions.
  labels CORPUS_DIR OUT.npy
      int32 label index per row of CORPUS_DIR/embeddings/ids.txt (sorted label names).
  lsa CORPUS.jsonl OUT.npy DIMS SEED
      Latent semantic analysis of a JSON Lines corpus (e.g. ng18846-all.jsonl): scikit-learn's
      TfidfVectorizer (sublinear tf, English stop words, min_df 2) and TruncatedSVD to DIMS
      dimensions (seed SEED), rows normalised. Real text's neighbourhoods in minutes, where the
      bundled model takes 10-20 minutes (or far more on a busy machine) for all 18,846 posts.
  synth OUT_VECTORS.npy OUT_LABELS.npy N DIMS CLUSTERS SEED
      N unit vectors in DIMS dimensions: CLUSTERS Gaussian clusters whose centres lie in a
      random 32-d subspace, plus isotropic noise, normalised; int32 labels.
  structured OUT_VECTORS.npy OUT_LABELS.npy N DIMS CLUSTERS INNER SEED
      Harder than synth: CLUSTERS clusters whose centres lie in a random 32-d subspace, each
      spread along its own random INNER-d subspace (standard deviation 1.5 per direction, as far
      across as the centres are apart) plus isotropic noise of norm ~1, normalised; int32 labels.
"""
import json
import re
import sys
import tarfile

import numpy as np


def newsgroups_jsonl(out, cleaned, archive):
    texts = {}
    with open(cleaned, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts[r["id"]] = r["text"]
    rows, raw_used = [], 0
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar:
            if not m.isfile():
                continue
            top, label, name = m.name.split("/")[-3:]
            split = top.replace("20news-bydate-", "")
            doc_id = f"{split}/{label}/{name}"
            text = texts.get(doc_id)
            if text is None:
                raw = tar.extractfile(m).read().decode("latin-1").replace("\r\n", "\n")
                text = re.sub(r"\s+", " ", raw).strip()[:5000]
                raw_used += 1
            rows.append({"id": doc_id, "label": label, "text": text})
    rows.sort(key=lambda r: r["id"])
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{out}: {len(rows)} posts, {len(rows) - raw_used} cleaned, {raw_used} raw (cleaning left them empty)")


def lift(src, dst, dims, seed):
    x = np.load(src).astype(np.float32)
    n, d = x.shape
    q, _ = np.linalg.qr(np.random.default_rng(seed).standard_normal((dims, d)))  # dims x d, orthonormal columns
    y = (x.astype(np.float64) @ q.T).astype(np.float32)
    np.save(dst, np.ascontiguousarray(y))
    i = np.random.default_rng(0).choice(n, size=min(n, 200), replace=False)
    err = np.abs(x[i].astype(np.float64) @ x.T.astype(np.float64) - y[i].astype(np.float64) @ y.T.astype(np.float64)).max()
    print(f"{dst}: {y.shape} float32 from {x.shape}; max |<x_i,x_j> - <y_i,y_j>| over 200 rows: {err:.2e}")


def labels(corpus_dir, dst):
    by_id = {}
    with open(f"{corpus_dir}/corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            by_id[r["id"]] = r.get("label")
    with open(f"{corpus_dir}/embeddings/ids.txt", encoding="utf-8") as f:
        ids = [l.rstrip("\n") for l in f if l.strip()]
    names = sorted({by_id[i] for i in ids})
    lab = np.array([names.index(by_id[i]) for i in ids], dtype=np.int32)
    np.save(dst, lab)
    print(f"{dst}: {lab.shape} int32, {len(names)} labels")


def lsa(corpus, dst, dims, seed):
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    with open(corpus, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2, dtype=np.float32).fit_transform(texts)
    x = TruncatedSVD(n_components=dims, random_state=seed).fit_transform(tfidf).astype(np.float64)
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    x = (x / np.where(norm > 0, norm, 1)).astype(np.float32)
    np.save(dst, x)
    print(f"{dst}: {x.shape} float32, LSA of {len(texts)} texts ({tfidf.shape[1]} terms), rows at unit length")


def synth(dst, dst_labels, n, dims, clusters, seed):
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((dims, 32)))  # a random 32-d subspace
    centres = rng.standard_normal((clusters, 32)) @ basis.T  # |centre| ~ sqrt(32)
    lab = rng.integers(0, clusters, size=n).astype(np.int32)
    x = np.empty((n, dims), dtype=np.float32)
    sigma = 4.0 / np.sqrt(dims)  # noise of norm ~4 per point; centres have norm ~5.7 and lie ~8 apart
    for s in range(0, n, 10_000):
        e = min(n, s + 10_000)
        v = centres[lab[s:e]] + sigma * rng.standard_normal((e - s, dims))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        x[s:e] = v
    np.save(dst, x)
    np.save(dst_labels, lab)
    print(f"{dst}: {x.shape} float32 unit vectors, {clusters} clusters in a 32-d subspace; {dst_labels}: {lab.shape} int32")


def structured(dst, dst_labels, n, dims, clusters, inner, seed):
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.standard_normal((dims, 32)))
    centres = rng.standard_normal((clusters, 32)) @ basis.T
    spans = [np.linalg.qr(rng.standard_normal((dims, inner)))[0] for _ in range(clusters)]
    lab = rng.integers(0, clusters, size=n).astype(np.int32)
    x = np.empty((n, dims), dtype=np.float32)
    for s in range(0, n, 10_000):
        e = min(n, s + 10_000)
        v = centres[lab[s:e]] + rng.standard_normal((e - s, dims)) / np.sqrt(dims)
        for c in range(clusters):
            rows = np.nonzero(lab[s:e] == c)[0]
            v[rows] += (1.5 * rng.standard_normal((len(rows), inner))) @ spans[c].T
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        x[s:e] = v
    np.save(dst, x)
    np.save(dst_labels, lab)
    print(f"{dst}: {x.shape} float32 unit vectors, {clusters} clusters with {inner}-d inner structure; {dst_labels}: {lab.shape} int32")


if __name__ == "__main__":
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    if a[0] == "newsgroups-jsonl":
        newsgroups_jsonl(a[1], a[2], a[3])
    elif a[0] == "lift":
        lift(a[1], a[2], int(a[3]), int(a[4]))
    elif a[0] == "labels":
        labels(a[1], a[2])
    elif a[0] == "lsa":
        lsa(a[1], a[2], int(a[3]), int(a[4]))
    elif a[0] == "synth":
        synth(a[1], a[2], int(a[3]), int(a[4]), int(a[5]), int(a[6]))
    elif a[0] == "structured":
        structured(a[1], a[2], int(a[3]), int(a[4]), int(a[5]), int(a[6]), int(a[7]))
    else:
        sys.exit(__doc__)

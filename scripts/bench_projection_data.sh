#!/usr/bin/env bash
# Data for the projection (UMAP) benchmarks in BENCHMARKS.md, written under $OUT
# (default /tmp/taskspace-bench); nothing here is committed. Run from the repository root:
#   scripts/bench_projection_data.sh [path/to/20news-bydate.tar.gz]
# Embedding all 18,846 posts with the bundled all-minilm-l6-v2-q takes about 20 minutes on 2 cores.
set -euo pipefail
ARCHIVE=${1:-../shared/data/20news-bydate.tar.gz}
OUT=${OUT:-/tmp/taskspace-bench}
PY=/usr/bin/python3
DATA="$PY scripts/bench_projection_data.py"
MODEL=all-minilm-l6-v2-q   # the fastest bundled model (6 layers, int8, 384 dimensions)
mkdir -p "$OUT"

# demo800: the demo's 800-document sample, default task
./taskspace corpus --newsgroups "$ARCHIVE" -q --out "$OUT/demo800"
nice -n 5 ./taskspace embed --model $MODEL --tasks default -q --out "$OUT/demo800"
cp "$OUT/demo800/embeddings/default.npy" "$OUT/demo800-384.npy"
$DATA labels "$OUT/demo800" "$OUT/demo800-labels.npy"

# ng18846: every post of 20 Newsgroups (the 515 that cleaning empties as raw posts), default task
./taskspace corpus --newsgroups "$ARCHIVE" --categories all --per-label all --min-chars 1 -q --out "$OUT/ng-cleaned"
$DATA newsgroups-jsonl "$OUT/ng18846-all.jsonl" "$OUT/ng-cleaned/corpus.jsonl" "$ARCHIVE"
./taskspace corpus -i "$OUT/ng18846-all.jsonl" -q --out "$OUT/ng18846"
nice -n 5 ./taskspace embed --model $MODEL --tasks default -q --out "$OUT/ng18846"
cp "$OUT/ng18846/embeddings/default.npy" "$OUT/ng18846-384.npy"
$DATA lift "$OUT/ng18846-384.npy" "$OUT/ng18846-1024.npy" 1024 42
$DATA labels "$OUT/ng18846" "$OUT/ng18846-labels.npy"

# synth100k: 100,000 x 1024 clustered unit vectors
$DATA synth "$OUT/synth100k.npy" "$OUT/synth100k-labels.npy" 100000 1024 50 42
ls -l "$OUT"/*.npy

// umap-js on a float32 .npy matrix, for BENCHMARKS.md ("Projection (UMAP)"). Benchmark only:
// the product never runs node.
//
//   node --max-old-space-size=8192 run.mjs IN.npy OUT.npy [--seed 42] [--neighbors 15] [--min-dist 0.1] [--epochs N]
//       [--knn-out PREFIX]
//
// --knn-out also writes umap-js's neighbour graph as PREFIX-index.npy and PREFIX-distance.npy
// (float32 [n, neighbors], as umap-js returns it: nearest first, usually the point itself first),
// for ProjectBench --knn; OUT "-" stops after the neighbours.
//
// Rows are scaled to unit length first (as taskspace's Umap does; umap-js's default distance is
// euclidean, whose neighbour order on unit vectors is cosine's). Phases timed separately:
//   knn     umap-js's nearest neighbours (random-projection trees + NN-descent)
//   graph   fuzzy simplicial set, search graph, random initial layout, optimiser set-up
//           (initializeFit with the neighbours precomputed)
//   layout  the optimisation epochs (step() until done; default epoch count)
// and written as a float32 [n, 2] .npy.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { UMAP } from 'umap-js';

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: node run.mjs IN.npy OUT.npy [--seed 42] [--neighbors 15] [--min-dist 0.1] [--epochs N] [--knn-out PREFIX]');
  process.exit(2);
}
const [input, output] = args;
const opt = { seed: 42, neighbors: 15, 'min-dist': 0.1, epochs: 0, 'knn-out': '' };
for (let i = 2; i < args.length; i += 2) {
  const name = args[i].replace(/^--/, '');
  if (!(name in opt) || i + 1 >= args.length) throw new Error(`unknown or incomplete option ${args[i]}`);
  opt[name] = typeof opt[name] === 'string' ? args[i + 1] : Number(args[i + 1]);
}

/** mulberry32: a small seeded PRNG with uniform output in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 2-D little-endian float32 C-order .npy (versions 1-3) as rows of plain numbers. */
function readNpy(file) {
  const buf = readFileSync(file);
  if (buf.readUInt8(0) !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${file} is not a .npy file`);
  const major = buf.readUInt8(6);
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, start);
  const m = header.match(/'descr': '<f4', 'fortran_order': False, 'shape': \((\d+), (\d+),?\)/);
  if (!m) throw new Error(`${file}: expected a 2-D little-endian float32 C-order matrix, header ${header.trim()}`);
  const n = Number(m[1]), d = Number(m[2]);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + start + n * d * 4));
  if (buf.length !== start + n * d * 4) throw new Error(`${file}: ${buf.length - start} data bytes for ${n} x ${d}`);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = Array.from(data.subarray(i * d, (i + 1) * d));
    let s = 0;
    for (const v of row) s += v * v;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 1;
    for (let j = 0; j < d; j++) row[j] *= inv;
    rows[i] = row;
  }
  return { rows, n, d };
}

function writeNpy(file, rows) {
  const n = rows.length, d = rows[0].length;
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, ${d}), }`;
  const pad = (64 - ((10 + dict.length + 1) % 64)) % 64;
  dict += ' '.repeat(pad) + '\n';
  const head = Buffer.alloc(10);
  head.writeUInt8(0x93, 0);
  head.write('NUMPY', 1, 'latin1');
  head.writeUInt8(1, 6);
  head.writeUInt8(0, 7);
  head.writeUInt16LE(dict.length, 8);
  const body = new Float32Array(n * d);
  rows.forEach((r, i) => body.set(r, i * d));
  writeFileSync(file + '.tmp', Buffer.concat([head, Buffer.from(dict, 'latin1'), Buffer.from(body.buffer)]));
  renameSync(file + '.tmp', file);
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const t0 = now();
const { rows, n, d } = readNpy(input);
const tRead = now() - t0;

const umap = new UMAP({
  nComponents: 2,
  nNeighbors: opt.neighbors,
  minDist: opt['min-dist'],
  random: mulberry32(opt.seed),
  ...(opt.epochs > 0 ? { nEpochs: opt.epochs } : {}),
});
const t1 = now();
// The same work initializeFit would do first, timed on its own (nearestNeighbors is private in
// the typings, public in the JavaScript), then handed back as precomputed neighbours.
const knn = umap.nearestNeighbors(rows);
umap.setPrecomputedKNN(knn.knnIndices, knn.knnDistances);
const t2 = now();
console.error(`knn done: ${(t2 - t1).toFixed(2)} s`);
if (opt['knn-out']) {
  writeNpy(`${opt['knn-out']}-index.npy`, knn.knnIndices);
  writeNpy(`${opt['knn-out']}-distance.npy`, knn.knnDistances);
  console.error(`wrote ${opt['knn-out']}-index.npy and -distance.npy`);
}
if (output === '-') process.exit(0);
const epochs = umap.initializeFit(rows);
const t3 = now();
console.error(`graph+init done: ${(t3 - t2).toFixed(2)} s; ${epochs} epochs to go`);
for (let e = 0; e < epochs; e++) {
  umap.step();
  if ((e + 1) % 50 === 0 && e + 1 < epochs) console.error(`epoch ${e + 1}: ${(now() - t3).toFixed(2)} s`);
}
const t4 = now();
const layout = umap.getEmbedding();
writeNpy(output, layout);

const f = (s) => s.toFixed(2);
console.log(`umap-js ${JSON.parse(readFileSync(new URL('./node_modules/umap-js/package.json', import.meta.url))).version}, node ${process.version}: `
  + `${n} x ${d}, nNeighbors ${opt.neighbors}, minDist ${opt['min-dist']}, seed ${opt.seed}, ${epochs} epochs`);
console.log(`read ${f(tRead)} s | knn ${f(t2 - t1)} s | graph+init ${f(t3 - t2)} s | layout ${f(t4 - t3)} s | total (knn..layout) ${f(t4 - t1)} s`);
console.log(`wrote ${output}`);

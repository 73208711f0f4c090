// Loading the map folder: map.json (the manifest), documents.json and little-endian binary
// arrays. What the first frame needs (positions, labels) comes first; previews, drift, scores
// and neighbour lists load after it (map.extras).

const SCHEMA = 1;

/** A failure the page shows to the user as it is. */
export class MapError extends Error {}

/**
 * Loads the map under `base` (e.g. 'map/'). Resolves once the first frame can be drawn; the
 * returned map's `extras` promise resolves when drift, scores and neighbours are in.
 */
export async function loadMap(base, onProgress = () => {}) {
  onProgress('Loading map.json…');
  const manifest = await fetchJson(base + 'map.json');
  if (manifest.artefact !== 'taskspace.map') throw new MapError(`${base}map.json is not a taskspace map.`);
  if (!(manifest.schema >= 1)) throw new MapError(`${base}map.json has no valid schema number.`);
  if (manifest.schema > SCHEMA) {
    throw new MapError(`This map has schema ${manifest.schema}, newer than this page reads (${SCHEMA}): write the site again with a newer taskspace.`);
  }
  const n = manifest.documents | 0;
  const k = manifest.neighbours | 0;
  const tasks = (manifest.tasks || []).map((t) => ({
    name: String(t.name),
    instruction: t.instruction == null ? null : String(t.instruction),
    lookFor: t.lookFor == null ? '' : String(t.lookFor),
    figures: t.figures || {},
    // regions of this task's layout: [{words, size}], members in map.regions[t] once the extras are in
    regions: Array.isArray(t.regions) ? t.regions.map((r) => ({words: (r.words || []).map(String), size: r.size | 0})) : [],
    categoryNeighbours: Array.isArray(t.categoryNeighbours) && t.categoryNeighbours.length ? t.categoryNeighbours : null,
    // A 2-D layout imported from elsewhere (taskspace import): the model that made it; null when embedded here.
    importedFrom: t.imported && t.imported.model != null ? String(t.imported.model) : null,
  }));
  if (tasks.length === 0) throw new MapError('The map has no tasks.');
  // Whose neighbours a task's drift counts against: the first task, or for an imported 2-D map
  // the first imported map (taskspace import stores it so: 2-D neighbours against 2-D neighbours).
  const firstImported = tasks.findIndex((t) => t.importedFrom != null);
  tasks.forEach((t) => { t.driftRef = t.importedFrom != null ? firstImported : 0; });
  const files = manifest.files || {};

  onProgress(`Loading ${n.toLocaleString('en')} documents…`);
  const [docs, coords] = await Promise.all([
    fetchJson(base + 'documents.json'),
    fetchArray(base, files, 'coords.f32', Float32Array, tasks.length * n * 2),
  ]);
  const labelIndex = Int32Array.from(docs.label || [], (v) => (v == null ? -1 : v));
  // Maps written before previews.json hold the previews in documents.json.
  const inline = !files['previews.json'];
  if (!Array.isArray(docs.ids) || docs.ids.length !== n || labelIndex.length !== n || (inline && (docs.preview || []).length !== n)) {
    throw new MapError(`${base}documents.json does not have ${n} documents, as map.json says: write the map again.`);
  }
  const layouts = tasks.map((_, t) => coords.subarray(t * n * 2, (t + 1) * n * 2));
  const map = {
    base,
    manifest,
    n,
    k,
    tasks,
    labels: (manifest.labels || []).map(String),
    axes: (manifest.axes || []).map((a) => ({name: String(a.name), task: String(a.task), negative: String(a.negative), positive: String(a.positive)})),
    provenance: manifest.provenance || {},
    ids: docs.ids.map(String),
    label: labelIndex,
    // One array for the page's life: filled in place when previews.json arrives (empty until then).
    previews: inline ? docs.preview.map((p) => (p == null ? '' : String(p))) : new Array(n).fill(''),
    layouts, // Float32Array [n * 2] per task, in one shared frame (the layouts are aligned)
    bounds: bounds(layouts), // robust: a few far outliers may fall outside
    drift: null, // Float32Array [n] per task
    scores: null, // Float32Array [n] per axis
    neighbours: null, // Int32Array [tasks * n * k]
    regions: null, // Int32Array [n] per task: region index or -1
    driftRecomputed: false, // an older map (1 - Jaccard stored): drift recomputed from the neighbour lists
  };
  map.extras = loadExtras(map, files);
  return map;
}

async function loadExtras(map, files) {
  const {base, n, k, tasks, axes} = map;
  const [previews, drift, scores, neighbours, regions] = await Promise.all([
    files['previews.json'] ? fetchJson(base + 'previews.json') : null,
    fetchArray(base, files, 'drift.f32', Float32Array, tasks.length * n),
    fetchArray(base, files, 'scores.f32', Float32Array, axes.length * n),
    fetchArray(base, files, 'neighbours.i32', Int32Array, tasks.length * n * k),
    files['regions.i32'] ? fetchArray(base, files, 'regions.i32', Int32Array, tasks.length * n) : null,
  ]);
  if (previews) {
    if (!Array.isArray(previews.preview) || previews.preview.length !== n) {
      throw new MapError(`${base}previews.json does not have ${n} previews, as map.json says: write the map again.`);
    }
    for (let i = 0; i < n; i++) map.previews[i] = previews.preview[i] == null ? '' : String(previews.preview[i]);
  }
  map.drift = tasks.map((_, t) => drift.subarray(t * n, (t + 1) * n));
  map.scores = axes.map((_, a) => scores.subarray(a * n, (a + 1) * n));
  map.neighbours = neighbours;
  map.regions = regions ? tasks.map((_, t) => regions.subarray(t * n, (t + 1) * n)) : null;
  if (map.manifest.drift == null && k > 0) {
    // Written before drift meant "share of new neighbours" (it was 1 - Jaccard): one definition on this page.
    map.drift = tasks.map((_, t) => driftBetween(map, 0, t));
    map.driftRecomputed = true;
  }
  return map;
}

/** The nearest neighbours of document i in task t (indices), or null before they load. */
export function neighboursOf(map, t, i) {
  if (!map.neighbours || map.k === 0) return map.neighbours ? [] : null;
  const start = (t * map.n + i) * map.k;
  return Array.from(map.neighbours.subarray(start, start + map.k)).filter((j) => j >= 0 && j < map.n && j !== i);
}

/**
 * Drift of every document from task a to task b: the share of its nearest neighbours under b
 * that are not among its neighbours under a (the map's one definition of drift; with a = 0 it
 * is the stored drift). Float32Array [n].
 */
export function driftBetween(map, a, b) {
  const {n, k, neighbours} = map;
  const out = new Float32Array(n);
  if (!neighbours || k === 0) return out;
  const seen = new Set(), here = new Set();
  for (let i = 0; i < n; i++) {
    seen.clear();
    here.clear();
    const ra = (a * n + i) * k, rb = (b * n + i) * k;
    for (let j = 0; j < k; j++) seen.add(neighbours[ra + j]);
    let fresh = 0, count = 0;
    for (let j = 0; j < k; j++) {
      const x = neighbours[rb + j];
      if (x < 0 || x >= n || x === i || here.has(x)) continue;
      here.add(x);
      count++;
      if (!seen.has(x)) fresh++;
    }
    out[i] = count ? fresh / count : 0;
  }
  return out;
}

/** At most this many points (over all tasks) are sorted for the percentiles. */
const BOUNDS_SAMPLE = 65536;
/** The share of points each side that may fall outside the fitted view: far outliers. */
const BOUNDS_TAIL = 0.005;
/** Room added each side of the percentile range, as a share of it (never past the outermost point). */
const BOUNDS_PAD = 0.08;

/**
 * The frame that every task is shown in (one for all, so the view stays still during a morph):
 * the 0.5th to 99.5th percentiles of x and y over all tasks' layouts (far outliers, beyond 3
 * interquartile ranges of the quartiles, left out first), padded a little, so that a far cluster
 * of a few points in one task does not shrink every task to a corner. The
 * percentiles come from an even sample of at most BOUNDS_SAMPLE points: cheap for millions.
 */
export function bounds(layouts) {
  let total = 0;
  for (const xy of layouts) total += xy.length >> 1;
  const step = Math.max(1, total / BOUNDS_SAMPLE);
  const xs = new Float32Array(Math.min(total, BOUNDS_SAMPLE) + 1), ys = new Float32Array(xs.length);
  let m = 0, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  let next = 0, offset = 0; // next: the sample's next point, counted over all layouts
  for (const xy of layouts) {
    const n = xy.length >> 1;
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (offset + i >= next && m < xs.length) {
        xs[m] = x;
        ys[m++] = y;
        next += step;
      }
    }
    offset += n;
  }
  if (!(minX <= maxX)) return {minX: -1, minY: -1, maxX: 1, maxY: 1};
  const [loX, hiX] = robustRange(xs.subarray(0, m), minX, maxX);
  const [loY, hiY] = robustRange(ys.subarray(0, m), minY, maxY);
  // A single point, or all on a line: give the frame some size, relative to where it is.
  const least = 1e-3 * Math.max(1, Math.abs(loX), Math.abs(hiX), Math.abs(loY), Math.abs(hiY));
  const widen = (lo, hi) => (hi - lo >= least ? [lo, hi] : [(lo + hi) / 2 - least / 2, (lo + hi) / 2 + least / 2]);
  const [x0, x1] = widen(loX, hiX), [y0, y1] = widen(loY, hiY);
  return {minX: x0, minY: y0, maxX: x1, maxY: y1, all: {minX, minY, maxX, maxY}};
}

/** How far beyond the quartiles (in interquartile ranges) a point counts as a far outlier (Tukey's "far out"). */
const BOUNDS_FENCE = 3;

function robustRange(sample, min, max) {
  if (sample.length < 2) return [min, max];
  sample.sort();
  const quantile = (a, q) => a[Math.min(a.length - 1, Math.max(0, Math.round(q * (a.length - 1))))];
  // Far outliers first (beyond 3 interquartile ranges of the quartiles), so that a small far
  // group of points, even over 0.5% of a task's, does not shrink the view; then the percentiles.
  const q1 = quantile(sample, 0.25), q3 = quantile(sample, 0.75), iqr = q3 - q1;
  let kept = sample;
  if (iqr > 0) {
    const from = lowerBound(sample, q1 - BOUNDS_FENCE * iqr), to = lowerBound(sample, q3 + BOUNDS_FENCE * iqr, true);
    if (to - from >= 2) kept = sample.subarray(from, to);
  }
  const lo = quantile(kept, BOUNDS_TAIL), hi = quantile(kept, 1 - BOUNDS_TAIL), pad = (hi - lo) * BOUNDS_PAD;
  return [Math.max(min, lo - pad), Math.min(max, hi + pad)];
}

/** The first index of sorted `a` whose value is >= v (or > v when `after`). */
function lowerBound(a, v, after = false) {
  let lo = 0, hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after ? a[mid] <= v : a[mid] < v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

async function fetchJson(url) {
  const response = await get(url);
  try {
    return await response.json();
  } catch (e) {
    throw new MapError(`${url} is not valid JSON (${e.message}): write the map again.`);
  }
}

async function fetchArray(base, files, name, Type, length) {
  const entry = files[name];
  if (!entry) throw new MapError(`map.json does not list ${name}: write the map again.`);
  const want = length * 4;
  if (entry.bytes !== want) throw new MapError(`map.json says ${name} has ${entry.bytes} bytes, its shape needs ${want}.`);
  const buffer = await (await get(base + name)).arrayBuffer();
  if (buffer.byteLength !== want) {
    throw new MapError(`${base}${name} has ${buffer.byteLength} bytes, map.json says ${want}: the map is damaged or changed while loading; reload.`);
  }
  return littleEndian(new Type(buffer));
}

async function get(url) {
  let response;
  try {
    response = await fetch(url, {cache: 'no-cache'});
  } catch (e) {
    throw new MapError(`Could not fetch ${url} (${e.message}). If you opened this page as a file, serve its folder over HTTP instead (e.g. python3 -m http.server).`);
  }
  if (!response.ok) {
    const hint = response.status === 404 ? ' Is this the folder that taskspace site wrote, with its map/ beside index.html?' : '';
    throw new MapError(`Could not load ${url}: HTTP ${response.status}.${hint}`);
  }
  return response;
}

const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The arrays are little-endian on disk; swap bytes on a big-endian machine. */
function littleEndian(array) {
  if (LITTLE) return array;
  const view = new DataView(array.buffer);
  const out = new array.constructor(array.length);
  const isFloat = array instanceof Float32Array;
  for (let i = 0; i < array.length; i++) out[i] = isFloat ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  return out;
}

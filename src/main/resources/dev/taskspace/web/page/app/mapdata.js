// Loading the map folder: map.json (the manifest), documents.json and little-endian binary
// arrays. What the first frame needs (positions, labels) comes first; drift, scores and
// neighbour lists load after it (map.extras).

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
  }));
  if (tasks.length === 0) throw new MapError('The map has no tasks.');
  const files = manifest.files || {};

  onProgress(`Loading ${n.toLocaleString('en')} documents…`);
  const [docs, coords] = await Promise.all([
    fetchJson(base + 'documents.json'),
    fetchArray(base, files, 'coords.f32', Float32Array, tasks.length * n * 2),
  ]);
  const labelIndex = Int32Array.from(docs.label || [], (v) => (v == null ? -1 : v));
  if (!Array.isArray(docs.ids) || docs.ids.length !== n || labelIndex.length !== n || (docs.preview || []).length !== n) {
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
    previews: docs.preview.map((p) => (p == null ? '' : String(p))),
    layouts, // Float32Array [n * 2] per task, in one shared frame (the layouts are aligned)
    bounds: bounds(layouts),
    drift: null, // Float32Array [n] per task
    scores: null, // Float32Array [n] per axis
    neighbours: null, // Int32Array [tasks * n * k]
  };
  map.extras = loadExtras(map, files);
  return map;
}

async function loadExtras(map, files) {
  const {base, n, k, tasks, axes} = map;
  const [drift, scores, neighbours] = await Promise.all([
    fetchArray(base, files, 'drift.f32', Float32Array, tasks.length * n),
    fetchArray(base, files, 'scores.f32', Float32Array, axes.length * n),
    fetchArray(base, files, 'neighbours.i32', Int32Array, tasks.length * n * k),
  ]);
  map.drift = tasks.map((_, t) => drift.subarray(t * n, (t + 1) * n));
  map.scores = axes.map((_, a) => scores.subarray(a * n, (a + 1) * n));
  map.neighbours = neighbours;
  return map;
}

/** The nearest neighbours of document i in task t (indices), or null before they load. */
export function neighboursOf(map, t, i) {
  if (!map.neighbours || map.k === 0) return map.neighbours ? [] : null;
  const start = (t * map.n + i) * map.k;
  return Array.from(map.neighbours.subarray(start, start + map.k)).filter((j) => j >= 0 && j < map.n && j !== i);
}

function bounds(layouts) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const xy of layouts) {
    for (let i = 0; i < xy.length; i += 2) {
      const x = xy[i], y = xy[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (!(minX <= maxX)) return {minX: -1, minY: -1, maxX: 1, maxY: 1};
  return {minX, minY, maxX, maxY};
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

// Whole texts, loaded only when asked: one document's for the selection card, all of them for
// search and export. The map keeps them in files of about 1 MiB (texts-C.txt) with an index
// (texts.i32: file, first byte, end byte per document), so any static host serves them. A map
// written before whole texts existed has none: its previews stand in, and `whole` says so.

import {MapError} from './mapdata.js';

export class Texts {
  constructor(map) {
    this.map = map;
    this.chunks = map.manifest.textChunks | 0;
    this.whole = this.chunks > 0;
    this.index = null; // Promise<Int32Array [n * 3]>
    this.files = new Map(); // chunk -> Promise<Uint8Array>
    this.allTexts = null; // Promise<string[]>
    this.decoder = new TextDecoder('utf-8');
    this.loadedBytes = 0;
  }

  /** Bytes of all text files, from the manifest (0 without whole texts). */
  get totalBytes() {
    let sum = 0;
    for (let c = 0; c < this.chunks; c++) sum += (this.map.manifest.files[`texts-${c}.txt`] || {}).bytes || 0;
    return sum;
  }

  /** Document i's whole text (its preview on a map without texts). */
  async text(i) {
    if (!this.whole) return this.map.previews[i];
    if (this.allTexts) return (await this.allTexts)[i];
    const index = await this.loadIndex();
    const bytes = await this.file(index[3 * i]);
    return this.decoder.decode(bytes.subarray(index[3 * i + 1], index[3 * i + 2]));
  }

  /** Every text, in map order; loaded once. onProgress(doneBytes, totalBytes). */
  all(onProgress = () => {}) {
    if (!this.allTexts) this.allTexts = this.whole ? this.loadAll(onProgress) : Promise.resolve(this.map.previews);
    return this.allTexts;
  }

  async loadAll(onProgress) {
    const index = await this.loadIndex();
    const total = this.totalBytes;
    const out = new Array(this.map.n);
    // Two files at a time: steady progress, and the first texts decode while the next ones arrive.
    let next = 0;
    const files = new Array(this.chunks);
    const worker = async () => {
      while (next < this.chunks) {
        const c = next++;
        files[c] = await this.file(c);
        onProgress(this.loadedBytes, total);
      }
    };
    await Promise.all([worker(), worker()]);
    for (let i = 0; i < this.map.n; i++) out[i] = this.decoder.decode(files[index[3 * i]].subarray(index[3 * i + 1], index[3 * i + 2]));
    this.files.clear(); // the strings hold the texts now
    return out;
  }

  loadIndex() {
    if (!this.index) {
      this.index = fetchBytes(this.map.base, this.map.manifest.files, 'texts.i32').then((b) => {
        const index = new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
        if (index.length !== 3 * this.map.n) throw new MapError(`texts.i32 has ${index.length / 3} entries for ${this.map.n} documents: write the map again.`);
        return index;
      });
    }
    return this.index;
  }

  file(c) {
    if (!this.files.has(c)) {
      this.files.set(c, fetchBytes(this.map.base, this.map.manifest.files, `texts-${c}.txt`).then((b) => {
        this.loadedBytes += b.byteLength;
        return b;
      }));
    }
    return this.files.get(c);
  }
}

async function fetchBytes(base, files, name) {
  const entry = files[name];
  if (!entry) throw new MapError(`map.json does not list ${name}: write the map again.`);
  let response;
  try {
    response = await fetch(base + name, {cache: 'no-cache'});
  } catch (e) {
    throw new MapError(`Could not fetch ${base}${name} (${e.message}).`);
  }
  if (!response.ok) throw new MapError(`Could not load ${base}${name}: HTTP ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength !== entry.bytes) throw new MapError(`${base}${name} has ${bytes.byteLength} bytes, map.json says ${entry.bytes}: reload the page.`);
  return bytes;
}

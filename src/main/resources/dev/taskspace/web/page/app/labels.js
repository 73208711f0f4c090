// Region labels over the map: each task's regions (dense areas of its layout, named by their
// most distinctive words when the map was made) drawn at the middle of their documents as they
// are drawn now, so that labels move with the morph and change with the task. Drawn on a 2-D
// canvas laid over the points; the largest regions first, a label that would overlap one
// already drawn is left out. Also draws the ring of a document hovered in a linked view.

/** How many words of a region's name are shown (all of them in the list and on hover). */
export const LABEL_WORDS = 3;

export function regionName(region, words = LABEL_WORDS) {
  return region.words.length ? region.words.slice(0, words).join(' · ') : '';
}

export class LabelLayer {
  /** scene: the Scene it labels; getMap(): the current map */
  constructor(stage, scene, getMap) {
    this.scene = scene;
    this.getMap = getMap;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'label-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    stage.insertBefore(this.canvas, scene.canvas.nextSibling);
    this.ctx = this.canvas.getContext('2d');
    this.enabled = true;
    this.centres = new Map(); // "regionTask/layout" -> Float64Array [regions * 2]
    this.drawn = []; // what the last frame showed, for tests: {region, text, x, y, anchorX, anchorY, box, width, height}
    this.times = []; // the last draw times, ms
    this.linked = -1; // a document to ring (hovered in the other view)
  }

  /** Region centres of task `rt`'s regions in layout `xy` (the mean of their documents' positions). */
  centresIn(rt, xy, key) {
    const map = this.getMap();
    const cacheKey = key == null ? null : `${rt}/${key}`;
    if (cacheKey && this.centres.has(cacheKey)) return this.centres.get(cacheKey);
    const members = map.regions[rt];
    const count = map.tasks[rt].regions.length;
    const sum = new Float64Array(count * 2), num = new Float64Array(count);
    for (let i = 0; i < members.length; i++) {
      const r = members[i];
      if (r < 0 || r >= count) continue;
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      sum[2 * r] += x;
      sum[2 * r + 1] += y;
      num[r]++;
    }
    for (let r = 0; r < count; r++) {
      sum[2 * r] /= Math.max(1, num[r]);
      sum[2 * r + 1] /= Math.max(1, num[r]);
    }
    if (cacheKey) this.centres.set(cacheKey, sum);
    return sum;
  }

  /** The button that shows or hides the labels. */
  toggleButton(changed) {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = 'labels-toggle';
    b.textContent = 'Labels';
    b.title = 'Show or hide the region labels: each region named by the words that set its texts apart';
    b.setAttribute('aria-pressed', String(this.enabled));
    b.addEventListener('click', () => {
      this.enabled = !this.enabled;
      b.setAttribute('aria-pressed', String(this.enabled));
      changed();
    });
    return b;
  }

  /** A new map (live task): the cached centres are stale. */
  reset() {
    this.centres.clear();
  }

  draw() {
    const start = performance.now();
    const {canvas, ctx, scene} = this;
    const dpr = window.devicePixelRatio || 1;
    const w = scene.canvas.clientWidth, h = scene.canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    canvas.style.left = `${scene.canvas.offsetLeft}px`;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    this.drawn = [];
    this.drawnTask = typeof scene.to === 'number' ? scene.to : -1;
    this.drawnT = scene.t;
    const map = this.getMap();
    if (this.linked >= 0 && this.linked < map.n) this.ring(this.linked);
    if (!this.enabled || !map.regions || typeof scene.to !== 'number') return this.finish(start);
    const rt = scene.to;
    const regions = map.tasks[rt].regions;
    if (!regions.length) return this.finish(start);
    const to = this.centresIn(rt, map.layouts[rt], rt);
    const fromXy = scene.source(scene.from);
    const from = scene.from === rt ? to : this.centresIn(rt, fromXy, scene.from === 'snapshot' ? null : scene.from);
    const t = scene.t;
    const order = regions.map((_, r) => r).filter((r) => regions[r].words.length).sort((a, b) => regions[b].size - regions[a].size);
    const boxes = [];
    const largest = regions.reduce((m, r) => Math.max(m, r.size), 1);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    for (const r of order) {
      const x = from[2 * r] + (to[2 * r] - from[2 * r]) * t, y = from[2 * r + 1] + (to[2 * r + 1] - from[2 * r + 1]) * t;
      const [sx, sy] = scene.view.toScreen(x, y);
      if (sx < -50 || sy < -20 || sx > w + 50 || sy > h + 20) continue;
      const text = regionName(regions[r]);
      const size = Math.round(11 + 4 * Math.sqrt(regions[r].size / largest));
      ctx.font = `600 ${size}px system-ui, -apple-system, "Segoe UI", sans-serif`;
      const tw = ctx.measureText(text).width;
      // Kept inside the map: a region near an edge (or a narrow window) has its label moved in, not cut off.
      const lx = within(sx, tw / 2 + 5, w - tw / 2 - 5), ly = within(sy, size / 2 + 4, h - size / 2 - 4);
      const box = [lx - tw / 2 - 3, ly - size / 2 - 2, lx + tw / 2 + 3, ly + size / 2 + 2];
      if (boxes.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      boxes.push(box);
      ctx.globalAlpha = scene.morphing ? 0.35 + 0.65 * t : 1;
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = 'rgba(255,255,255,0.92)';
      ctx.strokeText(text, lx, ly);
      ctx.fillStyle = '#1d2330';
      ctx.fillText(text, lx, ly);
      this.drawn.push({region: r, text, x: lx, y: ly, anchorX: sx, anchorY: sy, box, width: w, height: h});
    }
    ctx.globalAlpha = 1;
    return this.finish(start);
  }

  ring(i) {
    const [x, y] = this.scene.screenPosition(i);
    const ctx = this.ctx;
    ctx.beginPath();
    ctx.arc(x, y, 9, 0, 2 * Math.PI);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = '#15171f';
    ctx.stroke();
  }

  finish(start) {
    this.times.push(performance.now() - start);
    if (this.times.length > 200) this.times.shift();
  }

  /** For tests and benchmarks: the labels drawn last and the median draw time. */
  snapshot() {
    const sorted = this.times.slice().sort((a, b) => a - b);
    return {enabled: this.enabled, labels: this.drawn.map((d) => ({...d})), task: this.drawnTask, t: this.drawnT, draws: this.times.length,
      medianMs: sorted.length ? sorted[sorted.length >> 1] : null};
  }
}

/** `v` moved into [lo, hi]; the middle of the two when they cross (a label wider than the map). */
function within(v, lo, hi) {
  return lo > hi ? (lo + hi) / 2 : Math.min(Math.max(v, lo), hi);
}

// The drawn map: a renderer (WebGL2, else Canvas 2D), the view (zoom and pan), the morph
// between task layouts, hit tests, and frame scheduling.

import {GlRenderer} from './gl-renderer.js';
import {CanvasRenderer} from './canvas-renderer.js';
import {View} from './view.js';
import {GridIndex} from './grid.js';

export const MORPH_MS = 1000;
/**
 * Software WebGL (SwiftShader, in browsers without a GPU) spends about half a microsecond per
 * point; writing pixels from JavaScript is about twenty times cheaper. Above this many points
 * such a browser draws on the Canvas 2D path instead (BENCHMARKS.md has the figures).
 */
const SOFTWARE_GL_MAX_POINTS = 20000;
const ease = (x) => (x < 0.5 ? 4 * x * x * x : 1 - Math.pow(-2 * x + 2, 3) / 2);

export class Scene {
  /** options: {renderer: 'auto' | '2d' | 'webgl', recordFrames, leftInset(), onDraw(scene)} */
  constructor(canvas, options = {}) {
    this.options = options;
    this.canvas = canvas;
    this.reason = options.renderer === '2d' ? 'asked for with ?renderer=2d' : 'WebGL2';
    this.renderer = this.createRenderer(options.renderer === '2d');
    this.view = new View();
    this.layouts = [];
    this.bounds = null;
    this.n = 0;
    this.from = 0; // task index, or 'snapshot'
    this.to = 0; // task index: where the points are going, or are
    this.t = 1;
    this.morph = null; // {start, duration, from, to, stamps}
    this.snapshot = null;
    this.visible = null;
    this.grids = new Map();
    this.frameLog = options.recordFrames ? [] : null;
    this.pending = false;
    this.frames = 0;
  }

  createRenderer(prefer2d) {
    if (!prefer2d) {
      try {
        const gl = new GlRenderer(this.canvas);
        gl.onRestored = () => this.requestDraw(); // a lost context came back: draw it again
        return gl;
      } catch (e) {
        this.reason = `no WebGL2 here (${e.message})`;
        this.freshCanvas();
      }
    }
    return new CanvasRenderer(this.canvas);
  }

  /** A canvas that has given out a WebGL context cannot give a 2D one: a fresh one takes its place. */
  freshCanvas() {
    const fresh = this.canvas.cloneNode(false);
    this.canvas.replaceWith(fresh);
    this.canvas = fresh;
  }

  /** New layouts (a map was loaded, or a task was added); keeps the view unless asked. */
  setLayouts(layouts, bounds, fit) {
    this.layouts = layouts;
    this.bounds = bounds;
    this.n = layouts.length ? layouts[0].length / 2 : 0;
    const r = this.renderer;
    if (r.kind === 'webgl2' && r.software && this.n > SOFTWARE_GL_MAX_POINTS && this.options.renderer !== 'webgl') {
      this.reason = `software WebGL (${r.device.replace(/^ANGLE \(|\)$/g, '')}) with ${this.n.toLocaleString('en')} points: ` +
        'the CPU path is faster here (?renderer=webgl to compare)';
      this.freshCanvas();
      this.renderer = new CanvasRenderer(this.canvas);
    }
    this.grids.clear();
    this.renderer.setLayouts(layouts);
    this.resize();
    if (fit) this.fit();
    this.requestDraw();
  }

  setColours(rgba) {
    this.renderer.setColours(rgba);
    const visible = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) visible[i] = rgba[4 * i + 3] > 0 ? 1 : 0;
    this.visible = visible;
    this.requestDraw();
  }

  setEmphasis(indices) {
    this.renderer.setEmphasis(indices);
    this.requestDraw();
  }

  setSelected(i) {
    this.renderer.setSelected(i);
    this.requestDraw();
  }

  get morphing() {
    return this.morph !== null;
  }

  /** Shows task `to` at once. */
  jumpTo(to) {
    this.morph = null;
    this.from = to;
    this.to = to;
    this.t = 1;
    this.requestDraw();
  }

  /** Moves the points from where they are now to task `to`'s layout. */
  morphTo(to, duration = MORPH_MS) {
    if (to === this.to && !this.morphing) return;
    if (duration <= 0) return this.jumpTo(to);
    if (this.morphing) {
      this.snapshot = this.currentPositions();
      this.renderer.setSnapshot(this.snapshot);
      this.from = 'snapshot';
    } else {
      this.from = this.to;
    }
    this.to = to;
    this.t = 0;
    this.morph = {start: null, duration, from: this.from, to, stamps: [], work: []};
    this.requestDraw();
  }

  /** Float32Array [n * 2] of the positions on screen now. */
  currentPositions() {
    const a = this.source(this.from), b = this.source(this.to), t = this.t;
    const out = new Float32Array(this.n * 2);
    for (let i = 0; i < out.length; i++) out[i] = a[i] + (b[i] - a[i]) * t;
    return out;
  }

  source(which) {
    return which === 'snapshot' ? this.snapshot : this.layouts[which];
  }

  /** Data coordinates of document i as drawn now. */
  position(i) {
    const a = this.source(this.from), b = this.source(this.to), t = this.t;
    return [a[2 * i] + (b[2 * i] - a[2 * i]) * t, a[2 * i + 1] + (b[2 * i + 1] - a[2 * i + 1]) * t];
  }

  /** CSS pixels of document i within the canvas. */
  screenPosition(i) {
    const [x, y] = this.position(i);
    return this.view.toScreen(x, y);
  }

  /** The visible document nearest to a canvas point, within `radius` CSS pixels, or -1. */
  pick(sx, sy, radius) {
    if (this.n === 0) return -1;
    const [x, y] = this.view.toData(sx, sy);
    const r = radius / this.view.scale;
    const accept = (i) => this.visible === null || this.visible[i] === 1;
    if (!this.morphing) {
      let grid = this.grids.get(this.to);
      if (!grid) this.grids.set(this.to, (grid = new GridIndex(this.layouts[this.to])));
      return grid.nearest(x, y, r, accept);
    }
    // Mid-morph: every point, at its interpolated position.
    const a = this.source(this.from), b = this.source(this.to), t = this.t;
    let best = -1, bestD = r * r;
    for (let i = 0; i < this.n; i++) {
      const dx = a[2 * i] + (b[2 * i] - a[2 * i]) * t - x;
      if (dx > r || dx < -r) continue;
      const dy = a[2 * i + 1] + (b[2 * i + 1] - a[2 * i + 1]) * t - y;
      const d = dx * dx + dy * dy;
      if (d <= bestD && accept(i)) { bestD = d; best = i; }
    }
    return best;
  }

  /**
   * Matches the canvas's pixels to its size on screen. Setting a canvas's width or height
   * clears it (to black, for WebGL without alpha), and a frame requested from here would only
   * be drawn in the next animation frame: the browser would show, or a screenshot would
   * capture, the cleared canvas in between. So a canvas that changed size is drawn again at once.
   */
  resize() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, this.canvas.clientWidth), h = Math.max(1, this.canvas.clientHeight);
    let cleared = false;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(h * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
      cleared = true;
    }
    if (this.view.width === 1 && this.view.height === 1 && this.bounds) this.fit();
    else this.view.resize(w, h);
    if (cleared && this.ready()) this.render();
    else this.requestDraw();
  }

  /** Whether the renderer has everything a frame needs (colours come after the layouts). */
  ready() {
    return this.visible !== null && this.visible.length === this.n;
  }

  /** Shows `frame` (default: every task's), clear of the legend (options.leftInset()) when there is room. */
  fit(frame = this.bounds) {
    const inset = this.options.leftInset ? this.options.leftInset() : 0;
    if (frame) this.view.fit(frame, Math.max(1, this.canvas.clientWidth), Math.max(1, this.canvas.clientHeight), inset);
    this.requestDraw();
  }

  /** Dot size in CSS pixels: smaller as the map gets denser, a little larger when zoomed in. */
  pointSize() {
    const area = this.view.width * this.view.height;
    const base = Math.min(10, Math.max(1.5, 0.33 * Math.sqrt(area / Math.max(1, this.n))));
    return Math.min(16, base * Math.pow(this.view.zoom(), 0.4));
  }

  requestDraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame((now) => this.frame(now));
  }

  frame(now) {
    this.pending = false;
    const m = this.morph;
    if (m) {
      if (m.start === null) m.start = now;
      const x = Math.min(1, (now - m.start) / m.duration);
      this.t = ease(x);
      m.stamps.push(now);
      if (x >= 1) this.finishMorph();
    }
    const t0 = m && this.frameLog ? performance.now() : 0;
    this.render();
    if (t0) m.work.push(performance.now() - t0); // the frame's own work (?debug=frames)
    if (this.morph) this.requestDraw();
  }

  /** Draws the current state now (a morph is advanced by frame(), not here). */
  render() {
    const dpr = window.devicePixelRatio || 1;
    this.renderer.draw({from: this.from, to: this.to, t: this.t, clip: this.view.clipTransform(), size: this.pointSize() * dpr,
      moving: this.morphing});
    this.frames++;
    if (this.options.onDraw) this.options.onDraw(this);
  }

  finishMorph() {
    const m = this.morph;
    this.morph = null;
    this.from = this.to;
    this.t = 1;
    if (this.frameLog) this.frameLog.push({from: m.from, to: m.to, points: this.n, renderer: this.renderer.kind, stamps: m.stamps, work: m.work});
  }
}

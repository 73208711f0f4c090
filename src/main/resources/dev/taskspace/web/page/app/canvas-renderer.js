// The Canvas 2D fallback, for browsers without WebGL2: the same interface as GlRenderer, with
// positions interpolated on the CPU. Large maps are written straight into the pixels.

/** Above this many points, dots are written straight into the pixels instead of drawn as paths. */
const PIXELS_ABOVE = 20000;
/**
 * Above this many points, dots are drawn at half their size (a quarter of the pixels) while they
 * move, and at their own size again on the morph's last frame: a million dots of 2 pixels cost
 * a frame more than the display's 16.7 ms, of 1 pixel less (BENCHMARKS.md, "The page in headless
 * Chromium"). A still map is always drawn in full.
 */
const SMALLER_WHILE_MOVING_ABOVE = 300000;

export class CanvasRenderer {
  constructor(canvas) {
    this.kind = 'canvas2d';
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', {alpha: false});
    if (!this.ctx) throw new Error('Canvas 2D is not available');
    this.layouts = [];
    this.snapshot = null;
    this.colours = null;
    this.emphasis = new Uint32Array(0);
    this.selected = -1;
    this.n = 0;
  }

  setLayouts(layouts) {
    this.layouts = layouts;
    this.n = layouts.length ? layouts[0].length / 2 : 0;
  }

  setSnapshot(xy) { this.snapshot = xy; }
  setColours(rgba) { this.colours = rgba; }
  setEmphasis(indices) { this.emphasis = indices; }
  setSelected(i) { this.selected = i; }

  draw(frame) {
    const {ctx, canvas} = this;
    const w = canvas.width, h = canvas.height;
    if (this.n === 0 || !this.colours || this.n <= PIXELS_ABOVE) {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
    }
    if (this.n === 0 || !this.colours) return;
    const a = frame.from === 'snapshot' ? this.snapshot : this.layouts[frame.from];
    const b = frame.to === 'snapshot' ? this.snapshot : this.layouts[frame.to];
    const t = frame.t;
    // clip -> device pixels
    const sx = frame.clip.scale[0] * w / 2, ox = (frame.clip.offset[0] + 1) * w / 2;
    const sy = -frame.clip.scale[1] * h / 2, oy = (1 - frame.clip.offset[1]) * h / 2;
    const px = (i) => (a[2 * i] + (b[2 * i] - a[2 * i]) * t) * sx + ox;
    const py = (i) => (a[2 * i + 1] + (b[2 * i + 1] - a[2 * i + 1]) * t) * sy + oy;
    const c = this.colours;
    const size = frame.size;
    const smaller = frame.moving && this.n > SMALLER_WHILE_MOVING_ABOVE;
    if (this.n > PIXELS_ABOVE) this.pixels(a, b, t, [sx, ox, sy, oy], smaller ? Math.max(1, Math.round(size) / 2) : size, w, h);
    else {
      for (let i = 0; i < this.n; i++) {
        if (c[4 * i + 3] === 0) continue;
        ctx.fillStyle = `rgba(${c[4 * i]},${c[4 * i + 1]},${c[4 * i + 2]},${c[4 * i + 3] / 255})`;
        ctx.beginPath();
        ctx.arc(px(i), py(i), size / 2, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    const big = Math.max(7, size * 1.8);
    for (const i of this.emphasis) this.ring(i, px(i), py(i), big);
    if (this.selected >= 0) this.ring(this.selected, px(this.selected), py(this.selected), big * 1.6);
  }

  ring(i, x, y, size) {
    const c = this.colours;
    if (c[4 * i + 3] === 0) return;
    const ctx = this.ctx;
    ctx.beginPath();
    ctx.arc(x, y, size / 2 - 1, 0, 2 * Math.PI);
    ctx.fillStyle = `rgb(${c[4 * i]},${c[4 * i + 1]},${c[4 * i + 2]})`;
    ctx.fill();
    ctx.lineWidth = Math.max(1.5, size * 0.15);
    ctx.strokeStyle = '#15171f';
    ctx.stroke();
  }

  /**
   * Square dots written into pixels, blended by alpha: fast enough for a million. A pixel is
   * blended as one 32-bit word (red and blue in one product, green in another: out = (colour *
   * a + pixel * (256 - a)) / 256, a = alpha on a 0-256 scale), not as three clamped bytes:
   * about half the time per point (BENCHMARKS.md, "The page in headless Chromium").
   */
  pixels(a, b, t, [sx, ox, sy, oy], size, w, h) {
    if (!this.image || this.image.width !== w || this.image.height !== h) {
      this.image = this.ctx.createImageData(w, h);
      this.words = new Uint32Array(this.image.data.buffer);
    }
    if (this.packed !== this.colours) { // the colours as one little-endian word per point: 0xAABBGGRR
      this.packed = this.colours;
      this.colourWords = new Uint32Array(this.colours.buffer, this.colours.byteOffset, this.n);
    }
    const words = this.words, colour = this.colourWords, n = this.n;
    words.fill(0xffffffff); // white, opaque
    const s = Math.max(1, Math.round(size)), shift = 0.5 - (s >> 1);
    if (s === 1) this.pixels1(a, b, t, sx, ox, sy, oy, w, h);
    else {
      for (let i = 0; i < n; i++) {
        const col = colour[i], alpha = col >>> 24;
        if (alpha === 0) continue;
        const ax = a[2 * i], ay = a[2 * i + 1];
        const x0 = Math.floor((ax + (b[2 * i] - ax) * t) * sx + ox + shift);
        const y0 = Math.floor((ay + (b[2 * i + 1] - ay) * t) * sy + oy + shift);
        if (x0 >= w || y0 >= h || x0 + s <= 0 || y0 + s <= 0) continue;
        const fa = alpha + (alpha >>> 7), ia = 256 - fa; // 255 -> 256: opaque stays exact
        const rb = (col & 0xff00ff) * fa, g = (col & 0xff00) * fa; // numbers below 2^32: exact
        const x1 = Math.min(w, x0 + s), y1 = Math.min(h, y0 + s);
        for (let y = Math.max(0, y0); y < y1; y++) {
          for (let x = Math.max(0, x0), p = y * w + x; x < x1; x++, p++) {
            const dst = words[p];
            words[p] = 0xff000000 | (((rb + (dst & 0xff00ff) * ia) >>> 8) & 0xff00ff) | (((g + (dst & 0xff00) * ia) >>> 8) & 0xff00);
          }
        }
      }
    }
    this.ctx.putImageData(this.image, 0, 0);
  }

  /** Dots of one pixel: the same blend as pixels(), without the loops over a dot's rows and columns. */
  pixels1(a, b, t, sx, ox, sy, oy, w, h) { // shift = 0.5
    const words = this.words, colour = this.colourWords, n = this.n;
    for (let i = 0; i < n; i++) {
      const col = colour[i];
      if (col < 0x1000000) continue; // alpha 0
      const ax = a[2 * i], ay = a[2 * i + 1];
      const fx = (ax + (b[2 * i] - ax) * t) * sx + ox + 0.5, fy = (ay + (b[2 * i + 1] - ay) * t) * sy + oy + 0.5;
      if (!(fx >= 0 && fx < w && fy >= 0 && fy < h)) continue;
      const p = (fy | 0) * w + (fx | 0), alpha = col >>> 24, fa = alpha + (alpha >>> 7), ia = 256 - fa, dst = words[p];
      words[p] = 0xff000000 | ((((col & 0xff00ff) * fa + (dst & 0xff00ff) * ia) >>> 8) & 0xff00ff) | ((((col & 0xff00) * fa + (dst & 0xff00) * ia) >>> 8) & 0xff00);
    }
  }
}

// The Canvas 2D fallback, for browsers without WebGL2: the same interface as GlRenderer, with
// positions interpolated on the CPU. Large maps are written straight into the pixels.

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
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
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
    if (this.n > 20000) this.pixels(px, py, size, w, h);
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

  /** Square dots written into an ImageData, blended by alpha: fast enough for a million. */
  pixels(px, py, size, w, h) {
    const image = this.ctx.getImageData(0, 0, w, h);
    const d = image.data, c = this.colours;
    const s = Math.max(1, Math.round(size)), half = s >> 1;
    for (let i = 0; i < this.n; i++) {
      const alpha = c[4 * i + 3];
      if (alpha === 0) continue;
      const x0 = Math.round(px(i)) - half, y0 = Math.round(py(i)) - half;
      for (let y = Math.max(0, y0); y < Math.min(h, y0 + s); y++) {
        for (let x = Math.max(0, x0); x < Math.min(w, x0 + s); x++) {
          const p = 4 * (y * w + x), f = alpha / 255;
          d[p] += (c[4 * i] - d[p]) * f;
          d[p + 1] += (c[4 * i + 1] - d[p + 1]) * f;
          d[p + 2] += (c[4 * i + 2] - d[p + 2]) * f;
        }
      }
    }
    this.ctx.putImageData(image, 0, 0);
  }
}

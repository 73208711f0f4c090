// Zoom and pan: data coordinates to CSS pixels of the canvas, y pointing up.
//   screenX = x * scale + tx,  screenY = -y * scale + ty

export class View {
  constructor() {
    this.scale = 1;
    this.tx = 0;
    this.ty = 0;
    this.width = 1;
    this.height = 1;
    this.fitted = 1; // the scale of the fitted view, for the zoom factor
    this.least = 0.25; // the least scale zooming out goes to
  }

  /**
   * Shows the bounding box with a margin, clear of `left` pixels (the legend) when there is room.
   * b.all, when given, is the box around every point (b itself may leave far outliers out):
   * zooming out reaches it.
   */
  fit(b, width, height, left = 0) {
    this.width = width;
    this.height = height;
    const inset = left < width / 3 ? left : 0;
    const scaleFor = (box) => 0.92 * Math.min((width - inset) / Math.max(1e-9, box.maxX - box.minX), height / Math.max(1e-9, box.maxY - box.minY));
    this.scale = scaleFor(b);
    this.fitted = this.scale;
    this.least = Math.min(this.scale / 4, b.all ? scaleFor(b.all) / 2 : Infinity);
    this.tx = inset + (width - inset) / 2 - ((b.minX + b.maxX) / 2) * this.scale;
    this.ty = height / 2 + ((b.minY + b.maxY) / 2) * this.scale;
  }

  /** Keeps the centre where it was when the canvas changes size. */
  resize(width, height) {
    this.tx += (width - this.width) / 2;
    this.ty += (height - this.height) / 2;
    this.width = width;
    this.height = height;
  }

  /** Zooms by factor f about the screen point (sx, sy), up to 400x the fitted view, out to where every point shows. */
  zoomAt(sx, sy, f) {
    const next = Math.min(this.fitted * 400, Math.max(this.least, this.scale * f));
    const g = next / this.scale;
    this.tx = sx - (sx - this.tx) * g;
    this.ty = sy - (sy - this.ty) * g;
    this.scale = next;
  }

  /** The data point at the canvas centre and the zoom factor: the view, free of the canvas size (for links). */
  centre() {
    const [x, y] = this.toData(this.width / 2, this.height / 2);
    return {x, y, zoom: this.zoom()};
  }

  /** Puts data point (x, y) at the canvas centre at `zoom` times the fitted scale (within the zoom limits). */
  show(x, y, zoom) {
    this.scale = Math.min(this.fitted * 400, Math.max(this.least, this.fitted * zoom));
    this.tx = this.width / 2 - x * this.scale;
    this.ty = this.height / 2 + y * this.scale;
  }

  pan(dx, dy) {
    this.tx += dx;
    this.ty += dy;
  }

  zoom() {
    return this.scale / this.fitted;
  }

  toScreen(x, y) {
    return [x * this.scale + this.tx, -y * this.scale + this.ty];
  }

  toData(sx, sy) {
    return [(sx - this.tx) / this.scale, -(sy - this.ty) / this.scale];
  }

  /** clip = data * u_scale + u_offset, for the vertex shader. */
  clipTransform() {
    return {
      scale: [(2 * this.scale) / this.width, (2 * this.scale) / this.height],
      offset: [(2 * this.tx) / this.width - 1, 1 - (2 * this.ty) / this.height],
    };
  }
}

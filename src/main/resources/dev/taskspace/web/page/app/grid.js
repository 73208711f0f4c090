// A uniform grid over one layout, for hover and click hit tests in constant time per query.

export class GridIndex {
  /** xy: Float32Array [n * 2]. */
  constructor(xy) {
    const n = xy.length / 2;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i], y = xy[2 * i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (!(minX <= maxX)) { minX = minY = 0; maxX = maxY = 1; }
    const side = Math.max(1, Math.ceil(Math.sqrt(n / 4))); // about 4 points per cell
    this.xy = xy;
    this.side = side;
    this.minX = minX;
    this.minY = minY;
    this.cellW = Math.max(1e-12, (maxX - minX) / side);
    this.cellH = Math.max(1e-12, (maxY - minY) / side);
    // Counting sort of the points by cell: items[start[c] .. start[c + 1]) are cell c's.
    const cellOf = new Int32Array(n);
    const start = new Int32Array(side * side + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cell(xy[2 * i], xy[2 * i + 1]);
      cellOf[i] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < side * side; c++) start[c + 1] += start[c];
    const fill = start.slice(0, side * side);
    const items = new Int32Array(n);
    for (let i = 0; i < n; i++) items[fill[cellOf[i]]++] = i;
    this.start = start;
    this.items = items;
  }

  cell(x, y) {
    const cx = Math.min(this.side - 1, Math.max(0, Math.floor((x - this.minX) / this.cellW)));
    const cy = Math.min(this.side - 1, Math.max(0, Math.floor((y - this.minY) / this.cellH)));
    return cy * this.side + cx;
  }

  /** The accepted point nearest to (x, y) within radius r (data units), or -1. */
  nearest(x, y, r, accept) {
    const x0 = Math.max(0, Math.floor((x - r - this.minX) / this.cellW));
    const x1 = Math.min(this.side - 1, Math.floor((x + r - this.minX) / this.cellW));
    const y0 = Math.max(0, Math.floor((y - r - this.minY) / this.cellH));
    const y1 = Math.min(this.side - 1, Math.floor((y + r - this.minY) / this.cellH));
    let best = -1, bestD = r * r;
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * this.side + cx;
        for (let p = this.start[c]; p < this.start[c + 1]; p++) {
          const i = this.items[p];
          const dx = this.xy[2 * i] - x, dy = this.xy[2 * i + 1] - y;
          const d = dx * dx + dy * dy;
          if (d <= bestD && accept(i)) { bestD = d; best = i; }
        }
      }
    }
    return best;
  }
}

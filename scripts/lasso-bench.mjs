// The page's lasso hit test (app/lasso.js, the same module) over 50,000 points in 20 blobs: 24-cornered
// circles covering a tenth, half and all of the map, 30 of each; the median and the slowest.
// Run: node scripts/lasso-bench.mjs [N]   (node 18+; no packages). The browser figures: PageBench explore.
import {pointsInPolygon} from '../src/main/resources/dev/taskspace/web/page/app/lasso.js';
const n = Number(process.argv[2] || 50000);
let seed = 7; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const centres = Array.from({length: 20}, () => [gauss() * 6, gauss() * 6]);
const xy = new Float32Array(2 * n);
for (let i = 0; i < n; i++) { const c = centres[i % 20]; xy[2 * i] = c[0] + gauss(); xy[2 * i + 1] = c[1] + gauss(); }
const visible = new Uint8Array(n).fill(1);
for (const share of [0.1, 0.5, 1.0]) {
  const r = 20 * share, times = []; let inside = 0;
  for (let run = 0; run < 30; run++) {
    const poly = Array.from({length: 24}, (_, k) => [r * Math.cos((2 * Math.PI * k) / 24), r * Math.sin((2 * Math.PI * k) / 24)]);
    const t0 = performance.now();
    inside = pointsInPolygon(xy, poly, visible).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${n} points, lasso radius ${r}: ${inside} inside, median ${times[15].toFixed(2)} ms, max ${times[29].toFixed(2)} ms`);
}

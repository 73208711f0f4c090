// The Canvas 2D renderer's pixel path (app/canvas-renderer.js, the same module, or another copy of
// it given as the third argument) drawing N points mid-morph into a 1440 x 900 image, with a
// stand-in for the 2-D context; alpha 150 (the page's at 1,000,000 points); dot sizes 1-3 pixels;
// median of 10 frames after 2 warm-ups; then 2-pixel dots mid-morph (moving: above 300,000 points
// the renderer draws them at half size until the morph's last frame; a version without that
// draws them in full). Run: node scripts/pixels-bench.mjs [N] [OTHER-RENDERER.js]
// Before/after a change, interleave:  git show REV:src/main/.../canvas-renderer.js > /tmp/old.js
// (node 18+; no packages). The browser figures: PageBench morph.
import {pathToFileURL} from 'node:url';
const n = Number(process.argv[2] || 1000000), w = 1440, h = 900;
const here = new URL('../src/main/resources/dev/taskspace/web/page/app/canvas-renderer.js', import.meta.url);
const versions = [['this', here]];
if (process.argv[3]) versions.push(['other', pathToFileURL(process.argv[3])]);
let seed = 42; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const a = new Float32Array(2 * n), b = new Float32Array(2 * n), rgba = new Uint8Array(4 * n);
for (let i = 0; i < 2 * n; i++) { a[i] = rnd() * 2 - 1; b[i] = rnd() * 2 - 1; }
for (let i = 0; i < n; i++) { rgba[4 * i] = rnd() * 255; rgba[4 * i + 1] = rnd() * 255; rgba[4 * i + 2] = rnd() * 255; rgba[4 * i + 3] = 150; }
const ctx = {
  createImageData: (iw, ih) => ({width: iw, height: ih, data: new Uint8ClampedArray(iw * ih * 4)}),
  putImageData: () => {}, fillRect: () => {}, beginPath: () => {}, arc: () => {}, fill: () => {}, stroke: () => {},
};
const canvas = {width: w, height: h, getContext: () => ctx};
const renderers = [];
for (const [name, url] of versions) {
  const {CanvasRenderer} = await import(url.href);
  const r = new CanvasRenderer(canvas);
  r.setLayouts([a, b]);
  r.setColours(rgba);
  renderers.push([name, r]);
}
for (const [size, moving] of [[1, false], [2, false], [3, false], [2, true]]) {
  const times = Object.fromEntries(renderers.map(([name]) => [name, []]));
  for (let f = 0; f < 12; f++) {
    for (const [name, r] of renderers) { // interleaved: load on the machine hits both alike
      const t0 = performance.now();
      r.draw({from: 0, to: 1, t: f / 12, size, moving, clip: {scale: [0.9, 0.9], offset: [0, 0]}});
      if (f >= 2) times[name].push(performance.now() - t0);
    }
  }
  const med = (v) => v.sort((x, y) => x - y)[v.length >> 1];
  console.log(`${n} points, dots of ${size} px${moving ? ' mid-morph' : ''}: ` + renderers.map(([name]) => `${name} ${med(times[name]).toFixed(1)} ms`).join(', '));
}

// The page's search (app/search.js, the same module) on 100,000 synthetic texts of 300-1,700
// characters (Zipf-like words): time to build its index, and per keystroke while six queries are typed.
// Run: node scripts/search-bench.mjs   (node 18+; no packages). The browser figures: PageBench explore.
import {Search} from '../src/main/resources/dev/taskspace/web/page/app/search.js';
const syl = 'ka lo mi ne ru sa te vo zi pa de gu fi ho ja ly qu bre sto tra'.split(' ');
const real = 'the of and to in is that space station orbit launch shuttle nasa encryption'.split(' ');
const vocab = [...real]; let seed = 1; const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
while (vocab.length < 20000) { let w = ''; for (let k = 2 + Math.floor(rnd() * 3); k > 0; k--) w += syl[Math.floor(rnd() * syl.length)]; vocab.push(w); }
const cum = []; let sum = 0; for (let r = 0; r < vocab.length; r++) cum.push(sum += 1 / (r + 2));
const pick = () => { const x = rnd() * sum; let lo = 0, hi = cum.length - 1; while (lo < hi) { const m = (lo + hi) >> 1; if (cum[m] < x) lo = m + 1; else hi = m; } return vocab[lo]; };
const n = 100000, ids = [], texts = [];
for (let i = 0; i < n; i++) { ids.push('d' + i); let t = ''; const target = 300 + rnd() * 1400; while (t.length < target) t += (rnd() < 0.08 ? '.\n' : ' ') + pick(); texts.push(t); }
const s = new Search({n, ids, previews: texts});
let t0 = performance.now(); s.find('x'); console.log('index', (performance.now() - t0).toFixed(0), 'ms');
const times = [];
for (const q of ['space station', 'encryption', 'orbit launch', 'the nasa', 'zzqx', 'brestotra']) for (let c = 1; c <= q.length; c++) { const a = performance.now(); const r = s.find(q.slice(0, c)); times.push(performance.now() - a); }
times.sort((a, b) => a - b); console.log('median', times[times.length >> 1].toFixed(1), 'p95', times[Math.floor(0.95 * (times.length - 1))].toFixed(1), 'max', times[times.length - 1].toFixed(1));
// The page builds the whole texts' index in the background (Search.buildInBackground) while the
// previews stay searchable: its total time, and the longest the page's main thread is held at once.
const whole = new Search({n, ids, previews: []});
let worst = 0, prev = performance.now(), running = true;
(function tick() { const now = performance.now(); worst = Math.max(worst, now - prev); prev = now; if (running) setTimeout(tick, 0); })();
t0 = performance.now(); await whole.buildInBackground(texts, true); running = false;
console.log('background index', (performance.now() - t0).toFixed(0), 'ms, longest hold of the main thread', worst.toFixed(1), 'ms');

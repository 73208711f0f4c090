// Colour scales: categories, a sequential ramp (drift) and a diverging one (zero-shot scores).
// Colours are [r, g, b] bytes for the point buffers and CSS strings for the legends.

const TEN = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#79706e'];
const TWENTY = ['#4e79a7', '#a0cbe8', '#f28e2b', '#ffbe7d', '#59a14f', '#8cd17d', '#b6992d', '#f1ce63', '#499894', '#86bcb6',
  '#e15759', '#ff9d9a', '#79706e', '#bab0ac', '#d37295', '#fabfd2', '#b07aa1', '#d4a6c8', '#9d7660', '#d7b5a6'];
export const UNLABELLED = '#a3a9b3';
export const DIMMED = [200, 204, 210];

/** One CSS colour per category; past 20 categories, hues spread by the golden angle. */
export function categoryPalette(count) {
  if (count <= TEN.length) return TEN.slice(0, count);
  if (count <= TWENTY.length) return TWENTY.slice(0, count);
  const out = TWENTY.slice();
  for (let i = TWENTY.length; i < count; i++) out.push(hsl((i * 137.508) % 360, 55, 52));
  return out;
}

/** Drift, 0 (same neighbours as the first task) to 1 (all new): quiet grey to deep red. */
export const DRIFT_STOPS = ['#c5cdd8', '#f3c16b', '#ef7b45', '#c8283a', '#6b0f2a'];
/** Zero-shot scores, diverging around 0: warm (the negative or toxic end) through light grey to blue. */
export const SCORE_STOPS = ['#b2182b', '#ef8a62', '#e4e4e6', '#67a9cf', '#2166ac'];

export function rgb(css) {
  const h = css.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** A function from [0, 1] to [r, g, b] through evenly spaced stops. */
export function ramp(stops) {
  const c = stops.map(rgb);
  return (v) => {
    const x = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (c.length - 1);
    const i = Math.min(c.length - 2, Math.floor(x));
    const f = x - i;
    return [0, 1, 2].map((k) => Math.round(c[i][k] + (c[i + 1][k] - c[i][k]) * f));
  };
}

/** The CSS gradient of a ramp, for colour bars. */
export function gradientCss(stops) {
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

function hsl(h, s, l) {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

// What colour each point gets in each colour mode, and the legend that explains it.

import {categoryPalette, DIMMED, DRIFT_STOPS, ramp, rgb, SCORE_STOPS, UNLABELLED} from './colours.js';

/** The colour modes a map offers: category, drift (when there is a reference), each zero-shot axis, each corpus field (fields: metaFields). */
export function colourModes(map, fields = []) {
  const modes = [{id: 'category', label: 'Category'}];
  if (map.tasks.length > 1) {
    const label = map.tasks.some((t) => t.driftRef !== 0) ? 'Drift' : `Drift from “${map.tasks[0].name}”`;
    modes.push({id: 'drift', label, needsExtras: true});
  }
  for (const a of map.axes) modes.push({id: 'axis:' + a.name, label: `Score: ${a.name}`, needsExtras: true});
  for (const f of fields) modes.push({id: 'meta:' + f.name, label: `Field: ${f.name}`, field: f});
  return modes;
}

function baseAlpha(n) {
  return n <= 5000 ? 235 : n <= 50000 ? 200 : 150;
}

/**
 * Colours for mode in task t.
 * options: {hidden: Set of label indices, focus: Uint8Array marking points to keep bright (others dimmed) or null,
 *   metaColour: {colourOf(i) -> [r, g, b], legend} for a 'meta:' mode, keep: (i) -> false to hide document i (a field's filter) or null}
 * returns {rgba: Uint8Array [n * 4], legend}
 */
export function pointColours(map, mode, t, options) {
  const {n} = map;
  const rgba = new Uint8Array(n * 4);
  const palette = categoryPalette(map.labels.length).map(rgb);
  const unlabelled = rgb(UNLABELLED);
  const alpha = baseAlpha(n);
  let colourOf, legend;
  if (mode === 'drift' && map.drift) {
    const drift = map.drift[t];
    const scale = ramp(DRIFT_STOPS);
    colourOf = (i) => scale(drift[i]);
    legend = driftLegend(map, t, drift);
  } else if (mode.startsWith('axis:') && map.scores) {
    const a = map.axes.findIndex((x) => 'axis:' + x.name === mode);
    const scores = map.scores[a];
    const axis = map.axes[a];
    const {reach} = scoreRange(map, a);
    // Centred on 0 (as close to one description as to the other); the warm end is the negative
    // or toxic one (warmEnd), whichever side of the axis it is on.
    const stops = warmEnd(axis) === 'negative' ? SCORE_STOPS : SCORE_STOPS.slice().reverse();
    const scale = ramp(stops);
    colourOf = (i) => scale(scores[i] / (2 * reach) + 0.5);
    legend = {kind: 'bar', title: `${axis.name} score, under the task “${axis.task}”`, stops,
      left: `−${fmt(reach)} ${shortName(axis.negative)}`, right: `${shortName(axis.positive)} +${fmt(reach)}`,
      leftTitle: axis.negative, rightTitle: axis.positive, middle: '0',
      note: `cos(text, high end) − cos(text, low end); 0: as close to both. Colours saturate at ±${fmt(reach)}, ` +
        `the 98th percentile of |score|; hover the ends for the full descriptions.`};
  } else if (mode.startsWith('meta:') && options.metaColour) {
    ({colourOf, legend} = options.metaColour);
  } else {
    colourOf = (i) => (map.label[i] >= 0 ? palette[map.label[i]] : unlabelled);
    legend = categoryLegend(map, options.hidden);
  }
  const dimA = Math.round(alpha * 0.35);
  for (let i = 0; i < n; i++) {
    const li = map.label[i];
    if (li >= 0 && options.hidden.has(li)) continue; // alpha 0: hidden
    if (options.keep && !options.keep(i)) continue;
    const dimmed = options.focus && options.focus[i] === 0;
    const c = dimmed ? DIMMED : colourOf(i);
    rgba[4 * i] = c[0];
    rgba[4 * i + 1] = c[1];
    rgba[4 * i + 2] = c[2];
    rgba[4 * i + 3] = dimmed ? dimA : alpha;
  }
  return {rgba, legend};
}

/** The CSS colour of document i in category mode (lists and tooltips use it in every mode). */
export function categoryColour(map, i) {
  const li = map.label[i];
  return li >= 0 ? categoryPalette(map.labels.length)[li] : UNLABELLED;
}

function categoryLegend(map, hidden) {
  const counts = new Array(map.labels.length).fill(0);
  let unlabelled = 0;
  for (let i = 0; i < map.n; i++) (map.label[i] >= 0 ? counts[map.label[i]]++ : unlabelled++);
  const palette = categoryPalette(map.labels.length);
  const items = map.labels.map((label, index) => ({index, label, colour: palette[index], count: counts[index], off: hidden.has(index)}));
  if (unlabelled > 0) items.push({index: -1, label: '(no category)', colour: UNLABELLED, count: unlabelled, off: false});
  return {kind: 'categories', title: 'Categories', items};
}

function driftLegend(map, t, drift) {
  let sum = 0;
  for (let i = 0; i < drift.length; i++) sum += drift[i];
  const r = map.tasks[t].driftRef;
  const ref = map.tasks[r].name;
  const space = map.tasks[t].importedFrom != null ? 'on the 2-D maps' : '(full vectors)';
  const note = t === r
    ? `“${ref}” is the reference, so its drift is 0 everywhere: pick another task.`
    : `Share of each text's ${map.k} nearest neighbours ${space} that are new against “${ref}”: ` +
      `0.4 is ${Math.round(0.4 * map.k)} new of ${map.k}. Mean ${fmt(sum / Math.max(1, drift.length))}.` +
      (map.driftRecomputed ? ' (Recomputed from the neighbour lists: this map was written by an older taskspace.)' : '');
  return {kind: 'bar', title: `Drift from “${ref}”`, stops: DRIFT_STOPS, left: '0 same neighbours', right: '1 all new', note};
}

const ranges = new WeakMap();

/**
 * A description's short name: what follows "This text is/expresses (a|an)" up to a colon or
 * full stop ("This text is toxic: insulting, …" -> "toxic"); at most 24 characters.
 */
export function shortName(text) {
  const s = String(text).replace(/^\s*this text\s+(is|expresses|shows|contains)\s+(an?\s+)?/i, '').split(/[:.;(]/)[0].trim();
  const name = s || String(text).trim();
  return name.length > 24 ? name.slice(0, 23) + '…' : name;
}

const WARM = /\b(negative|toxic|hostile|hateful|hate|abusive|insult\w*|angry|anger|rude|offensive|sad|fear)\b/i;

/** Which end of an axis gets the warm colour: the negative or toxic one (by its description); the low end when neither or both say so. */
export function warmEnd(axis) {
  const warm = (text) => WARM.test(text) && !/\b(not|non|no)\b/i.test(text); // "not toxic" is the cool end
  const low = warm(shortName(axis.negative)), high = warm(shortName(axis.positive));
  return high && !low ? 'positive' : 'negative';
}

/** Robust reach of an axis's scores: the 98th percentile of |score|, from a sample (plus the median, for the record). */
function scoreRange(map, a) {
  let perMap = ranges.get(map.scores);
  if (!perMap) ranges.set(map.scores, (perMap = new Map()));
  if (perMap.has(a)) return perMap.get(a);
  const s = map.scores[a];
  const step = Math.max(1, Math.floor(s.length / 50000));
  const sample = [];
  for (let i = 0; i < s.length; i += step) if (Number.isFinite(s[i])) sample.push(s[i]);
  sample.sort((x, y) => x - y);
  const q = (p) => (sample.length ? sample[Math.min(sample.length - 1, Math.floor(p * sample.length))] : 0);
  const abs = sample.map(Math.abs).sort((x, y) => x - y);
  const reach = Math.max(1e-9, abs.length ? abs[Math.min(abs.length - 1, Math.floor(0.98 * abs.length))] : 1);
  const range = {median: q(0.5), reach};
  perMap.set(a, range);
  return range;
}

function fmt(x) {
  return Number.isFinite(x) ? x.toFixed(Math.abs(x) < 0.1 ? 3 : 2) : '—';
}

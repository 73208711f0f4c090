// Colouring and filtering the map by a corpus field (meta.json, loaded after the first frame).
// A field is numeric when every value it has is a JSON number (text such as "1999" is a
// category); numeric fields get a sequential ramp over their 2nd-98th percentiles (so that a few
// extreme values do not wash the rest into one colour), categorical ones a palette over their
// 11 commonest values plus "other". Filters keep a field's chosen values, or a numeric range, and
// hold in every colour mode until cleared.

import {categoryPalette, ramp, rgb, UNLABELLED} from './colours.js';
import {metaText} from './meta.js';

/** Low values pale, high values dark: a sequential ramp (viridis-like, light to dark). */
export const META_STOPS = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'];
const NAMED = 11; // categorical values with a colour of their own; the rest are "other"
export const NONE = '(no value)';
export const OTHER = 'other';

/** The fields that can colour the map: [{name, kind: 'numeric'|'categorical'}], from meta {names, columns}. */
export function metaFields(meta) {
  const out = [];
  for (const name of meta.names) {
    const column = meta.columns[name];
    let values = 0, numbers = 0;
    for (const v of column) {
      if (v == null) continue;
      values++;
      if (typeof v === 'number' && Number.isFinite(v)) numbers++;
    }
    if (values === 0) continue;
    out.push({name, kind: numbers === values ? 'numeric' : 'categorical'});
  }
  return out;
}

const cache = new WeakMap(); // column -> summary

/** A field's summary: numeric {kind, lo, hi, min, max, count, missing}; categorical {kind, keys: [{key, count}], named: Set, index: Map key->colour slot}. */
export function summary(meta, field) {
  const column = meta.columns[field.name];
  if (cache.has(column)) return cache.get(column);
  let s;
  if (field.kind === 'numeric') {
    const values = [];
    for (const v of column) if (v != null) values.push(v);
    values.sort((a, b) => a - b);
    const q = (p) => values[Math.min(values.length - 1, Math.max(0, Math.round(p * (values.length - 1))))];
    s = {kind: 'numeric', lo: q(0.02), hi: q(0.98), min: values[0], max: values[values.length - 1], count: values.length,
      missing: column.length - values.length};
  } else {
    const counts = new Map();
    for (const v of column) {
      const key = keyOf(v);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const keys = [...counts.entries()].map(([key, count]) => ({key, count}))
      .sort((a, b) => (a.key === NONE) - (b.key === NONE) || b.count - a.count || (a.key < b.key ? -1 : 1));
    const values = keys.filter((k) => k.key !== NONE);
    const named = values.length <= NAMED + 1 ? values : values.slice(0, NAMED); // no "other" of a single value
    const index = new Map(named.map((k, i) => [k.key, i]));
    s = {kind: 'categorical', keys, named: new Set(named.map((k) => k.key)), index, palette: categoryPalette(Math.max(1, named.length))};
  }
  cache.set(column, s);
  return s;
}

/** A categorical value as the text the legend and filters use. */
export function keyOf(v) {
  return v == null ? NONE : metaText(v);
}

/** The legend key a document falls under (its value, "other" or "(no value)"). */
function slotOf(s, v) {
  const key = keyOf(v);
  return key === NONE || s.named.has(key) ? key : OTHER;
}

/** A filter's test for document i: true to show. filter: {field, kind, hidden: Set of legend keys} or {field, kind, min, max}. */
export function filterTest(meta, filter) {
  const column = meta.columns[filter.field];
  if (!column) return () => true;
  if (filter.kind === 'numeric') {
    const {min, max} = filter;
    return (i) => {
      const v = column[i];
      if (v == null) return min == null && max == null;
      return (min == null || v >= min) && (max == null || v <= max);
    };
  }
  const s = summary(meta, {name: filter.field, kind: 'categorical'});
  return (i) => !filter.hidden.has(slotOf(s, column[i]));
}

/** Colour of each document by the field, as CSS: colourOf(i) and the legend. */
export function metaColouring(meta, field, filter) {
  const column = meta.columns[field.name];
  const s = summary(meta, field);
  if (s.kind === 'numeric') {
    const span = s.hi - s.lo;
    const scale = ramp(META_STOPS);
    const grey = rgb(UNLABELLED);
    const colourOf = (i) => {
      const v = column[i];
      return v == null ? grey : scale(span > 0 ? (v - s.lo) / span : 0.5);
    };
    const range = filter && filter.field === field.name ? filter : null;
    return {colourOf, legend: {kind: 'bar', meta: true, field: field.name, title: field.name, stops: META_STOPS, left: fmt(s.lo), right: fmt(s.hi),
      note: `Colours span the 2nd–98th percentile (${fmt(s.lo)} to ${fmt(s.hi)}); values beyond (down to ${fmt(s.min)}, up to ${fmt(s.max)}) get the end colours.`
        + (s.missing ? ` ${s.missing.toLocaleString('en')} without a value are grey.` : ''),
      range: {min: range ? range.min : null, max: range ? range.max : null, lo: s.min, hi: s.max}}};
  }
  const otherCount = s.keys.filter((k) => k.key !== NONE && !s.named.has(k.key)).reduce((a, k) => a + k.count, 0);
  const otherValues = s.keys.filter((k) => k.key !== NONE && !s.named.has(k.key)).length;
  const hidden = filter && filter.field === field.name ? filter.hidden : new Set();
  const colours = s.palette.map(rgb);
  const grey = rgb(UNLABELLED);
  const colourOf = (i) => {
    const slot = slotOf(s, column[i]);
    return slot === NONE || slot === OTHER ? grey : colours[s.index.get(slot)];
  };
  const items = s.keys.filter((k) => s.named.has(k.key)).map((k) => ({key: k.key, label: k.key, colour: s.palette[s.index.get(k.key)], count: k.count,
    off: hidden.has(k.key)}));
  if (otherCount) items.push({key: OTHER, label: `other (${otherValues.toLocaleString('en')} values)`, colour: UNLABELLED, count: otherCount, off: hidden.has(OTHER)});
  const none = s.keys.find((k) => k.key === NONE);
  if (none) items.push({key: NONE, label: NONE, colour: UNLABELLED, count: none.count, off: hidden.has(NONE)});
  return {colourOf, legend: {kind: 'values', meta: true, field: field.name, title: field.name, items}};
}

export function fmt(x) {
  if (!Number.isFinite(x)) return '—';
  if (Number.isInteger(x)) return x.toLocaleString('en', {useGrouping: Math.abs(x) >= 10000});
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2);
}

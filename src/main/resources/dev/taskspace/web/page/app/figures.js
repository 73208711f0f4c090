// The figures panel: every task's figures side by side, the current task's column marked,
// one line each saying what the figure means.

import {el} from './dom.js';

/** Known figures, in display order. better: which way is better, when that is meaningful. */
export const FIGURES = [
  {key: 'knnAccuracy', label: 'kNN accuracy', meaning: 'share of texts whose neighbours vote for their own category', better: 'high'},
  {key: 'knnAccuracy2d', label: 'kNN acc. (map)', meaning: 'the same vote, among neighbours on the 2-D map', better: 'high'},
  {key: 'silhouette', label: 'silhouette', meaning: 'how well categories separate, −1 to 1 (full vectors)', better: 'high'},
  {key: 'silhouette2d', label: 'silhouette (map)', meaning: 'the same, on the 2-D map', better: 'high'},
  {key: 'trustworthiness', label: 'trustworthiness', meaning: 'how well the map keeps true neighbours near, 0 to 1', better: 'high'},
  {key: 'meanDrift', label: 'mean drift', meaning: 'share of each text’s nearest neighbours (full vectors) that are new against the first task, averaged; for an imported map, its 2-D neighbours against the first imported map’s'},
  {key: 'alignmentRms', label: 'alignment', meaning: 'misfit after rotating onto the first layout (0: same shape)'},
];

/** Figures of the full embedding space, which an imported 2-D map cannot have. */
const FULL_SPACE = new Set(['knnAccuracy', 'silhouette', 'trustworthiness']);

export function formatFigure(v) {
  if (v == null || !Number.isFinite(v)) return '—';
  return v.toFixed(2);
}

/** The figures present in at least one task: known ones first, then any others by name. */
export function presentFigures(map) {
  const keys = new Set();
  for (const t of map.tasks) for (const k of Object.keys(t.figures)) keys.add(k);
  const known = FIGURES.filter((f) => keys.has(f.key));
  const extra = [...keys].filter((k) => !FIGURES.some((f) => f.key === k)).sort()
    .map((k) => ({key: k, label: k, meaning: ''}));
  return known.concat(extra);
}

export function renderFigures(panel, map, current) {
  panel.replaceChildren(el('h2', {text: 'Figures: all tasks'}));
  const figures = presentFigures(map);
  if (figures.length === 0) {
    panel.append(el('p', {class: 'selection-empty', text: 'This map has no figures.'}));
    return;
  }
  const head = el('tr', {}, el('th', {text: 'figure', scope: 'col'}),
    map.tasks.map((t, i) => el('th', {scope: 'col', class: [i === current ? 'current' : '', t.importedFrom != null ? 'imported' : ''].join(' ').trim() || null,
      title: t.importedFrom != null ? `${t.name}: imported from ${t.importedFrom}, 2-D only` : t.name, text: t.importedFrom != null ? `${t.name} (2-D)` : t.name})));
  const body = el('tbody');
  for (const f of figures) {
    const values = map.tasks.map((t) => (typeof t.figures[f.key] === 'number' ? t.figures[f.key] : null));
    const unavailable = map.tasks.map((t, i) => values[i] == null && t.importedFrom != null && FULL_SPACE.has(f.key));
    const finite = values.filter((v) => v != null && Number.isFinite(v));
    const best = f.better === 'high' && finite.length > 1 ? Math.max(...finite) : null;
    body.append(el('tr', {class: 'figure-row', dataset: {figure: f.key}},
      el('th', {scope: 'row', class: 'figure-name', text: f.label}),
      values.map((v, i) => el('td', {
        class: [i === current ? 'current' : '', best !== null && v === best ? 'best' : ''].join(' ').trim() || null,
        title: unavailable[i] ? 'not available: an imported map has 2-D coordinates only' : v == null ? 'not measured for this task' : null,
        text: unavailable[i] ? 'n/a' : formatFigure(v),
      }))));
    if (f.meaning) {
      body.append(el('tr', {class: 'meaning-row'}, el('td', {colspan: String(map.tasks.length + 1), class: 'figure-meaning', title: f.meaning, text: f.meaning})));
    }
  }
  panel.append(el('table', {class: 'figures'}, el('thead', {}, head), body));
}

// The selection panel: how many texts are selected (by box, lasso, Shift-click or a search's
// "select all"), their categories, the words that set them apart from the rest, a list of them,
// and the export buttons. Without a selection, it offers to export everything visible.

import {el, listKeys, swatch} from './dom.js';
import {categoryColour} from './colouring.js';
import {categoryPalette, UNLABELLED} from './colours.js';

const LISTED = 100;
const WORD_SAMPLE = 4000; // documents tokenised per side, at most
const TOKEN = /[\p{L}][\p{L}\p{N}'’-]{2,}/gu;

/**
 * state: {group (Uint32Array or null), exportOpen (show the panel without a group), visibleCount, texts (string[] or null: whole texts if loaded), exporting (text or null)}
 * handlers: {select(i), clear(), exportAs(format), closeExport()}
 */
export function renderGroup(panel, map, state, handlers) {
  const {group} = state;
  const parts = [];
  if (!group || group.length === 0) {
    panel.hidden = !state.exportOpen;
    parts.push(el('div', {class: 'results-head'}, el('h2', {text: 'Export'}),
      el('button', {type: 'button', class: 'link', text: 'close', onclick: () => handlers.closeExport()})),
      el('p', {class: 'results-note', text: 'Nothing is selected: select with the Box or Lasso tool (B, L), Shift-click dots, or “select all” of a search.'}),
      exportRow(`Export the ${state.visibleCount.toLocaleString('en')} visible texts:`, state, handlers));
    panel.replaceChildren(...parts);
    return;
  }
  panel.hidden = false;
  parts.push(el('div', {class: 'results-head'},
    el('h2', {text: `Selection: ${group.length.toLocaleString('en')} ${group.length === 1 ? 'text' : 'texts'}`}),
    el('button', {type: 'button', class: 'link', text: 'clear', title: 'Clear the selection (Esc)', onclick: () => handlers.clear()})));
  parts.push(categoryBars(map, group));
  const words = distinctiveWords(map, group, state.texts);
  if (words.length) {
    parts.push(el('p', {class: 'group-words'}, el('b', {text: `Words that set them apart${state.texts ? '' : ' (in the previews)'}: `}),
      words.join(', ')));
  }
  parts.push(exportRow('Export the selection:', state, handlers));
  const list = el('ol', {class: 'results group-list', 'aria-label': 'Selected texts'});
  for (let r = 0; r < Math.min(group.length, LISTED); r++) {
    const i = group[r];
    list.append(el('li', {class: 'result', tabindex: '0', dataset: {index: String(i)},
      onclick: () => handlers.select(i),
      onkeydown: (e) => listKeys(e, () => handlers.select(i))},
    swatch(categoryColour(map, i)), el('div', {class: 'result-text'},
      el('div', {class: 'result-head'}, el('span', {class: 'id', text: map.ids[i]})),
      el('div', {class: 'snippet', text: map.previews[i]}))));
  }
  parts.push(list);
  if (group.length > LISTED) parts.push(el('p', {class: 'results-note', text: `The first ${LISTED} are listed.`}));
  panel.replaceChildren(...parts);
}

function exportRow(text, state, handlers) {
  return el('div', {class: 'export-row'}, el('span', {text}),
    el('button', {type: 'button', class: 'export', dataset: {format: 'jsonl'}, text: 'JSON Lines', disabled: Boolean(state.exporting),
      onclick: () => handlers.exportAs('jsonl')}),
    el('button', {type: 'button', class: 'export', dataset: {format: 'csv'}, text: 'CSV', disabled: Boolean(state.exporting),
      onclick: () => handlers.exportAs('csv')}),
    state.exporting ? el('span', {class: 'results-note', text: state.exporting}) : null);
}

/** A bar per category, largest first: its share of the selection. */
function categoryBars(map, group) {
  const counts = new Map();
  for (const i of group) counts.set(map.label[i], (counts.get(map.label[i]) || 0) + 1);
  const palette = categoryPalette(map.labels.length);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return el('ul', {class: 'group-categories'}, rows.map(([li, c]) => {
    const bar = el('span', {class: 'group-bar'});
    bar.style.width = `${Math.max(2, (100 * c) / group.length)}%`;
    bar.style.background = li >= 0 ? palette[li] : UNLABELLED;
    return el('li', {}, el('span', {class: 'group-label', text: li >= 0 ? map.labels[li] : '(no category)'}),
      el('span', {class: 'group-track'}, bar), el('span', {class: 'count', text: c.toLocaleString('en')}));
  }), counts.size > 8 ? el('li', {class: 'results-note', text: `and ${counts.size - 8} more categories`}) : null);
}

const corpusFrequencies = new WeakMap();

/**
 * Up to 12 words found in many more of the selected texts than of all texts: the share of selected
 * texts that hold a word over its share among all (both from even samples), among words that at
 * least 3 selected texts and a tenth of them hold.
 */
export function distinctiveWords(map, group, texts) {
  if (group.length < 3 || group.length >= map.n) return [];
  const source = texts || map.previews;
  let all = corpusFrequencies.get(source);
  if (!all) corpusFrequencies.set(source, (all = frequencies(source, evenSample(map.n, WORD_SAMPLE))));
  const mine = frequencies(source, evenSample(group.length, WORD_SAMPLE).map((r) => group[r]));
  const least = Math.max(3, Math.ceil(0.1 * mine.docs));
  const scored = [];
  for (const [word, df] of mine.df) {
    if (df < least) continue;
    const here = df / mine.docs, there = ((all.df.get(word) || 0) + 1) / (all.docs + 1);
    scored.push([word, here / there]);
  }
  return scored.filter(([, ratio]) => ratio > 1.5).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 12).map(([w]) => w);
}

function frequencies(texts, indices) {
  const df = new Map();
  for (const i of indices) {
    const seen = new Set(texts[i].toLowerCase().match(TOKEN) || []);
    for (const w of seen) df.set(w, (df.get(w) || 0) + 1);
  }
  return {df, docs: indices.length};
}

function evenSample(n, most) {
  const step = Math.max(1, n / most);
  const out = [];
  for (let x = 0; x < n; x += step) out.push(Math.floor(x));
  return out;
}

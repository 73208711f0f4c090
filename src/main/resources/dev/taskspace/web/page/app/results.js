// The search's results: a list beside the map (label, id, the words around the first match),
// which a click or Enter selects. Arrow keys move through it; Escape goes back to the box.

import {byId, el, swatch} from './dom.js';
import {categoryColour} from './colouring.js';
import {Search, SEARCH_RULE} from './search.js';

/** At most this many results are listed (all of them stay highlighted on the map). */
export const LISTED = 200;

/**
 * Renders the list into `panel`. state: {query, matches (Uint32Array or null), whole (searched whole
 * texts), loading (text to show while whole texts load), texts (string[] or null)}.
 * handlers: {select(i), selectAll()}
 */
export function renderResults(panel, map, state, handlers) {
  const {query, matches} = state;
  if (matches === null) {
    panel.replaceChildren();
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const count = matches.length;
  const head = el('div', {class: 'results-head'},
    el('h2', {text: `Search: ${count.toLocaleString('en')} ${count === 1 ? 'text' : 'texts'}`}),
    count > 0 ? el('button', {type: 'button', class: 'link', text: 'select all', title: 'Make the matches the selection (to read, compare or export them)',
      onclick: () => handlers.selectAll()}) : null);
  const source = state.loading
    ? el('p', {class: 'results-note', text: state.loading})
    : state.whole ? null : el('p', {class: 'results-note', text: 'This map has no whole texts: only the previews were searched.'});
  const list = el('ol', {class: 'results', 'aria-label': 'Search results'});
  const texts = state.texts || map.previews;
  for (let r = 0; r < Math.min(count, LISTED); r++) {
    const i = matches[r];
    const label = map.label[i] >= 0 ? map.labels[map.label[i]] : '(no category)';
    const s = Search.snippet(texts[i], query);
    list.append(el('li', {
      class: 'result', tabindex: '0', dataset: {index: String(i)},
      onclick: () => handlers.select(i),
      onkeydown: (e) => keyInList(e, handlers, i),
    }, swatch(categoryColour(map, i)), el('div', {class: 'result-text'},
      el('div', {class: 'result-head'}, el('span', {class: 'label', text: label}), el('span', {class: 'id', text: map.ids[i]})),
      el('div', {class: 'snippet'}, s.before, s.match ? el('mark', {text: s.match}) : null, s.after))));
  }
  panel.replaceChildren(...[head, source,
    count > LISTED ? el('p', {class: 'results-note', text: `The first ${LISTED} are listed; all ${count.toLocaleString('en')} are bright on the map.`}) : null,
    count > 0 ? list : el('p', {class: 'results-note', text: 'No text has every word.'}),
    el('p', {class: 'results-rule', text: SEARCH_RULE})].filter(Boolean));
}

function keyInList(e, handlers, i) {
  const item = e.currentTarget;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    handlers.select(i);
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling;
    if (next) next.focus();
    else if (e.key === 'ArrowUp') byId('search').focus();
  }
}

/** From the search box, ArrowDown enters the list. */
export function focusFirstResult() {
  const first = document.querySelector('#results-panel .result');
  if (first) first.focus();
  return Boolean(first);
}

// The search's results: a list beside the map (label, id, the words around the first match),
// which a click or Enter selects. Arrow keys move through it; Escape goes back to the box.

import {byId, el, listKeys, swatch} from './dom.js';
import {categoryColour} from './colouring.js';
import {Search, SEARCH_RULE} from './search.js';
import {MEANING_RULE} from './meaning.js';

/** At most this many results are listed (all of them stay highlighted on the map). */
export const LISTED = 200;

/**
 * Renders the list into `panel`. state: {query, matches (Uint32Array or null), whole (searched whole
 * texts), loading (text to show while whole texts load), texts (string[] or null), mode ('words' or
 * 'meaning'), scores (Float32Array of the matches' cosine, by meaning), note ({text, error}: a search by
 * meaning under way or refused), task (its name)}.
 * handlers: {select(i), selectAll()}
 */
export function renderResults(panel, map, state, handlers) {
  const {query, matches, note} = state;
  const byMeaning = state.mode === 'meaning';
  if (matches === null && !note) {
    panel.replaceChildren();
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const rule = el('p', {class: 'results-rule', text: byMeaning ? MEANING_RULE : SEARCH_RULE});
  if (matches === null) {
    panel.replaceChildren(el('div', {class: 'results-head'}, el('h2', {text: byMeaning ? 'Search by meaning' : 'Search'})),
      el('p', {class: note.error ? 'results-note error' : 'results-note', role: note.error ? 'alert' : null, text: note.text}), rule);
    return;
  }
  const count = matches.length;
  const title = byMeaning ? `By meaning under “${state.task}”: the ${count.toLocaleString('en')} nearest`
    : `Search: ${count.toLocaleString('en')} ${count === 1 ? 'text' : 'texts'}`;
  const head = el('div', {class: 'results-head'},
    el('h2', {text: title}),
    count > 0 ? el('button', {type: 'button', class: 'link', text: 'select all', title: 'Make the matches the selection (to read, compare or export them)',
      onclick: () => handlers.selectAll()}) : null);
  const source = byMeaning ? null : state.loading
    ? el('p', {class: 'results-note', text: state.loading})
    : state.whole ? null : el('p', {class: 'results-note', text: 'This map has no whole texts: only the previews were searched.'});
  const list = el('ol', {class: 'results', 'aria-label': byMeaning ? 'Nearest texts by meaning' : 'Search results'});
  const texts = state.texts || map.previews;
  for (let r = 0; r < Math.min(count, LISTED); r++) {
    const i = matches[r];
    const label = map.label[i] >= 0 ? map.labels[map.label[i]] : '(no category)';
    const s = Search.snippet(texts[i], byMeaning ? '' : query);
    list.append(el('li', {
      class: 'result', tabindex: '0', dataset: {index: String(i)},
      onclick: () => handlers.select(i),
      onkeydown: (e) => keyInList(e, handlers, i),
    }, swatch(categoryColour(map, i)), el('div', {class: 'result-text'},
      el('div', {class: 'result-head'}, el('span', {class: 'label', text: label}), el('span', {class: 'id', text: map.ids[i]}),
        byMeaning && state.scores ? el('span', {class: 'score', title: 'cosine similarity to the query', text: state.scores[r].toFixed(3)}) : null),
      el('div', {class: 'snippet'}, s.before, s.match ? el('mark', {text: s.match}) : null, s.after))));
  }
  panel.replaceChildren(...[head, source,
    count > LISTED ? el('p', {class: 'results-note', text: `The first ${LISTED} are listed; all ${count.toLocaleString('en')} are bright on the map.`}) : null,
    count > 0 ? list : el('p', {class: 'results-note', text: byMeaning ? 'The server found no texts.' : 'No text has every word.'}),
    rule].filter(Boolean));
}

function keyInList(e, handlers, i) {
  if (e.key === 'Escape') {
    e.stopPropagation(); // back to the box, keeping the search
    byId('search').focus();
    return;
  }
  listKeys(e, () => handlers.select(i), () => byId('search').focus());
}

/** From the search box, ArrowDown enters the list. */
export function focusFirstResult() {
  const first = document.querySelector('#results-panel .result');
  if (first) first.focus();
  return Boolean(first);
}

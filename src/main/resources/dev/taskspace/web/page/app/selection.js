// The selected document and its nearest neighbours in the current task, each marked "new"
// when it was not a neighbour in the first task: what the instruction brought together.

import {el, listKeys, swatch} from './dom.js';
import {neighboursOf} from './mapdata.js';
import {categoryColour} from './colouring.js';
import {metaList} from './meta.js';

/** handlers: {select(i), clear()} */
export function renderSelection(panel, map, t, i, handlers) {
  if (i < 0) {
    panel.replaceChildren();
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const label = map.label[i] >= 0 ? map.labels[map.label[i]] : '(no category)';
  const parts = [
    el('h2', {text: 'Selected text'}),
    el('div', {class: 'selection-head'}, swatch(categoryColour(map, i)), el('span', {class: 'label', text: label}),
      el('span', {class: 'id', text: map.ids[i], title: map.ids[i]}),
      el('button', {type: 'button', title: 'Clear the selection (Esc)', 'aria-label': 'Clear the selection', text: '×', onclick: () => handlers.clear()})),
    el('p', {class: 'selection-text', text: map.previews[i]}),
    handlers.wholeText ? handlers.wholeText(i) : null,
    handlers.meta ? metaList(handlers.meta(i)) : null,
  ];
  const here = neighboursOf(map, t, i);
  if (here === null) {
    parts.push(el('p', {class: 'selection-drift', text: 'Loading neighbours…'}));
  } else if (here.length === 0) {
    parts.push(el('p', {class: 'selection-drift', text: 'This map has no neighbour lists.'}));
  } else {
    const r = map.tasks[t].driftRef; // the first task, or the first imported map for an imported one
    const reference = t === r ? null : new Set(neighboursOf(map, r, i));
    const moved = reference ? here.filter((j) => !reference.has(j)).length : 0;
    const task = map.tasks[t].name;
    parts.push(el('p', {class: 'selection-drift', text: reference
      ? `Its ${here.length} nearest neighbours under “${task}”: ${moved} new compared with “${map.tasks[r].name}”.`
      : `Its ${here.length} nearest neighbours under “${task}” (${map.tasks[t].importedFrom != null ? 'on the 2-D map' : 'full vectors'}):`}));
    parts.push(el('ol', {class: 'neighbours'}, here.map((j) => neighbourItem(map, j, reference && !reference.has(j), handlers))));
  }
  panel.replaceChildren(...parts);
}

function neighbourItem(map, j, isNew, handlers) {
  const label = map.label[j] >= 0 ? map.labels[map.label[j]] : '(no category)';
  return el('li', {
    class: 'neighbour',
    tabindex: '0',
    dataset: {index: String(j)},
    title: 'Select this text',
    onclick: () => handlers.select(j),
    onkeydown: (e) => listKeys(e, () => {
      handlers.select(j);
      // The card is drawn anew for j: the keys go on in its neighbours.
      const first = document.querySelector('#selection-panel .neighbour');
      if (first) first.focus();
    }),
  }, swatch(categoryColour(map, j)), el('div', {class: 'neighbour-text'},
    isNew ? el('span', {class: 'badge', text: 'new'}) : null,
    el('span', {class: 'label', text: label}), map.previews[j]));
}

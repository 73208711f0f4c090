// The hover card: a document's category, id and preview, as text.

import {el, swatch} from './dom.js';
import {categoryColour} from './colouring.js';
import {metaText} from './meta.js';

export class Tooltip {
  constructor(box, stage) {
    this.box = box;
    this.stage = stage;
    this.index = -1;
  }

  /** meta: the document's [name, value] pairs (shown up to four). */
  show(map, i, x, y, meta = []) {
    if (i !== this.index) {
      const label = map.label[i] >= 0 ? map.labels[map.label[i]] : '(no category)';
      this.box.replaceChildren(
        el('div', {class: 'tooltip-head'}, swatch(categoryColour(map, i)), el('span', {class: 'tooltip-label', text: label}),
          el('span', {class: 'tooltip-id', text: map.ids[i]})),
        el('div', {class: 'tooltip-text', text: map.previews[i]}),
        meta.length ? el('div', {class: 'tooltip-meta'}, meta.slice(0, 4).map(([k, v]) => el('div', {}, el('b', {text: `${k}: `}), metaText(v)))) : null,
        el('div', {class: 'tooltip-hint', text: 'click for its nearest neighbours'}));
      this.index = i;
    }
    this.box.hidden = false;
    // Beside the pointer, flipped to stay inside the map.
    const w = this.stage.clientWidth, h = this.stage.clientHeight;
    const bw = this.box.offsetWidth, bh = this.box.offsetHeight;
    const left = x + 14 + bw > w ? Math.max(4, x - 14 - bw) : x + 14;
    const top = y + 14 + bh > h ? Math.max(4, y - 14 - bh) : y + 14;
    this.box.style.left = `${left}px`;
    this.box.style.top = `${top}px`;
  }

  hide() {
    this.box.hidden = true;
    this.index = -1;
  }
}

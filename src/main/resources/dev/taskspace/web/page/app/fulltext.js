// A document's whole text in the selection card: loaded when asked, shown as text (never
// markup), scrollable and selectable, with a button that copies it.

import {el} from './dom.js';

/** The "Read the whole text" control for document i; texts: a Texts (texts.js). */
export function wholeTextControl(texts, i) {
  const box = el('div', {class: 'whole-text-box'});
  const open = el('button', {type: 'button', class: 'link whole-text-open', text: texts.whole ? 'Read the whole text' : 'Read the text',
    onclick: async () => {
      open.disabled = true;
      open.textContent = 'Loading the text…';
      try {
        show(box, await texts.text(i));
      } catch (e) {
        box.replaceChildren(el('p', {class: 'results-note', text: `The text could not be loaded: ${e.message}`}));
      }
    }});
  box.append(open);
  return box;
}

function show(box, text) {
  const body = el('div', {class: 'whole-text', tabindex: '0', role: 'document', 'aria-label': 'The whole text', text});
  const status = el('span', {class: 'copy-status', 'aria-live': 'polite'});
  const copy = el('button', {type: 'button', class: 'copy-text', text: 'Copy', title: 'Copy the whole text',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
        status.textContent = 'copied';
      } catch (e) {
        // No clipboard permission (an insecure origin, a denied prompt): select it for Ctrl+C instead.
        const range = document.createRange();
        range.selectNodeContents(body);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        status.textContent = 'selected: press Ctrl+C';
      }
    }});
  box.replaceChildren(el('div', {class: 'whole-text-tools'}, el('span', {text: `${text.length.toLocaleString('en')} characters`}), copy, status), body);
}

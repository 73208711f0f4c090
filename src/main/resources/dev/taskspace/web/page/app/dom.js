// Building DOM elements. Every piece of text goes in as a text node (textContent), never as
// HTML: the corpus is untrusted, and nothing in this page parses strings as markup.

/**
 * el('li', {class: 'x', text: 'hello', onclick: fn}, child, 'more text') -> HTMLElement.
 * Keys: class, text, title, dataset (object), on<event> (listener); anything else becomes
 * an attribute. Children may be elements, strings (text nodes), arrays, null or false.
 */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') e.className = value;
    else if (key === 'text') e.textContent = String(value);
    else if (key === 'dataset') Object.assign(e.dataset, value);
    else if (key.startsWith('on')) e.addEventListener(key.slice(2), value);
    else e.setAttribute(key, value === true ? '' : String(value));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** A coloured dot, for legends and lists. */
export function swatch(colour) {
  const s = el('span', {class: 'swatch', 'aria-hidden': 'true'});
  s.style.background = colour;
  return s;
}

export const byId = (id) => document.getElementById(id);

/**
 * Keys in a list of focusable items (results, neighbours, a selection): Enter or Space runs
 * `choose`, ArrowDown/ArrowUp move to the next or previous item, Home/End to the first or last;
 * ArrowUp on the first runs `beforeFirst` when given (back to a search box).
 */
export function listKeys(e, choose, beforeFirst = null) {
  const item = e.currentTarget;
  const items = item.parentElement ? item.parentElement.children : [item];
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    choose();
  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = e.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling;
    if (next) next.focus();
    else if (e.key === 'ArrowUp' && beforeFirst) beforeFirst();
  } else if (e.key === 'Home' || e.key === 'End') {
    e.preventDefault();
    items[e.key === 'Home' ? 0 : items.length - 1].focus();
  }
}

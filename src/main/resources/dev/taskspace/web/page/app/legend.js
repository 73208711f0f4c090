// The legend over the map: toggles for categories (or a field's values), or a colour bar for
// continuous modes (with a range filter for a numeric field).

import {el, swatch} from './dom.js';
import {gradientCss} from './colours.js';

/** Folded to its title: by the reader (the − button), and at first on a phone-sized screen. */
let folded = window.matchMedia && window.matchMedia('(max-width: 700px)').matches;

/** The legend's title row button that folds it away or opens it again. */
function foldButton(container, legend, handlers) {
  return el('button', {type: 'button', class: 'legend-fold', 'aria-expanded': String(!folded),
    title: folded ? 'Show the legend' : 'Fold the legend away', text: folded ? '+' : '−',
    onclick: () => { folded = !folded; renderLegend(container, legend, handlers); }});
}

/** handlers: {toggle(index), solo(index), showAll()}; for a corpus field: {toggleValue(key), soloValue(key), setRange(min, max), clearFilter()} */
export function renderLegend(container, legend, handlers) {
  container.replaceChildren();
  container.classList.toggle('folded', folded);
  if (folded) {
    container.append(el('div', {class: 'legend-title'}, legend.title, foldButton(container, legend, handlers)));
    return;
  }
  if (legend.kind === 'categories' || legend.kind === 'values') {
    const values = legend.kind === 'values';
    const anyOff = legend.items.some((it) => it.off);
    container.append(el('div', {class: 'legend-title'}, legend.title,
      anyOff ? el('button', {type: 'button', text: 'show all', onclick: () => (values ? handlers.clearFilter() : handlers.showAll())}) : null,
      foldButton(container, legend, handlers)));
    const list = el('div', {class: 'legend-items'});
    list.style.setProperty('--legend-columns', legend.items.length > 12 ? '2' : '1');
    for (const it of legend.items) {
      const button = el('button', {
        type: 'button',
        class: 'legend-item' + (it.off ? ' off' : ''),
        'aria-pressed': String(!it.off),
        title: `${values ? `${it.label}\n` : ''}Click: hide or show. Double-click: show only this one.`,
        dataset: values ? {key: it.key} : {index: String(it.index)},
      }, swatch(it.colour), el('span', {text: it.label}), el('span', {class: 'count', text: it.count.toLocaleString('en')}));
      if (values) {
        button.addEventListener('click', () => handlers.toggleValue(it.key));
        button.addEventListener('dblclick', () => handlers.soloValue(it.key));
      } else if (it.index >= 0) {
        // A double-click also fires two clicks; the solo that follows undoes them.
        button.addEventListener('click', () => handlers.toggle(it.index));
        button.addEventListener('dblclick', () => handlers.solo(it.index));
      } else {
        button.disabled = true;
      }
      list.append(button);
    }
    container.append(list);
    container.append(el('div', {class: 'legend-note', text: 'Click to hide, double-click to show alone.'}));
  } else {
    const bar = el('div', {class: 'colour-bar', role: 'img', 'aria-label': `${legend.title}: from ${legend.left} to ${legend.right}`});
    bar.style.background = gradientCss(legend.stops);
    container.append(
      el('div', {class: 'legend-title'}, legend.title, foldButton(container, legend, handlers)),
      bar,
      el('div', {class: 'colour-bar-ends'}, el('span', {class: 'bar-left', text: legend.left, title: legend.leftTitle || null}),
        legend.middle ? el('span', {class: 'bar-middle', text: legend.middle}) : null,
        el('span', {class: 'bar-right', text: legend.right, title: legend.rightTitle || null})),
      legend.range ? rangeFilter(legend, handlers) : null,
      legend.note ? el('div', {class: 'legend-note', text: legend.note}) : null,
    );
  }
  if (legend.filter) {
    container.append(el('div', {class: 'legend-filter', role: 'status'}, legend.filter,
      el('button', {type: 'button', class: 'link', text: 'clear filter', onclick: () => handlers.clearFilter()})));
  }
}

/** "Show from [ ] to [ ]" for a numeric field: documents outside (or without a value) are hidden. */
function rangeFilter(legend, handlers) {
  const {range} = legend;
  const input = (value, placeholder, label) => el('input', {type: 'number', step: 'any', class: 'range-input', value: value == null ? null : String(value),
    placeholder: String(placeholder), 'aria-label': `${legend.title}: ${label}`});
  const from = input(range.min, range.lo, 'show from');
  const to = input(range.max, range.hi, 'show up to');
  const read = (e) => (e.value.trim() === '' || !Number.isFinite(Number(e.value)) ? null : Number(e.value));
  const apply = () => handlers.setRange(read(from), read(to));
  from.addEventListener('change', apply);
  to.addEventListener('change', apply);
  return el('div', {class: 'legend-range'}, el('span', {text: 'Show'}), from, el('span', {text: 'to'}), to);
}

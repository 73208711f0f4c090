// The task buttons when they do not all fit the top bar: the ones that fit stay buttons (the
// current task always among them) and the rest go into a "More tasks" menu at the end.

import {el} from './dom.js';

/** After renderTaskButtons: hides the buttons that overflow `nav` and lists them in a menu. onSelect(t). */
export function fitTaskButtons(nav, map, current, onSelect) {
  const buttons = [...nav.querySelectorAll('.task-button')];
  for (const b of buttons) b.hidden = false;
  nav.querySelector('.task-more')?.remove();
  const room = nav.clientWidth;
  if (room === 0 || nav.scrollWidth <= room + 1) return;
  const menu = el('select', {class: 'task-more', 'aria-label': 'More tasks'});
  nav.append(menu);
  const gap = parseFloat(getComputedStyle(nav).columnGap) || 0;
  let left = room - 130 - gap; // the menu's width (it shrinks to 64 px when the room is short)
  const keep = new Set([current]);
  left -= buttons[current].offsetWidth + gap;
  for (let t = 0; t < buttons.length; t++) {
    if (t === current) continue;
    const w = buttons[t].offsetWidth + gap;
    if (w > left) break;
    keep.add(t);
    left -= w;
  }
  for (let t = 0; t < buttons.length; t++) buttons[t].hidden = !keep.has(t);
  // Measured widths can be off by a little (fonts, rounding): hide more until nothing overflows.
  for (let t = buttons.length - 1; t >= 0 && nav.scrollWidth > nav.clientWidth + 1; t--) {
    if (t !== current && keep.delete(t)) buttons[t].hidden = true;
  }
  const hidden = buttons.map((_, t) => t).filter((t) => !keep.has(t));
  menu.append(el('option', {value: '', text: `${hidden.length} more task${hidden.length === 1 ? '' : 's'}…`}),
    ...hidden.map((t) => el('option', {value: String(t), text: `${t < 9 ? `${t + 1} ` : ''}${map.tasks[t].name}`})));
  menu.value = '';
  menu.addEventListener('change', () => {
    if (menu.value !== '') onSelect(Number(menu.value));
  });
}

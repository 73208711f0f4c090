// The task buttons, the task panel, the model notice and the status line.

import {el} from './dom.js';
import {formatFigure} from './figures.js';
import {verdict} from './verdict.js';

export function renderTaskButtons(nav, map, current, onSelect) {
  nav.replaceChildren(...map.tasks.map((t, i) => el('button', {
    type: 'button',
    class: 'task-button',
    'aria-pressed': String(i === current),
    title: t.instruction == null ? `${t.name}: no instruction` : `${t.name}: ${t.instruction}`,
    dataset: {task: t.name},
    onclick: () => onSelect(i),
  }, i < 9 ? el('span', {class: 'key', text: String(i + 1)}) : null, el('span', {text: t.name}),
    t.importedFrom != null ? el('span', {class: 'imported-mark', title: importedNote(t), text: 'imported · 2-D'}) : null)));
}

/** What an imported task is, in one sentence. */
export function importedNote(t) {
  return `Imported map made by ${t.importedFrom}: 2-D coordinates only, so figures of the full embedding space are not available.`;
}

const CHIPS = [
  ['knnAccuracy', 'kNN accuracy'],
  ['silhouette', 'silhouette'],
  ['trustworthiness', 'trustworthiness'],
  ['knnAccuracy2d', 'kNN acc. (map)'], // an imported 2-D map's own figures
  ['silhouette2d', 'silhouette (map)'],
  ['meanDrift', 'mean drift'],
];

export function renderTaskPanel(panel, map, t) {
  const task = map.tasks[t];
  const chips = CHIPS.filter(([key]) => typeof task.figures[key] === 'number')
    .slice(0, 3)
    .map(([key, label]) => el('div', {class: 'chip', title: label}, el('div', {class: 'chip-value', text: formatFigure(task.figures[key])}),
      el('div', {class: 'chip-label', text: label})));
  const measured = task.importedFrom != null ? null : verdict(map, t);
  panel.replaceChildren(...[
    el('h2', {text: 'Task'}),
    el('p', {class: 'task-name'}, task.name, el('span', {class: 'task-count', text: `${t + 1} of ${map.tasks.length}`})),
    task.instruction == null
      ? el('p', {class: 'instruction none', text: 'No instruction: the raw text is embedded.'})
      : el('p', {class: 'instruction', text: task.instruction}),
    task.lookFor ? el('p', {class: 'look-for'}, el('b', {text: 'Look for: '}), task.lookFor) : null,
    task.importedFrom != null ? el('p', {class: 'imported-note', text: importedNote(task)}) : null,
    // the verdict carries the key figures against the first task; the chips show them for the first (room on a laptop screen);
    // an imported map's drift is against the first imported map, not the first task: it keeps its chips
    measured ? el('p', {class: 'verdict'}, el('b', {text: 'Measured: '}), measured) : null,
    chips.length && !measured ? el('div', {class: 'chips'}, chips) : null,
  ].filter((child) => child != null)); // replaceChildren would show a null as the text "null"
}

/** The banner above the map: said plainly when the model does not follow instructions. */
export function renderNotice(notice, map) {
  const model = map.provenance.model || {};
  if (model.instructionAware === false) {
    notice.replaceChildren(el('b', {text: 'This model is not instruction-tuned: '}),
      `${model.id || 'the model'} reads an instruction as a few extra words, not as a task, so the tasks differ less than with Qwen3-Embedding.`);
    if (map.tasks.some((t) => t.importedFrom != null)) {
      notice.append(' The tasks marked “imported · 2-D” are maps made by an instruction-tuned model elsewhere: compare them.');
    }
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
}

export function statusLine(map) {
  const model = map.provenance.model || {};
  const parts = [`${map.n.toLocaleString('en')} texts`];
  if (map.labels.length) parts.push(`${map.labels.length} categories`);
  if (model.id) {
    const details = [model.backend, model.precision, model.dimensions ? `${model.dimensions}-d` : null].filter(Boolean).join(', ');
    parts.push(`model ${model.id}${details ? ` (${details})` : ''}`);
  }
  parts.push('drag to pan, scroll to zoom, click a dot for its neighbours');
  return parts.join(' · ');
}

// Side by side: a second map beside the main one showing another task (default: the first task,
// or the second when the first is shown), as an alternative to the morph. Both show the same
// colours, zoom and pan (the second follows the main map); hovering a dot in either rings the
// same document in the other, and a click in either selects it in both.

import {el} from './dom.js';
import {Scene} from './scene.js';
import {LabelLayer} from './labels.js';

export class SideBySide {
  constructor(app, stage, tools) {
    this.app = app;
    this.stage = stage;
    this.other = -1; // -1: the default pairing
    this.scene = null;
    this.hover = -1;
    this.button = el('button', {id: 'side-open', type: 'button', 'aria-pressed': 'false',
      title: 'Show another task beside this one, with linked hover and selection', text: 'Side by side', onclick: () => this.toggle()});
    tools.prepend(this.button);
  }

  get on() {
    return this.scene !== null;
  }

  /** The task shown on the right. */
  otherTask() {
    const {map, task} = this.app;
    if (this.other >= 0 && this.other < map.tasks.length && this.other !== task) return this.other;
    return task === 0 ? Math.min(1, map.tasks.length - 1) : 0;
  }

  toggle(on = !this.on) {
    if (on === this.on) return;
    this.button.setAttribute('aria-pressed', String(on));
    if (!on) {
      this.scene.canvas.remove();
      this.labels.canvas.remove();
      this.head.remove();
      this.scene = null;
      this.labels = null;
      this.stage.classList.remove('split');
      this.app.labels.linked = -1;
      this.app.scene.resize();
      this.app.fitView();
      return;
    }
    this.stage.classList.add('split');
    const canvas = el('canvas', {id: 'plot-side', class: 'plot side-plot'});
    this.stage.insertBefore(canvas, this.app.scene.canvas.nextSibling);
    this.scene = new Scene(canvas, {renderer: '2d', onDraw: () => this.labels && this.labels.draw()});
    this.labels = new LabelLayer(this.stage, this.scene, () => this.app.map);
    this.head = el('div', {class: 'side-head'});
    this.stage.append(this.head);
    this.attach(canvas);
    this.app.scene.resize();
    this.app.fitView();
    this.refresh();
  }

  /** The map, task or colours changed: show the other task with the main map's colours. */
  refresh() {
    if (!this.on) return;
    const {map} = this.app;
    if (this.scene.layouts !== map.layouts) this.scene.setLayouts(map.layouts, map.bounds, false);
    this.scene.jumpTo(this.otherTask());
    if (this.app.lastColours) this.scene.setColours(this.app.lastColours);
    this.scene.setSelected(this.app.selected);
    this.labels.reset();
    const pick = el('select', {id: 'side-task', 'aria-label': 'Task shown on the right', onchange: (e) => { this.other = Number(e.target.value); this.refresh(); }},
      map.tasks.map((t, i) => el('option', {value: String(i), text: t.name, selected: i === this.otherTask(), disabled: i === this.app.task})));
    this.head.replaceChildren(el('span', {class: 'side-name left', text: map.tasks[this.app.task].name}),
      el('span', {class: 'side-name right'}, pick));
    this.sync();
  }

  /** After every main frame: the same view, and the hover ring of the other side. */
  sync() {
    if (!this.on) return;
    const main = this.app.scene.view, v = this.scene.view;
    if (this.scene.canvas.clientWidth !== v.width || this.scene.canvas.clientHeight !== v.height) this.scene.resize();
    Object.assign(v, {scale: main.scale, tx: main.tx, ty: main.ty, fitted: main.fitted, least: main.least});
    this.labels.linked = this.app.hover;
    this.app.labels.linked = this.hover;
    this.scene.requestDraw();
  }

  attach(canvas) {
    const at = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    canvas.addEventListener('pointermove', (e) => {
      const [x, y] = at(e);
      const i = this.scene.pick(x, y, Math.max(6, this.scene.pointSize()));
      this.hover = i;
      if (i < 0) this.app.tooltip.hide();
      else this.app.tooltip.show(this.app.map, i, x + canvas.offsetLeft, y, this.app.explorer.meta.of(i));
      canvas.style.cursor = i < 0 ? '' : 'pointer';
      this.app.scene.requestDraw();
    });
    canvas.addEventListener('pointerleave', () => {
      this.hover = -1;
      this.app.tooltip.hide();
      this.app.scene.requestDraw();
    });
    canvas.addEventListener('click', (e) => {
      const [x, y] = at(e);
      this.app.select(this.scene.pick(x, y, Math.max(6, this.scene.pointSize())));
    });
  }

  snapshot() {
    return this.on ? {task: this.app.map.tasks[this.otherTask()].name, hover: this.hover, labels: this.labels.snapshot()} : null;
  }
}

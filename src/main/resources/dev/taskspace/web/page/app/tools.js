// The map's pointer tools: Pan (drag moves the map), Box and Lasso (drag selects the documents
// inside; with Shift it adds to the selection). Keys: P, B, L. The shape is drawn on an SVG over
// the canvas while the pointer is down.

import {el} from './dom.js';
import {boxPolygon, pointsInPolygon} from './lasso.js';

const SVG = 'http://www.w3.org/2000/svg';
const MODES = [
  ['pan', 'Pan', 'P', 'Drag to pan the map (P)'],
  ['box', 'Box', 'B', 'Drag a box to select the texts inside; Shift adds (B)'],
  ['lasso', 'Lasso', 'L', 'Draw around texts to select them; Shift adds (L)'],
];

export class SelectTools {
  /** tools: the .view-tools box the buttons go into; stage: the map's section. onSelect(indices, additive). */
  constructor(app, tools, stage, onSelect) {
    this.app = app;
    this.onSelect = onSelect;
    this.mode = 'pan';
    this.gesture = null; // {points: [[x, y]…], additive}
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'select-shape');
    this.svg.setAttribute('aria-hidden', 'true');
    this.shape = document.createElementNS(SVG, 'polygon');
    this.svg.append(this.shape);
    stage.append(this.svg);
    this.buttons = MODES.map(([mode, label, key, title]) => el('button', {
      type: 'button', class: 'tool', 'aria-pressed': String(mode === this.mode), title, dataset: {tool: mode},
      onclick: () => this.setMode(mode),
    }, label, el('span', {class: 'key', text: key})));
    tools.prepend(el('div', {class: 'tool-group', role: 'group', 'aria-label': 'Map tool'}, this.buttons),
      el('button', {type: 'button', class: 'tool', id: 'export-open', title: 'Export the selection, or every visible text (E)',
        onclick: () => app.explorer.openExport()}, 'Export', el('span', {class: 'key', text: 'E'})));
  }

  setMode(mode) {
    if (!MODES.some(([m]) => m === mode)) return;
    this.mode = mode;
    for (const b of this.buttons) b.setAttribute('aria-pressed', String(b.dataset.tool === mode));
    this.app.canvas.classList.toggle('selecting', mode !== 'pan');
  }

  /** Whether a press at (x, y) starts a selection gesture (it does in Box and Lasso). */
  begin(x, y, additive) {
    if (this.mode === 'pan') return false;
    this.gesture = {points: [[x, y]], additive};
    this.draw();
    return true;
  }

  get active() {
    return this.gesture !== null;
  }

  move(x, y) {
    const g = this.gesture;
    if (!g) return;
    if (this.mode === 'box') g.points = [g.points[0], [x, y]];
    else {
      const [lx, ly] = g.points[g.points.length - 1];
      if (Math.hypot(x - lx, y - ly) >= 3) g.points.push([x, y]);
    }
    this.draw();
  }

  /** Ends the gesture and selects what it holds. Returns how long the hit test took (ms). */
  end() {
    const g = this.gesture;
    this.gesture = null;
    this.shape.setAttribute('points', '');
    if (!g) return 0;
    const {scene} = this.app;
    const poly = this.mode === 'box' && g.points.length === 2
      ? boxPolygon(scene.view, g.points[0][0], g.points[0][1], g.points[1][0], g.points[1][1])
      : g.points.map(([x, y]) => scene.view.toData(x, y));
    const start = performance.now();
    const inside = pointsInPolygon(scene.layouts[scene.to], poly, scene.visible);
    const took = performance.now() - start;
    this.onSelect(inside, g.additive);
    return took;
  }

  cancel() {
    this.gesture = null;
    this.shape.setAttribute('points', '');
  }

  draw() {
    const g = this.gesture;
    const pts = this.mode === 'box' && g.points.length === 2
      ? [[g.points[0][0], g.points[0][1]], [g.points[1][0], g.points[0][1]], [g.points[1][0], g.points[1][1]], [g.points[0][0], g.points[1][1]]]
      : g.points;
    this.shape.setAttribute('points', pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
  }
}

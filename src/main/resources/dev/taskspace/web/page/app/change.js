// The change view: what changed between two tasks (default: the current one against the
// first). Three parts: where each category's nearest neighbours are (a category-to-category
// matrix from the counts stored in the map), which regions formed, dissolved, merged or split
// (overlap of their members), and the documents whose neighbours changed most.

import {el, swatch} from './dom.js';
import {driftBetween} from './mapdata.js';
import {categoryColour} from './colouring.js';
import {categoryPalette} from './colours.js';
import {regionName} from './labels.js';

/** Shares of members that make a region's history: see regionChanges. */
const MOSTLY = 0.5, PART = 0.25, LITTLE = 0.3, KEPT = 0.5;
const MOVED = 12;

/**
 * How the regions of task a became those of task b, from the overlap of their members:
 * merged (two or more regions of a each put at least half their documents into one of b),
 * split (a region of a put at least a quarter into each of two or more of b), formed (no region
 * of a gave a region of b even 30% of its documents), dissolved (no region of b took 30% of a
 * region of a), kept (the best match shares at least half of the two regions' union).
 */
export function regionChanges(map, a, b) {
  const ra = map.regions[a], rb = map.regions[b];
  const na = map.tasks[a].regions.length, nb = map.tasks[b].regions.length;
  const overlap = Array.from({length: na}, () => new Int32Array(nb));
  const sa = new Int32Array(na), sb = new Int32Array(nb);
  for (let i = 0; i < map.n; i++) {
    if (ra[i] >= 0) sa[ra[i]]++;
    if (rb[i] >= 0) sb[rb[i]]++;
    if (ra[i] >= 0 && rb[i] >= 0) overlap[ra[i]][rb[i]]++;
  }
  const out = {merged: [], split: [], formed: [], dissolved: [], kept: []};
  for (let q = 0; q < nb; q++) {
    const sources = [];
    let best = -1;
    for (let p = 0; p < na; p++) {
      if (overlap[p][q] >= MOSTLY * sa[p] && sa[p] > 0) sources.push(p);
      if (best < 0 || overlap[p][q] > overlap[best][q]) best = p;
    }
    if (sources.length >= 2) out.merged.push({to: q, from: sources});
    else if (best < 0 || overlap[best][q] < LITTLE * sb[q]) out.formed.push({to: q});
    else if (overlap[best][q] / (sa[best] + sb[q] - overlap[best][q]) >= KEPT) out.kept.push({from: best, to: q});
  }
  for (let p = 0; p < na; p++) {
    const targets = [];
    let best = -1;
    for (let q = 0; q < nb; q++) {
      if (overlap[p][q] >= PART * sa[p] && sa[p] > 0) targets.push(q);
      if (best < 0 || overlap[p][q] > overlap[p][best]) best = q;
    }
    if (targets.length >= 2) out.split.push({from: p, to: targets});
    else if (best < 0 || overlap[p][best] < LITTLE * sa[p]) out.dissolved.push({from: p});
  }
  return out;
}

/** The documents whose neighbours changed most from task a to b (ties: the longer move on the map). */
export function movedMost(map, a, b, count = MOVED) {
  const d = driftBetween(map, a, b);
  const la = map.layouts[a], lb = map.layouts[b];
  const order = Array.from({length: map.n}, (_, i) => i);
  const dist = (i) => Math.hypot(lb[2 * i] - la[2 * i], lb[2 * i + 1] - la[2 * i + 1]) || 0;
  order.sort((x, y) => d[y] - d[x] || dist(y) - dist(x) || x - y);
  return order.slice(0, count).map((i) => ({index: i, drift: d[i]}));
}

export class ChangeView {
  /** app: the page (map, task, select(i)) */
  constructor(app, stage, tools) {
    this.app = app;
    this.panel = el('section', {id: 'change-panel', class: 'card change-card', 'aria-label': 'What changed between two tasks', hidden: true});
    stage.append(this.panel);
    this.a = 0;
    this.b = -1; // -1: follow the current task
    this.button = el('button', {id: 'change-open', type: 'button', title: 'What changed between two tasks: categories, regions, the documents that moved most',
      text: 'What changed?', 'aria-expanded': 'false', onclick: () => this.toggle()});
    tools.prepend(this.button);
  }

  get open() {
    return !this.panel.hidden;
  }

  toggle(open = !this.open) {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) this.render();
  }

  /** The task pair shown: a (default the first) and b (default the current, or the second when the current is the first). */
  pair() {
    const {map, task} = this.app;
    const b = this.b >= 0 && this.b < map.tasks.length ? this.b : task === this.a ? (this.a === 0 ? Math.min(1, map.tasks.length - 1) : 0) : task;
    return [Math.min(this.a, map.tasks.length - 1), b];
  }

  /** The page changed task or map: redraw if open. */
  update() {
    if (this.open) this.render();
  }

  render() {
    const {map} = this.app;
    const [a, b] = this.pair();
    const pick = (value, onChange, id) => el('select', {id, onchange: (e) => onChange(Number(e.target.value))},
      map.tasks.map((t, i) => el('option', {value: String(i), text: t.name, selected: i === value})));
    const parts = [
      el('h2', {}, el('span', {text: 'What changed: '}), pick(a, (v) => { this.a = v; this.render(); }, 'change-from'),
        el('span', {text: ' → '}), pick(b, (v) => { this.b = v; this.render(); }, 'change-to'),
        el('button', {type: 'button', class: 'close', 'aria-label': 'Close', title: 'Close', text: '×', onclick: () => this.toggle(false)})),
    ];
    if (a === b) {
      parts.push(el('p', {class: 'change-note', text: 'Pick two different tasks.'}));
    } else if (!map.neighbours) {
      parts.push(el('p', {class: 'change-note', text: 'Loading the neighbour lists…'}));
    } else {
      parts.push(this.categories(a, b), this.regions(a, b), this.moved(a, b));
    }
    this.panel.replaceChildren(...parts.filter(Boolean));
  }

  categories(a, b) {
    const {map} = this.app;
    const ca = map.tasks[a].categoryNeighbours, cb = map.tasks[b].categoryNeighbours;
    if (!ca || !cb || !map.labels.length) return el('section', {class: 'change-part'}, el('h3', {text: 'Categories'}),
      el('p', {class: 'change-note', text: 'This map has no category counts (no categories, or made by an older taskspace).'}));
    const share = (m, r, c) => { const s = m[r].reduce((x, y) => x + y, 0); return s ? m[r][c] / s : 0; };
    const L = map.labels.length;
    const palette = categoryPalette(L);
    const head = el('tr', {}, el('th', {scope: 'col', text: 'texts of ↓ have neighbours in →'}),
      map.labels.map((l, c) => el('th', {scope: 'col', title: l}, swatch(palette[c]))));
    const rows = map.labels.map((label, r) => el('tr', {}, el('th', {scope: 'row', class: 'category', title: label}, swatch(palette[r]), el('span', {text: label})),
      map.labels.map((_, c) => {
        const sa = share(ca, r, c), sb = share(cb, r, c), d = sb - sa;
        const cell = el('td', {
          class: r === c ? 'diagonal' : null,
          dataset: {row: String(r), col: String(c), count: String(cb[r][c]), countFrom: String(ca[r][c])},
          title: `${label} → ${map.labels[c]}: ${pct(sa)} of neighbours under “${map.tasks[a].name}”, ${pct(sb)} under “${map.tasks[b].name}” (${cb[r][c]} of ${cb[r].reduce((x, y) => x + y, 0)})`,
          text: sb >= 0.005 ? String(Math.round(100 * sb)) : '',
        });
        cell.style.background = diffColour(d);
        return cell;
      })));
    // The largest changes, in words.
    const changes = [];
    for (let r = 0; r < L; r++) for (let c = 0; c < L; c++) changes.push({r, c, d: share(cb, r, c) - share(ca, r, c)});
    const together = changes.filter((x) => x.r !== x.c && x.d > 0.02).sort((x, y) => y.d - x.d).slice(0, 3);
    const apart = changes.filter((x) => x.r === x.c).sort((x, y) => x.d - y.d);
    const lines = [];
    for (const x of together) lines.push(`${map.labels[x.r]} → ${map.labels[x.c]}: ${pct(share(ca, x.r, x.c))} → ${pct(share(cb, x.r, x.c))}`);
    const loosened = apart.filter((x) => x.d < -0.02).slice(0, 3).map((x) => `${map.labels[x.r]} keeps ${pct(share(cb, x.r, x.r))} of its neighbours (was ${pct(share(ca, x.r, x.r))})`);
    return el('section', {class: 'change-part'},
      el('h3', {text: 'Categories: where each one’s nearest neighbours are (% under the second task)'}),
      el('div', {class: 'matrix-wrap'}, el('table', {class: 'category-matrix'}, el('thead', {}, head), el('tbody', {}, rows))),
      el('p', {class: 'change-note', text: 'Cell colour: blue where the share grew, red where it shrank; hover a cell for both figures.'}),
      lines.length ? el('p', {class: 'change-list'}, el('b', {text: 'Came together: '}), lines.join('; ')) : null,
      loosened.length ? el('p', {class: 'change-list'}, el('b', {text: 'Came apart: '}), loosened.join('; ')) : null);
  }

  regions(a, b) {
    const {map} = this.app;
    if (!map.regions || !map.tasks[a].regions.length || !map.tasks[b].regions.length) {
      return el('section', {class: 'change-part'}, el('h3', {text: 'Regions'}), el('p', {class: 'change-note', text: 'This map has no regions.'}));
    }
    const c = regionChanges(map, a, b);
    const A = map.tasks[a], B = map.tasks[b];
    const name = (task, r) => (regionName(task.regions[r]) ? `“${regionName(task.regions[r])}”` : `a region of ${task.regions[r].size} texts without distinctive words`);
    const items = [];
    for (const m of c.merged) items.push(['merged', `${name(B, m.to)} under ${B.name} holds most of ${m.from.map((p) => name(A, p)).join(' and ')} of ${A.name}`]);
    for (const s of c.split) items.push(['split', `${name(A, s.from)} of ${A.name} split into ${s.to.map((q) => name(B, q)).join(' and ')}`]);
    for (const f of c.formed) items.push(['formed', `${name(B, f.to)} (${B.regions[f.to].size} texts) formed under ${B.name}: no region of ${A.name} gave it 30% of its texts`]);
    for (const d of c.dissolved) items.push(['dissolved', `${name(A, d.from)} of ${A.name} dissolved: no region of ${B.name} took 30% of its texts`]);
    return el('section', {class: 'change-part'},
      el('h3', {text: `Regions: ${A.regions.length} under ${A.name}, ${B.regions.length} under ${B.name}, ${c.kept.length} kept`}),
      items.length ? el('ul', {class: 'region-changes'}, items.map(([kind, text]) => el('li', {dataset: {kind}}, el('span', {class: 'kind ' + kind, text: kind}), text)))
        : el('p', {class: 'change-note', text: 'Every region kept its documents.'}));
  }

  moved(a, b) {
    const {map} = this.app;
    const list = movedMost(map, a, b);
    return el('section', {class: 'change-part'},
      el('h3', {text: `Moved most: texts with the most new neighbours under ${map.tasks[b].name} (click to select)`}),
      el('ol', {class: 'moved'}, list.map(({index, drift}) => el('li', {
        class: 'neighbour', tabindex: '0', dataset: {index: String(index)}, title: 'Select this text',
        onclick: () => this.app.select(index),
        onkeydown: (e) => { if (e.key === 'Enter') this.app.select(index); },
      }, swatch(categoryColour(map, index)), el('div', {class: 'neighbour-text'},
        el('span', {class: 'badge', text: `${Math.round(drift * map.k)} of ${map.k} new`}), map.previews[index])))));
  }
}

function pct(x) {
  return `${Math.round(100 * x)}%`;
}

/** Blue where a share grew, red where it shrank, white where it stayed (±25 points saturate). */
function diffColour(d) {
  const v = Math.max(-1, Math.min(1, d / 0.25));
  const [r, g, b] = v >= 0 ? [255 - 160 * v, 255 - 110 * v, 255 - 40 * v] : [255 + 25 * v, 255 + 160 * v, 255 + 170 * v];
  return `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)})`;
}

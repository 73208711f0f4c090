// The page's state and what changes it: task, colour mode, hidden categories, search,
// selection, hover. Every change redraws what depends on it and updates the address bar.

import {byId, el} from './dom.js';
import {Scene} from './scene.js';
import {Explorer} from './explore.js';
import {wholeTextControl} from './fulltext.js';
import {Tooltip} from './tooltip.js';
import {colourModes, pointColours} from './colouring.js';
import {renderLegend} from './legend.js';
import {renderFigures} from './figures.js';
import {renderNotice, renderTaskButtons, renderTaskPanel, statusLine} from './panels.js';
import {renderSelection} from './selection.js';
import {readHash, writeHash} from './urlstate.js';
import {LabelLayer} from './labels.js';
import {ChangeView} from './change.js';
import {SideBySide} from './sidebyside.js';
import {fitTaskButtons} from './taskbar.js';
import {bounds, neighboursOf} from './mapdata.js';
import {MeaningSearch} from './meaning.js';
import {filterTest, metaColouring, metaFields} from './metacolour.js';

/** A filter as plain data, to compare two. */
function filterKey(f) {
  return f ? [f.field, f.kind, f.min, f.max, f.hidden ? [...f.hidden].sort() : null] : null;
}

export class App {
  /** options: {renderer: '2d' to force the fallback, debug: 'frames' to record frame times, meaning: the server's search-by-meaning config} */
  constructor(map, options = {}) {
    this.map = map;
    this.task = 0;
    this.colour = 'category';
    this.wantedColour = null; // asked for (by the address) before drift and scores arrived
    this.hidden = new Set();
    this.metaFilter = null; // {field, kind: 'categorical', hidden: Set of values} or {field, kind: 'numeric', min, max}
    this.viewMoved = false; // zoomed or panned away from the fitted view (then the address keeps it)
    this.viewTimer = 0;
    this.query = '';
    this.matches = null;
    this.searchMode = 'words'; // or 'meaning'
    this.scores = null; // cosine of each match, by meaning
    this.searchNote = null; // {text, error}: a search by meaning under way or refused
    this.meaningSeq = 0;
    this.meaning = new MeaningSearch(options.meaning);
    this.selected = -1;
    this.hover = -1;
    this.timings = {};
    this.scene = new Scene(byId('plot'), {
      renderer: options.renderer || 'auto',
      recordFrames: options.debug === 'frames',
      leftInset: () => { const legend = byId('legend'); return legend.offsetWidth && !legend.classList.contains('folded') ? legend.offsetLeft + legend.offsetWidth : 0; },
      onDraw: () => {
        if (this.timings.firstFrame === undefined) this.timings.firstFrame = performance.now();
        if (this.labels) this.labels.draw();
        if (this.side) this.side.sync();
      },
    });
    this.tooltip = new Tooltip(byId('tooltip'), byId('stage'));
    this.explorer = new Explorer(this);
    this.extrasLoaded = false;
  }

  get canvas() {
    return this.scene.canvas;
  }

  start() {
    const {map} = this;
    // Region labels over the map, the change view and the side-by-side view (labels.js, change.js, sidebyside.js).
    const tools = byId('stage').querySelector('.view-tools');
    this.labels = new LabelLayer(byId('stage'), this.scene, () => this.map);
    this.change = new ChangeView(this, byId('stage'), tools);
    this.side = new SideBySide(this, byId('stage'), tools);
    tools.prepend(this.labels.toggleButton(() => { this.scene.requestDraw(); if (this.side.on) this.side.labels.enabled = this.labels.enabled; this.side.sync(); }));
    renderNotice(byId('notice'), map);
    byId('status').textContent = statusLine(map);
    this.renderColourModes();
    this.scene.setLayouts(map.layouts, map.bounds, false);
    const state = readHash();
    this.applyState(state, false);
    this.renderAll();
    this.scene.fit(this.taskBounds()); // after the legend is drawn, to keep the points clear of it
    if (state.view) this.showView(state.view);
    else if (this.selected >= 0) this.explorer.keepSelectionClear(this.focusOfSelection());
    new ResizeObserver(() => {
      this.scene.resize();
      if (!this.viewMoved) this.scene.fit(this.taskBounds()); // a fitted map stays fitted
    }).observe(byId('stage'));
    new ResizeObserver(() => this.fitTasks()).observe(byId('tasks'));
    // The card grows (the whole text, the fields arriving): the map pans again if it now covers the selection.
    new ResizeObserver(() => { if (this.selected >= 0) this.explorer.keepSelectionClear(this.focusOfSelection()); }).observe(byId('selection-panel'));
    window.addEventListener('hashchange', () => this.applyState(readHash(), true));
    map.extras.then(() => this.extrasArrived(), (e) => this.fail(e));
  }

  extrasArrived() {
    this.extrasLoaded = true;
    this.timings.extras = performance.now();
    this.renderColourModes();
    if (this.wantedColour) this.setColour(this.wantedColour);
    else this.recolour();
    this.renderSelection();
    if (this.selected >= 0) this.explorer.keepSelectionClear(this.focusOfSelection()); // the neighbours are in now
    if (!this.explorer.search.whole) { // the previews are in now: a search before them saw empty ones
      this.explorer.search.build(this.map.previews);
      if (this.query) this.setQuery(this.query);
    }
  }

  /** Applies a state from the address bar (on load, or when a pasted link changes the hash). */
  applyState(s, animate) {
    const t = s.task == null ? -1 : this.map.tasks.findIndex((x) => x.name === s.task);
    if (t >= 0 && t !== this.task) this.setTask(t, animate);
    if (s.colour) this.setColour(s.colour);
    const mode = s.by === 'meaning' ? 'meaning' : 'words';
    if (mode !== this.searchMode) {
      byId('search').value = s.q || '';
      this.setSearchMode(mode);
    } else if ((s.q || '') !== this.query) {
      byId('search').value = s.q || '';
      this.setQuery(s.q || '');
    }
    const doc = s.doc == null ? -1 : this.map.ids.indexOf(s.doc);
    if (doc !== this.selected) this.select(doc);
    if (JSON.stringify(filterKey(s.filter)) !== JSON.stringify(filterKey(this.metaFilter))) {
      this.metaFilter = s.filter;
      this.recolour();
    }
    const hidden = this.hiddenFrom(s);
    if (hidden.size !== this.hidden.size || [...hidden].some((i) => !this.hidden.has(i))) {
      this.hidden = hidden;
      this.recolour();
    }
    if (animate) {
      if (s.view) this.showView(s.view);
      else if (this.viewMoved) this.fitView();
    }
  }

  /** The categories an address hides: `hide` names them, or `only` names the ones shown; unknown names are ignored. */
  hiddenFrom(s) {
    const index = (label) => this.map.labels.indexOf(label);
    if (s.only && s.only.length) {
      const shown = new Set(s.only.map(index).filter((i) => i >= 0));
      if (shown.size) return new Set(this.map.labels.map((_, i) => i).filter((i) => !shown.has(i)));
    }
    return new Set((s.hide || []).map(index).filter((i) => i >= 0));
  }

  /** Shows the view of an address (centre and zoom). */
  showView(v) {
    this.scene.view.show(v.x, v.y, v.zoom);
    this.scene.requestDraw();
    this.viewMoved = true;
    this.updateUrl();
  }

  /** Back to the fitted view (double-click, the Fit button, an address without a view). */
  fitView() {
    this.scene.fit(this.taskBounds());
    this.viewMoved = false;
    this.updateUrl();
  }

  /** After a pan or a zoom: the address follows once the pointer rests (history is not rewritten per wheel step). */
  viewChanged() {
    this.viewMoved = true;
    clearTimeout(this.viewTimer);
    this.viewTimer = setTimeout(() => this.updateUrl(), 250);
  }

  setTask(t, animate = true) {
    if (t < 0 || t >= this.map.tasks.length) return;
    this.task = t;
    const reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (animate && !reduced) this.scene.morphTo(t);
    else this.scene.jumpTo(t);
    this.tooltip.hide();
    this.hover = -1;
    // Colours depend on the task only through drift and a selection's neighbours.
    this.renderAll(this.colour === 'drift' || this.selected >= 0);
    if (this.selected >= 0) this.explorer.keepSelectionClear(this.focusOfSelection());
    if (this.searchMode === 'meaning' && this.query) this.findByMeaning(); // the nearest under the new instruction
    this.side.refresh();
    this.change.update();
  }

  setColour(mode) {
    const modes = colourModes(this.map, this.fields());
    const known = modes.find((m) => m.id === mode);
    if (!known && mode.startsWith('meta:') && !this.explorer.metaArrived) this.wantedColour = mode; // asked for before the fields arrived
    if (!known) return;
    if (known.needsExtras && !this.extrasLoaded) {
      this.wantedColour = mode;
      return;
    }
    this.wantedColour = null;
    this.colour = mode;
    byId('colour-mode').value = mode;
    this.recolour();
    this.updateUrl();
  }

  /** The corpus fields that can colour and filter the map (none until meta.json is in). */
  fields() {
    const meta = this.explorer.meta;
    if (this.fieldsOf !== meta) {
      this.fieldsOf = meta;
      this.fieldList = metaFields(meta);
    }
    return this.fieldList;
  }

  /** The corpus fields arrived: they join the colour menu (and an address's colour or filter applies now). */
  metaArrived() {
    this.renderColourModes();
    if (this.wantedColour && this.wantedColour.startsWith('meta:')) this.setColour(this.wantedColour);
    else this.recolour();
  }

  /** The field the map is coloured by, or null. */
  colourField() {
    return this.colour.startsWith('meta:') ? this.fields().find((f) => 'meta:' + f.name === this.colour) || null : null;
  }

  /** Hides or shows one value (a legend entry) of the colouring field; a filter on another field is replaced. */
  toggleMetaValue(key) {
    const field = this.colourField();
    if (!field) return;
    const f = this.metaFilter && this.metaFilter.field === field.name && this.metaFilter.kind === 'categorical'
      ? this.metaFilter : {field: field.name, kind: 'categorical', hidden: new Set()};
    if (f.hidden.has(key)) f.hidden.delete(key);
    else f.hidden.add(key);
    this.setMetaFilter(f.hidden.size ? f : null);
  }

  /** Shows only one value of the colouring field. */
  soloMetaValue(key, keys) {
    const field = this.colourField();
    if (field) this.setMetaFilter({field: field.name, kind: 'categorical', hidden: new Set(keys.filter((k) => k !== key))});
  }

  /** Keeps the colouring (numeric) field's documents from min to max (either null: open). */
  setMetaRange(min, max) {
    const field = this.colourField();
    if (!field) return;
    this.setMetaFilter(min == null && max == null ? null : {field: field.name, kind: 'numeric', min, max});
  }

  setMetaFilter(filter) {
    this.metaFilter = filter;
    this.recolour();
    this.updateUrl();
  }

  toggleCategory(index) {
    if (this.hidden.has(index)) this.hidden.delete(index);
    else this.hidden.add(index);
    this.recolour();
    this.updateUrl();
  }

  soloCategory(index) {
    this.hidden = new Set(this.map.labels.map((_, i) => i).filter((i) => i !== index));
    this.recolour();
    this.updateUrl();
  }

  showAllCategories() {
    this.hidden.clear();
    this.recolour();
    this.updateUrl();
  }

  /** Words (every word must occur) or meaning (nearest vectors, serve only); searches the box's query again. */
  setSearchMode(mode) {
    this.searchMode = mode === 'meaning' ? 'meaning' : 'words';
    const box = byId('search');
    byId('search-mode').value = this.searchMode;
    box.placeholder = this.searchMode === 'meaning' ? 'Search by meaning (Enter)' : 'Search the texts';
    box.setAttribute('aria-label', this.searchMode === 'meaning' ? 'Search the texts by meaning' : 'Search the texts');
    this.setQuery(box.value);
  }

  setQuery(q) {
    this.query = q.trim();
    this.scores = null;
    this.searchNote = null;
    this.meaningSeq++; // an answer still on its way is for another query
    if (this.searchMode === 'meaning') {
      this.findByMeaning();
      return;
    }
    const start = performance.now();
    this.matches = this.explorer.find(this.query);
    this.timings.lastSearch = performance.now() - start;
    this.searched();
  }

  /** Asks the server for the texts nearest to the query under the current task; shows why not when it cannot. */
  findByMeaning() {
    const seq = ++this.meaningSeq;
    const task = this.map.tasks[this.task];
    this.matches = null;
    this.scores = null;
    const why = this.query ? this.meaning.unavailable(task) : '';
    if (!this.query) this.searchNote = null;
    else if (why) this.searchNote = {text: why, error: true};
    else if (this.query.length > this.meaning.maxQuery) this.searchNote = {text: `A query has at most ${this.meaning.maxQuery.toLocaleString('en')} characters.`, error: true};
    else {
      this.searchNote = {text: `Embedding the query under the instruction of “${task.name}”…`, error: false};
      const start = performance.now();
      this.meaning.find(task.name, this.query).then((r) => {
        if (seq !== this.meaningSeq) return;
        this.timings.lastMeaningSearch = performance.now() - start;
        this.matches = r.indices;
        this.scores = r.scores;
        this.searchNote = null;
        this.searched();
      }, (e) => {
        if (seq !== this.meaningSeq) return;
        this.searchNote = {text: e.message, error: true};
        this.searched();
      });
    }
    this.searched();
  }

  /** After the matches changed: the count, the list, the colours and the address. */
  searched() {
    const count = byId('search-count');
    const n = this.matches ? this.matches.length : 0;
    if (this.matches === null) count.textContent = this.searchNote && !this.searchNote.error ? '…' : '';
    else if (this.searchMode === 'meaning') count.textContent = `top ${n.toLocaleString('en')}`;
    else count.textContent = `${n.toLocaleString('en')} match${n === 1 ? '' : 'es'}`;
    this.explorer.renderResults();
    this.recolour();
    this.updateUrl();
  }

  select(i) {
    this.selected = i >= 0 && i < this.map.n ? i : -1;
    this.scene.setSelected(this.selected);
    this.renderSelection();
    this.recolour();
    if (this.selected >= 0) this.explorer.keepSelectionClear(this.focusOfSelection());
    this.updateUrl();
  }

  /** Hover at canvas CSS pixel (x, y): the tooltip follows the nearest dot within reach. */
  hoverAt(x, y) {
    const start = performance.now();
    const i = this.scene.pick(x, y, Math.max(6, this.scene.pointSize()));
    this.timings.lastPick = performance.now() - start; // how long the hit test took, and whether mid-morph
    this.timings.lastPickMidMorph = this.scene.morphing;
    this.hover = i;
    if (i < 0) this.tooltip.hide();
    else this.tooltip.show(this.map, i, x, y, this.explorer.meta.of(i));
    this.canvas.style.cursor = i < 0 ? '' : 'pointer';
  }

  /** A click on the map: selects the dot under it; with Shift, adds it to the group or takes it out. */
  clickAt(x, y, shift = false) {
    const i = this.scene.pick(x, y, Math.max(6, this.scene.pointSize()));
    if (shift) this.explorer.toggle(i);
    else this.select(i);
  }

  renderAll(recolour = true) {
    const {map} = this;
    renderTaskButtons(byId('tasks'), map, this.task, (t) => this.setTask(t));
    this.fitTasks();
    renderTaskPanel(byId('task-panel'), map, this.task);
    renderFigures(byId('figures-panel'), map, this.task);
    this.renderSelection();
    if (recolour) this.recolour();
    this.updateUrl();
  }

  fitTasks() {
    fitTaskButtons(byId('tasks'), this.map, this.task, (t) => this.setTask(t));
  }

  /** The frame that shows the current task (far outliers aside), for Fit; computed once per task. */
  taskBounds() {
    const layout = this.map.layouts[this.task];
    if (!this.boundsCache || this.boundsCache.layouts !== this.map.layouts) this.boundsCache = {layouts: this.map.layouts, frames: []};
    const frames = this.boundsCache.frames;
    if (!frames[this.task]) frames[this.task] = bounds([layout]);
    return frames[this.task];
  }

  renderColourModes() {
    const select = byId('colour-mode');
    select.replaceChildren(...colourModes(this.map, this.fields()).map((m) => el('option', {
      value: m.id,
      text: m.needsExtras && !this.extrasLoaded ? `${m.label} (loading…)` : m.label,
      disabled: m.needsExtras && !this.extrasLoaded,
    })));
    select.value = this.colour;
  }

  renderSelection() {
    renderSelection(byId('selection-panel'), this.map, this.task, this.selected, {
      select: (j) => this.select(j),
      clear: () => this.select(-1),
      wholeText: (j) => wholeTextControl(this.explorer.texts, j),
      meta: (j) => this.explorer.meta.of(j),
    });
  }

  /** The selected document and its neighbours in the current task. */
  focusOfSelection() {
    return [this.selected, ...(neighboursOf(this.map, this.task, this.selected) || [])];
  }

  /** Points to keep bright: the selection and its neighbours, else the search matches. */
  focus() {
    const {n} = this.map;
    let indices = null;
    if (this.selected >= 0) indices = [this.selected, ...(neighboursOf(this.map, this.task, this.selected) || [])];
    else if (this.matches) indices = this.matches;
    const group = this.explorer.group;
    if (group) indices = indices ? [...group, ...indices] : group;
    if (!indices) return {mask: null, emphasis: new Uint32Array(0)};
    const mask = new Uint8Array(n);
    for (const i of indices) mask[i] = 1;
    const cap = this.scene.renderer.kind === 'webgl2' ? 200000 : 3000;
    const emphasis = Uint32Array.from(indices.slice(0, cap)).filter((i) => i !== this.selected);
    return {mask, emphasis};
  }

  recolour() {
    const {mask, emphasis} = this.focus();
    const field = this.colourField();
    const mode = field || this.extrasLoaded || this.colour === 'category' ? this.colour : 'category';
    const meta = this.explorer.meta;
    const filter = this.metaFilter && meta.columns[this.metaFilter.field] ? this.metaFilter : null;
    const {rgba, legend} = pointColours(this.map, field ? mode : mode.startsWith('meta:') ? 'category' : mode, this.task, {hidden: this.hidden, focus: mask,
      metaColour: field ? metaColouring(meta, field, filter) : null, keep: filter ? filterTest(meta, filter) : null});
    if (filter) {
      let shown = 0;
      for (let i = 0; i < this.map.n; i++) shown += rgba[4 * i + 3] > 0 ? 1 : 0;
      const what = filter.kind === 'numeric' ? `${filter.field} ${filter.min ?? '…'} to ${filter.max ?? '…'}`
        : `${filter.field}: ${filter.hidden.size.toLocaleString('en')} ${filter.hidden.size === 1 ? 'value' : 'values'} hidden`;
      legend.filter = `Filtered by ${what}; ${shown.toLocaleString('en')} of ${this.map.n.toLocaleString('en')} shown.`;
    }
    this.scene.setColours(rgba);
    this.scene.setEmphasis(emphasis);
    this.lastColours = rgba;
    if (this.side) this.side.refresh();
    if (this.change) this.change.update();
    this.explorer.renderGroup();
    renderLegend(byId('legend'), legend, {
      toggle: (i) => this.toggleCategory(i),
      solo: (i) => this.soloCategory(i),
      showAll: () => this.showAllCategories(),
      toggleValue: (key) => this.toggleMetaValue(key),
      soloValue: (key) => this.soloMetaValue(key, legend.items.map((it) => it.key)),
      setRange: (min, max) => this.setMetaRange(min, max),
      clearFilter: () => this.setMetaFilter(null),
    });
  }

  updateUrl() {
    clearTimeout(this.viewTimer);
    const labels = this.map.labels;
    const mostlyHidden = this.hidden.size > labels.length / 2;
    writeHash({
      task: this.map.tasks[this.task].name,
      colour: this.colour === 'category' ? null : this.colour,
      doc: this.selected >= 0 ? this.map.ids[this.selected] : null,
      q: this.query || null,
      by: this.searchMode === 'meaning' ? 'meaning' : null,
      filter: this.metaFilter,
      hide: mostlyHidden ? [] : [...this.hidden].sort((a, b) => a - b).map((i) => labels[i]),
      only: mostlyHidden ? labels.filter((_, i) => !this.hidden.has(i)) : [],
      view: this.viewMoved ? this.scene.view.centre() : null,
    });
  }

  /** A new map with the same documents (a live task was added): keep the view, show `taskName`. */
  replaceMap(map, taskName) {
    const current = this.map.tasks[this.task].name;
    this.map = map;
    this.explorer.reset(map);
    this.extrasLoaded = false;
    const t = Math.max(0, map.tasks.findIndex((x) => x.name === current));
    this.task = t;
    this.scene.setLayouts(map.layouts, map.bounds, false);
    this.scene.jumpTo(t);
    this.labels.reset();
    this.renderColourModes();
    this.renderAll();
    map.extras.then(() => {
      this.extrasArrived();
      const next = map.tasks.findIndex((x) => x.name === taskName);
      if (next >= 0) this.setTask(next);
    }, (e) => this.fail(e));
  }

  fail(error) {
    byId('status').textContent = `Error: ${error.message}`;
    console.error(error);
  }

  /** A read-only copy of the state, for tests and the debug hook. */
  snapshot() {
    const {map, scene} = this;
    const id = (i) => (i >= 0 ? map.ids[i] : null);
    return {
      task: map.tasks[this.task].name,
      tasks: map.tasks.map((t) => t.name),
      regionLabels: this.labels ? this.labels.snapshot() : null,
      side: this.side ? this.side.snapshot() : null,
      colour: this.colour,
      hiddenCategories: [...this.hidden].map((i) => map.labels[i]),
      query: this.query,
      matches: this.matches ? this.matches.length : null,
      matchIds: this.matches ? Array.from(this.matches.slice(0, 100), id) : [],
      searchMode: this.searchMode,
      matchScores: this.scores ? Array.from(this.scores.slice(0, 100)) : [],
      searchNote: this.searchNote ? this.searchNote.text : null,
      searchedWholeTexts: this.explorer.searchedWhole,
      group: this.explorer.group ? Array.from(this.explorer.group.slice(0, 1000), id) : [], // the first 1,000
      groupSize: this.explorer.group ? this.explorer.group.length : 0,
      lastExport: this.explorer.lastExport || null,
      metaFields: this.explorer.meta.names,
      metaFilter: this.metaFilter ? {...this.metaFilter, hidden: this.metaFilter.hidden ? [...this.metaFilter.hidden] : undefined} : null,
      shown: scene.visible ? scene.visible.reduce((a, v) => a + v, 0) : map.n,
      legendTitle: byId('legend').querySelector('.legend-title') ? byId('legend').querySelector('.legend-title').firstChild.textContent : null,
      selected: id(this.selected),
      neighbours: this.selected >= 0 ? (neighboursOf(map, this.task, this.selected) || []).map(id) : [],
      hover: id(this.hover),
      morphing: scene.morphing,
      t: scene.t,
      renderer: scene.renderer.kind,
      rendererReason: scene.reason,
      documents: map.n,
      extrasLoaded: this.extrasLoaded,
      framesDrawn: scene.frames,
      timings: {...this.timings},
    };
  }
}

// What a reader does with the documents beyond looking: search the whole texts (and list the
// results), select a group (box, lasso, Shift-click, a search's "select all"), read a text whole,
// export. The App owns the view; this owns the texts, the group and their panels.

import {byId} from './dom.js';
import {Texts} from './texts.js';
import {Search} from './search.js';
import {renderResults} from './results.js';
import {renderGroup} from './group.js';
import {loadMeta} from './meta.js';
import {union} from './lasso.js';
import {download, exportText} from './export.js';
import {keepClear} from './keepclear.js';

export class Explorer {
  constructor(app) {
    this.app = app;
    this.reset(app.map);
  }

  /** A new map (first load, or a live task added): texts, search and metadata start again; the group is kept by id. */
  reset(map) {
    const keep = this.group && this.map ? Array.from(this.group, (i) => this.map.ids[i]) : null;
    this.map = map;
    this.texts = new Texts(map);
    this.search = new Search(map);
    this.wholeTexts = null; // string[] once loaded
    this.loading = null; // what the results say while the whole texts load
    this.meta = {names: [], columns: {}, of: () => [], row: () => ({})};
    this.metaArrived = false;
    this.metaLoaded = loadMeta(map).then((m) => {
      this.meta = m;
      this.metaArrived = true;
      this.app.metaArrived();
      this.app.renderSelection(); // the card grows: the app's observer keeps the selection clear of it
      return m;
    });
    this.exporting = null;
    this.group = keep ? Uint32Array.from(keep.map((id) => map.ids.indexOf(id)).filter((i) => i >= 0)) : null;
  }

  /** Matches of the query; starts loading the whole texts the first time, and searches them once in. */
  find(query) {
    if (query && !this.search.whole && this.texts.whole && !this.loading) {
      const mb = (this.texts.totalBytes / 1e6).toFixed(1);
      this.loading = `Searching the previews while the whole texts load (${mb} MB)…`;
      this.texts.all((done, total) => {
        this.loading = `Searching the previews while the whole texts load (${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB)…`;
        this.renderResults();
      }).then(async (texts) => {
        this.wholeTexts = texts;
        this.loading = 'Searching the previews while the whole texts are indexed…';
        this.renderResults();
        await this.search.buildInBackground(texts, true);
        this.loading = null;
        this.app.setQuery(this.app.query); // search again, in the whole texts
        this.renderGroup();
      }, (e) => {
        this.loading = `The whole texts could not be loaded (${e.message}): only the previews were searched.`;
        this.renderResults();
      });
    }
    return this.search.find(query);
  }

  get searchedWhole() {
    return this.search.whole || !this.texts.whole;
  }

  renderResults() {
    const {app} = this;
    renderResults(byId('results-panel'), this.map, {query: app.query, matches: app.matches, whole: this.searchedWhole, loading: this.loading,
      texts: this.wholeTexts, mode: app.searchMode, scores: app.scores, note: app.searchNote, task: app.map.tasks[app.task].name}, {
      select: (i) => app.select(i),
      selectAll: () => this.setGroup(this.visibleOnly(app.matches), false),
    });
  }

  renderGroup() {
    const {app} = this;
    let visible = 0;
    const v = app.scene.visible;
    if (v) for (let i = 0; i < v.length; i++) visible += v[i];
    renderGroup(byId('group-panel'), this.map, {group: this.group, exportOpen: this.exportOpen, visibleCount: visible, texts: this.wholeTexts,
      exporting: this.exporting}, {
      closeExport: () => { this.exportOpen = false; this.renderGroup(); },
      select: (i) => app.select(i),
      clear: () => this.setGroup(null, false),
      exportAs: (format) => this.exportAs(format),
    });
  }

  /** Shows the export panel (also without a selection: then it exports what is visible) and moves the focus to it. */
  openExport() {
    this.exportOpen = true;
    this.renderGroup();
    const first = byId('group-panel').querySelector('button.export');
    if (first) first.focus();
  }

  /** Makes `indices` the group (or adds them, with Shift). */
  setGroup(indices, additive) {
    const next = additive && this.group ? union(this.group, indices || []) : indices && indices.length ? Uint32Array.from(indices) : null;
    this.group = next && next.length ? next : null;
    this.renderGroup();
    this.app.recolour();
  }

  /** The shown ones among `indices` (hidden categories are left out). */
  visibleOnly(indices) {
    const v = this.app.scene.visible;
    return v ? indices.filter((i) => v[i] === 1) : indices;
  }

  /** Shift-click: adds the document to the group, or takes it out. */
  toggle(i) {
    if (i < 0) return;
    if (this.group && this.group.includes(i)) this.setGroup(this.group.filter((j) => j !== i), false);
    else this.setGroup([i], true);
  }

  /** The documents to export: the group, else every visible one. */
  exportRows() {
    if (this.group) return Array.from(this.group);
    const out = [];
    const v = this.app.scene.visible;
    for (let i = 0; i < this.map.n; i++) if (!v || v[i]) out.push(i);
    return out;
  }

  async exportAs(format) {
    const rows = this.exportRows();
    this.exporting = this.texts.whole && !this.wholeTexts ? 'Loading the whole texts…' : 'Writing…';
    this.renderGroup();
    try {
      const [texts, meta] = await Promise.all([this.texts.all(), this.metaLoaded]);
      const text = exportText(this.map, rows, format, texts, meta);
      const name = `taskspace-${this.group ? 'selection' : 'visible'}-${rows.length}.${format}`;
      download(text, name, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson;charset=utf-8');
      this.lastExport = {name, rows: rows.length, bytes: text.length};
      this.exporting = null;
    } catch (e) {
      this.exporting = `The export failed: ${e.message}`;
    }
    this.renderGroup();
  }

  /** Pans the map so that the selected document and its neighbours are not under the selection card. */
  keepSelectionClear(indices) {
    if (keepClear(this.app.scene, indices, byId('selection-panel'))) this.app.viewChanged();
  }
}

// Mouse, wheel and keyboard: pan by dragging, zoom with the wheel, hover and click dots,
// number keys switch tasks, Escape clears.

import {byId} from './dom.js';
import {SelectTools} from './tools.js';
import {focusFirstResult} from './results.js';

const DRAG_THRESHOLD = 4; // CSS pixels before a press becomes a drag

export function attachInput(app) {
  const canvas = app.canvas;
  const scene = app.scene;
  let press = null; // {x, y, lastX, lastY, dragged}
  let hoverFrame = 0, hoverAt = null;
  const tools = new SelectTools(app, document.querySelector('.view-tools'), byId('stage'), (indices, additive) => {
    app.explorer.setGroup(indices, additive);
  });
  app.tools = tools;

  const local = (e) => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const [x, y] = local(e);
    press = {x, y, lastX: x, lastY: y, dragged: false, tool: tools.begin(x, y, e.shiftKey)};
    canvas.setPointerCapture(e.pointerId);
  });

  canvas.addEventListener('pointermove', (e) => {
    const [x, y] = local(e);
    if (press && press.tool) {
      if (Math.hypot(x - press.x, y - press.y) > DRAG_THRESHOLD) press.dragged = true;
      tools.move(x, y);
      app.tooltip.hide();
      return;
    }
    if (press) {
      if (!press.dragged && Math.hypot(x - press.x, y - press.y) > DRAG_THRESHOLD) {
        press.dragged = true;
        canvas.classList.add('dragging');
        app.tooltip.hide();
      }
      if (press.dragged) {
        scene.view.pan(x - press.lastX, y - press.lastY);
        scene.requestDraw();
        app.viewChanged();
      }
      press.lastX = x;
      press.lastY = y;
      if (press.dragged) return;
    }
    // One hit test per frame, however fast the pointer moves.
    hoverAt = [x, y];
    if (!hoverFrame) {
      hoverFrame = requestAnimationFrame(() => {
        hoverFrame = 0;
        if (hoverAt) app.hoverAt(hoverAt[0], hoverAt[1]);
      });
    }
  });

  canvas.addEventListener('pointerup', (e) => {
    if (!press) return;
    const [x, y] = local(e);
    if (press.tool) {
      if (press.dragged) app.timings.lastLasso = tools.end();
      else tools.cancel();
    }
    if (!press.dragged) app.clickAt(x, y, e.shiftKey);
    press = null;
    canvas.classList.remove('dragging');
  });

  canvas.addEventListener('pointerleave', () => {
    hoverAt = null;
    app.tooltip.hide();
    app.hover = -1;
  });

  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [x, y] = local(e);
    const lines = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 800 : 1;
    scene.view.zoomAt(x, y, Math.exp(-e.deltaY * lines * 0.0015));
    scene.requestDraw();
    app.viewChanged();
    app.tooltip.hide();
  }, {passive: false});

  canvas.addEventListener('dblclick', () => app.fitView());
  byId('reset-view').addEventListener('click', () => app.fitView());

  const search = byId('search');
  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    if (app.searchMode === 'meaning') {
      // Each search by meaning runs the model: only Enter asks for one (an emptied box clears at once).
      if (!search.value.trim()) app.setQuery('');
      else if (search.value.trim() !== app.query) byId('search-count').textContent = 'Enter ↵';
      return;
    }
    const delay = app.map.n > 100000 ? 250 : 80;
    searchTimer = setTimeout(() => app.setQuery(search.value), delay);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      clearTimeout(searchTimer);
      app.setQuery(search.value);
    } else if (e.key === 'ArrowDown') {
      clearTimeout(searchTimer);
      if (search.value.trim() !== app.query && app.searchMode === 'words') app.setQuery(search.value);
      if (focusFirstResult()) e.preventDefault();
    }
  });
  byId('search-mode').addEventListener('change', (e) => {
    clearTimeout(searchTimer);
    app.setSearchMode(e.target.value);
  });

  byId('colour-mode').addEventListener('change', (e) => app.setColour(e.target.value));

  const explainer = byId('explainer');
  const openExplainer = () => { explainer.hidden = false; byId('explain-close').focus(); };
  const closeExplainer = () => { explainer.hidden = true; byId('explain-open').focus(); };
  byId('explain-open').addEventListener('click', openExplainer);
  byId('about-more').addEventListener('click', openExplainer);
  byId('explain-close').addEventListener('click', closeExplainer);
  explainer.addEventListener('click', (e) => { if (e.target === explainer) closeExplainer(); });

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      const live = byId('live-panel');
      if (!explainer.hidden) closeExplainer();
      else if (!live.hidden) live.hidden = true;
      else if (tools.active) tools.cancel();
      else if (app.selected >= 0) app.select(-1);
      else if (app.explorer.group) app.explorer.setGroup(null, false);
      else if (app.query) { search.value = ''; app.setQuery(''); }
      return;
    }
    const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select');
    if (typing || e.ctrlKey || e.metaKey || e.altKey || !explainer.hidden) return;
    if (/^[1-9]$/.test(e.key)) {
      const t = Number(e.key) - 1;
      if (t < app.map.tasks.length) {
        e.preventDefault();
        app.setTask(t);
      }
    } else if (e.key === '/') {
      e.preventDefault();
      search.focus();
    } else if (e.key === 'b' || e.key === 'l' || e.key === 'p') {
      tools.setMode({b: 'box', l: 'lasso', p: 'pan'}[e.key]);
    } else if (e.key === 'e') {
      app.explorer.openExport();
    } else if (e.key === 'f') {
      app.fitView();
    }
  });
}

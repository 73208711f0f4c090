// Entry point: loads the server's config and the map, then starts the page. Failures are
// shown on the page in words a user can act on.

import {byId, el} from './dom.js';
import {loadMap, MapError} from './mapdata.js';
import {App} from './app.js';
import {attachInput} from './input.js';
import {installDebugHook} from './debug.js';
import {LivePanel} from './live.js';
import {queryFlag} from './urlstate.js';

const MAP_BASE = 'map/';

async function loadConfig() {
  // config.json: written by `taskspace site` ({"live": null}) and served by `taskspace serve`.
  try {
    const response = await fetch('config.json', {cache: 'no-cache'});
    return response.ok ? await response.json() : {};
  } catch (e) {
    return {};
  }
}

function showFatal(error) {
  const box = byId('fatal');
  const known = error instanceof MapError;
  box.replaceChildren(
    el('h2', {text: known ? 'The map could not be loaded' : 'Something went wrong'}),
    el('p', {text: error.message}),
    known ? null : el('p', {text: 'Details are in the browser console.'}));
  box.hidden = false;
  byId('status').textContent = '';
  if (!known) console.error(error);
}

async function main() {
  if (window.location.protocol === 'file:') return; // boot.js explains
  const status = byId('status');
  try {
    const [config, map] = await Promise.all([loadConfig(), loadMap(MAP_BASE, (text) => { status.textContent = text; })]);
    const app = new App(map, {renderer: queryFlag('renderer'), debug: queryFlag('debug'), meaning: config.meaning});
    app.timings.mapLoaded = performance.now();
    app.start();
    attachInput(app);
    installDebugHook(app);
    if (config.live) {
      new LivePanel(byId('live-panel'), byId('live-open'), config.live, () => app.map, async (name) => {
        try {
          const next = await loadMap(MAP_BASE);
          app.replaceMap(next, name);
        } catch (e) {
          showFatal(e);
        }
      });
    }
    app.timings.interactive = performance.now();
  } catch (e) {
    showFatal(e);
  }
}

main();

// The view in the address bar (#task=topic&colour=drift&doc=ID&q=words&by=meaning&hide=LABEL&view=X,Y,ZOOM),
// so that a link shows someone else the same thing. Hidden categories are `hide` (repeated), or
// `only` for the shown ones when most are hidden; `view` is the data point at the centre of the
// map and the zoom over the fitted view, so it means the same on any screen. Debug switches stay
// in the query string.

export function readHash() {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return {task: p.get('task'), colour: p.get('colour'), doc: p.get('doc'), q: p.get('q'), by: p.get('by'),
    hide: p.getAll('hide'), only: p.getAll('only'), view: parseView(p.get('view'))};
}

/** Replaces the hash without adding history entries (a morph is not a page). */
export function writeHash(state) {
  const p = new URLSearchParams();
  for (const key of ['task', 'colour', 'doc', 'q', 'by']) if (state[key]) p.set(key, state[key]);
  for (const key of ['hide', 'only']) for (const label of state[key] || []) p.append(key, label);
  if (state.view) p.set('view', [state.view.x.toPrecision(5), state.view.y.toPrecision(5), state.view.zoom.toPrecision(4)].map(Number).join(','));
  const hash = p.toString();
  const current = window.location.hash.replace(/^#/, '');
  if (hash !== current) window.history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
}

export function queryFlag(name) {
  return new URLSearchParams(window.location.search).get(name);
}

/** "x,y,zoom" with finite numbers and a positive zoom, else null. */
function parseView(text) {
  if (!text) return null;
  const [x, y, zoom] = text.split(',').map(Number);
  return Number.isFinite(x) && Number.isFinite(y) && zoom > 0 && Number.isFinite(zoom) ? {x, y, zoom} : null;
}

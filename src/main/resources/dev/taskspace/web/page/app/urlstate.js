// The view in the address bar (#task=topic&colour=drift&doc=ID&q=words&by=meaning&filter=year:1990..&hide=LABEL&view=X,Y,ZOOM),
// so that a link shows someone else the same thing. Hidden categories are `hide` (repeated), or
// `only` for the shown ones when most are hidden; `view` is the data point at the centre of the
// map and the zoom over the fitted view, so it means the same on any screen. Debug switches stay
// in the query string.

export function readHash() {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return {task: p.get('task'), colour: p.get('colour'), doc: p.get('doc'), q: p.get('q'), by: p.get('by'), filter: parseFilter(p.get('filter')),
    hide: p.getAll('hide'), only: p.getAll('only'), view: parseView(p.get('view'))};
}

/** Replaces the hash without adding history entries (a morph is not a page). */
export function writeHash(state) {
  const p = new URLSearchParams();
  for (const key of ['task', 'colour', 'doc', 'q', 'by']) if (state[key]) p.set(key, state[key]);
  if (state.filter) p.set('filter', filterText(state.filter));
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

/** A field's filter in the address: FIELD:MIN..MAX (either end may be empty) or FIELD=JSON list of the hidden values. */
function filterText(f) {
  return f.kind === 'numeric' ? `${f.field}:${f.min ?? ''}..${f.max ?? ''}` : `${f.field}=${JSON.stringify([...f.hidden])}`;
}

function parseFilter(text) {
  if (!text) return null;
  const range = /^(.+):(-?[0-9.eE+-]*)\.\.(-?[0-9.eE+-]*)$/.exec(text);
  const num = (v) => (v === '' || !Number.isFinite(Number(v)) ? null : Number(v));
  if (range && !text.includes('=[')) {
    const min = num(range[2]), max = num(range[3]);
    return min == null && max == null ? null : {field: range[1], kind: 'numeric', min, max};
  }
  const eq = text.indexOf('=');
  if (eq <= 0) return null;
  try {
    const hidden = JSON.parse(text.slice(eq + 1));
    return Array.isArray(hidden) && hidden.length ? {field: text.slice(0, eq), kind: 'categorical', hidden: new Set(hidden.map(String))} : null;
  } catch (e) {
    return null;
  }
}

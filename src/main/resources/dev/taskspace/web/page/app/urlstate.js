// The view in the address bar (#task=topic&colour=drift&doc=ID&q=words), so that a link
// shows someone else the same thing. Debug switches stay in the query string.

export function readHash() {
  const p = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return {task: p.get('task'), colour: p.get('colour'), doc: p.get('doc'), q: p.get('q')};
}

/** Replaces the hash without adding history entries (a morph is not a page). */
export function writeHash(state) {
  const p = new URLSearchParams();
  for (const key of ['task', 'colour', 'doc', 'q']) if (state[key]) p.set(key, state[key]);
  const hash = p.toString();
  const current = window.location.hash.replace(/^#/, '');
  if (hash !== current) window.history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
}

export function queryFlag(name) {
  return new URLSearchParams(window.location.search).get(name);
}

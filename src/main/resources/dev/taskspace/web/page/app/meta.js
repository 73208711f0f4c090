// The corpus's other fields (meta.json: {"fields": {"NAME": [value or null per document]}}), loaded
// after the first frame. A map without them has none, and nothing shows them.

/** Resolves to {names: [...], columns: {NAME: [...]}, of(i) -> [[name, value]…]}; never rejects (no fields on failure). */
export async function loadMeta(map) {
  const none = {names: [], columns: {}, of: () => []};
  const entry = (map.manifest.files || {})['meta.json'];
  if (!entry) return none;
  try {
    const response = await fetch(map.base + 'meta.json', {cache: 'no-cache'});
    if (!response.ok) return none;
    const fields = (await response.json()).fields || {};
    const names = Object.keys(fields).filter((k) => Array.isArray(fields[k]) && fields[k].length === map.n);
    return {
      names,
      columns: fields,
      of: (i) => names.filter((k) => fields[k][i] != null).map((k) => [k, fields[k][i]]),
      row: (i) => Object.fromEntries(names.filter((k) => fields[k][i] != null).map((k) => [k, fields[k][i]])),
    };
  } catch (e) {
    console.warn(`meta.json could not be read: ${e.message}`);
    return none;
  }
}

/** A metadata value as one line of text. */
export function metaText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A document's fields as a definition list (text only), or null when it has none. */
export function metaList(pairs) {
  if (!pairs.length) return null;
  const dl = document.createElement('dl');
  dl.className = 'meta';
  for (const [name, value] of pairs) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = metaText(value);
    dl.append(dt, dd);
  }
  return dl;
}

// Exports documents as JSON Lines or CSV, the same rows as `taskspace export` writes (see
// MapExport.java): id, label, meta, whole text, coordinates in every task. The file is built in
// the page and handed to the browser as a download; nothing leaves the machine.

/** The rows as a file's text. texts: string[] (whole texts), meta: {row(i)}. */
export function exportText(map, indices, format, texts, meta) {
  const lines = [];
  const row = meta.row || (() => ({}));
  if (format === 'csv') {
    const header = ['id', 'label', 'text', 'meta'];
    for (const t of map.tasks) header.push(`${t.name}.x`, `${t.name}.y`);
    lines.push(header.map(cell).join(','));
    for (const i of indices) {
      const m = row(i);
      const cells = [cell(map.ids[i]), cell(map.label[i] >= 0 ? map.labels[map.label[i]] : ''), cell(texts[i]),
        cell(Object.keys(m).length ? JSON.stringify(m) : '')];
      for (let t = 0; t < map.tasks.length; t++) cells.push(String(coordinate(map.layouts[t][2 * i])), String(coordinate(map.layouts[t][2 * i + 1])));
      lines.push(cells.join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }
  for (const i of indices) {
    const coords = {};
    map.tasks.forEach((t, k) => { coords[t.name] = [coordinate(map.layouts[k][2 * i]), coordinate(map.layouts[k][2 * i + 1])]; });
    lines.push(JSON.stringify({id: map.ids[i], label: map.label[i] >= 0 ? map.labels[map.label[i]] : null, meta: row(i), text: texts[i], coords}));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** A float32 coordinate with the fewest digits that read back as the same float32 (as Java's Float.toString). */
function coordinate(x) {
  if (!Number.isFinite(x)) return null;
  for (let p = 1; p < 9; p++) {
    const v = Number(x.toPrecision(p));
    if (Math.fround(v) === x) return v;
  }
  return Number(x.toPrecision(9));
}

/** A text cell: guarded against spreadsheet formulas, quoted when needed (RFC 4180). */
export function cell(s) {
  let v = String(s);
  if (v.length && '=+-@\t\r'.includes(v[0])) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Hands `text` to the browser as a file download. */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

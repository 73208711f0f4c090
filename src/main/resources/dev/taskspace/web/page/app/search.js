// Search over the whole texts and ids. The rule (said on the page too): every word of the query
// must occur in the text or the id, in any case, anywhere, also inside a longer word ("launch"
// finds "launched"). `taskspace export --query` applies the same rule.
//
// The texts are lowered once and joined into one string with a separator; a query scans it for
// its longest word (String.indexOf, fast) and checks the other words only inside the documents
// that hold it. Until the whole texts are in, the previews are searched, and `whole` says so.

export const SEARCH_RULE = 'Every word must occur in the text or its id, in any case, also inside a longer word (“launch” finds “launched”).';

export class Search {
  constructor(map) {
    this.map = map;
    this.whole = false;
    this.build(map.previews);
  }

  /** Indexes the given texts (the previews first, then the whole texts once they are in). */
  build(texts, whole = false) {
    const {n, ids} = this.map;
    const parts = new Array(n);
    const starts = new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const part = `${ids[i]}\n${texts[i]}`.toLowerCase();
      parts[i] = part;
      starts[i] = at;
      at += part.length + 1; // the separator
    }
    starts[n] = at;
    this.blob = parts.join('\u0000') + '\u0000';
    this.starts = starts;
    this.whole = whole;
  }

  /** The query's words, lower case. */
  static words(query) {
    return query.toLowerCase().replace(/\u0000/g, ' ').split(/\s+/).filter(Boolean);
  }

  /** Indices of the matching documents (Uint32Array, in map order), or null for an empty query. */
  find(query) {
    const words = Search.words(query);
    if (words.length === 0) return null;
    words.sort((a, b) => b.length - a.length);
    const [first, ...rest] = words;
    const {blob, starts} = this;
    const out = [];
    let from = 0;
    for (;;) {
      const hit = blob.indexOf(first, from);
      if (hit < 0) break;
      const d = documentAt(starts, hit);
      const end = starts[d + 1] - 1;
      if (rest.length === 0) out.push(d);
      else {
        const doc = blob.slice(starts[d], end);
        if (rest.every((w) => doc.includes(w))) out.push(d);
      }
      from = end + 1;
    }
    return Uint32Array.from(out);
  }

  /** Where document i's text first holds one of the query's words: a short snippet around it, as {before, match, after}. */
  static snippet(text, query, width = 120) {
    const words = Search.words(query);
    const lower = text.toLowerCase();
    let best = -1, word = '';
    for (const w of words) {
      const p = lower.indexOf(w);
      if (p >= 0 && (best < 0 || p < best)) { best = p; word = w; }
    }
    if (best < 0 || lower.length !== text.length) return {before: text.slice(0, width), match: '', after: text.length > width ? '…' : ''};
    const start = Math.max(0, best - Math.floor(width / 3));
    const end = Math.min(text.length, best + word.length + width);
    return {before: (start > 0 ? '…' : '') + text.slice(start, best), match: text.slice(best, best + word.length),
      after: text.slice(best + word.length, end) + (end < text.length ? '…' : '')};
  }
}

/** The document whose part of the joined string holds position p (starts ascending). */
function documentAt(starts, p) {
  let lo = 0, hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

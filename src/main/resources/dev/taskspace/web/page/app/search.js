// Search over the whole texts and ids. The rule (said on the page too): every word of the query
// must occur in the text or the id, in any case, anywhere, also inside a longer word ("launch"
// finds "launched"). `taskspace export --query` applies the same rule.
//
// A query word holds no white space, so it occurs in a text exactly when it is part of one of
// the text's white-space-separated tokens. The texts are cut into tokens once (lower case); each
// distinct token lists the documents that hold it. A word is looked up by scanning the joined
// distinct tokens (far fewer bytes than the texts) and merging the lists of those that contain
// it; several words intersect. Until the whole texts are in, the previews are searched, and
// `whole` says so.

export const SEARCH_RULE = 'Every word must occur in the text or its id, in any case, also inside a longer word (“launch” finds “launched”).';

export class Search {
  constructor(map) {
    this.map = map;
    this.whole = false;
    this.source = map.previews; // indexed on the first search
    this.index = null;
  }

  /** Searches `texts` from now on (the whole texts, once they are in). */
  build(texts, whole = false) {
    this.source = texts;
    this.whole = whole;
    this.index = null;
  }

  /** The token index of the current texts, built now if it is not yet (the previews: a tenth of the whole texts). */
  indexed() {
    if (!this.index) {
      const builder = new IndexBuilder(this.map.ids, this.source);
      builder.addUpTo(this.map.n);
      this.index = builder.finish();
    }
    return this.index;
  }

  /**
   * Indexes `texts` a slice of a few milliseconds at a time, so the page stays responsive while
   * 100 MB of whole texts are cut into tokens; searches keep using the current index until the
   * new one is complete, then search `texts` from then on.
   */
  async buildInBackground(texts, whole = false, sliceMs = 12) {
    const builder = new IndexBuilder(this.map.ids, texts);
    for (let i = 0; i < this.map.n;) {
      const until = performance.now() + sliceMs;
      while (i < this.map.n && performance.now() < until) i = builder.addUpTo(Math.min(this.map.n, i + 64));
      if (i < this.map.n) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    this.source = texts;
    this.whole = whole;
    this.index = builder.finish();
  }

  /** The query's words, lower case. */
  static words(query) {
    return query.toLowerCase().replace(/\u0000/g, ' ').split(/\s+/).filter(Boolean);
  }

  /** Indices of the matching documents (Uint32Array, in map order), or null for an empty query. */
  find(query) {
    const words = Search.words(query);
    if (words.length === 0) return null;
    words.sort((a, b) => b.length - a.length); // longer words are rarer: fewer documents to intersect
    const {vocab, starts, postStart, posts} = this.indexed();
    const n = this.map.n;
    let mask = null;
    for (const w of words) {
      const next = new Uint8Array(n);
      for (let from = 0; ;) {
        const hit = vocab.indexOf(w, from);
        if (hit < 0) break;
        const t = documentAt(starts, hit);
        for (let p = postStart[t]; p < postStart[t + 1]; p++) {
          const d = posts[p];
          if (mask === null || mask[d] === 1) next[d] = 1;
        }
        from = starts[t + 1];
      }
      mask = next;
    }
    let count = 0;
    for (let i = 0; i < n; i++) count += mask[i];
    const out = new Uint32Array(count);
    for (let i = 0, k = 0; i < n; i++) if (mask[i]) out[k++] = i;
    return out;
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

/** The entry whose part of the joined string holds position p (starts ascending). */
function documentAt(starts, p) {
  let lo = 0, hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Builds the token index document by document: the distinct tokens joined (vocab, with starts)
 * and each one's documents in CSR form (postStart, posts), ascending per token.
 */
class IndexBuilder {
  constructor(ids, texts) {
    this.ids = ids;
    this.texts = texts;
    this.next = 0; // the next document to add
    this.tokenId = new Map();
    this.tokens = [];
    this.pairs = new Int32Array(1 << 20); // the distinct token ids of each document, document after document
    this.np = 0;
    this.docEnd = new Int32Array(ids.length);
    this.lastDoc = new Int32Array(1 << 16).fill(-1); // the last document each token was counted for
  }

  /** Adds the documents up to `end` (exclusive); returns `end`. */
  addUpTo(end) {
    const {tokenId, tokens, ids, texts, docEnd} = this;
    let {pairs, np, lastDoc} = this;
    for (let i = this.next; i < end; i++) {
      for (const token of `${ids[i]}\n${texts[i]}`.toLowerCase().split(/\s+/)) {
        if (!token) continue;
        let t = tokenId.get(token);
        if (t === undefined) {
          t = tokens.length;
          tokenId.set(token, t);
          tokens.push(token);
          if (t === lastDoc.length) { const grown = new Int32Array(t * 2).fill(-1); grown.set(lastDoc); lastDoc = grown; }
        }
        if (lastDoc[t] === i) continue;
        lastDoc[t] = i;
        if (np === pairs.length) { const grown = new Int32Array(pairs.length * 2); grown.set(pairs); pairs = grown; }
        pairs[np++] = t;
      }
      docEnd[i] = np;
    }
    Object.assign(this, {pairs, np, lastDoc, next: end});
    return end;
  }

  finish() {
    const {tokens, pairs, np, docEnd} = this;
    const n = docEnd.length;
    const counts = new Int32Array(tokens.length + 1);
    for (let p = 0; p < np; p++) counts[pairs[p] + 1]++;
    for (let t = 0; t < tokens.length; t++) counts[t + 1] += counts[t];
    const postStart = counts.slice();
    const posts = new Int32Array(np);
    for (let i = 0, p = 0; i < n; i++) for (; p < docEnd[i]; p++) posts[counts[pairs[p]]++] = i; // ascending per token
    const starts = new Int32Array(tokens.length + 1);
    let at = 0;
    for (let t = 0; t < tokens.length; t++) { starts[t] = at; at += tokens[t].length + 1; }
    starts[tokens.length] = at;
    return {vocab: tokens.join('\u0000') + '\u0000', starts, postStart, posts};
  }
}

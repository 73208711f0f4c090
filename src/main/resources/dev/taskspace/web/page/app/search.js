// Search over the texts' previews and ids: every word of the query must occur (any case).

export class Search {
  constructor(map) {
    this.map = map;
    this.lower = null; // built on the first search
  }

  /** Indices of the matching documents (Uint32Array), or null for an empty query. */
  find(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return null;
    if (!this.lower) this.lower = this.map.previews.map((p, i) => `${p}\u0000${this.map.ids[i]}`.toLowerCase());
    const out = [];
    for (let i = 0; i < this.lower.length; i++) {
      const text = this.lower[i];
      if (words.every((w) => text.includes(w))) out.push(i);
    }
    return Uint32Array.from(out);
  }
}

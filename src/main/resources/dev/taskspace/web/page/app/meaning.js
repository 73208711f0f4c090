// Search by meaning (taskspace serve only): the server embeds the query under the current task's
// instruction, with the model the map was made with, and answers with the documents whose
// stored vectors are nearest (cosine), nearest first.
//   POST api/search {task, query, k} -> {indices, scores, cached} or {error}
// A static site has no model: it says that this needs `serve`. A task imported as a 2-D layout
// has no vectors: it says so instead of searching.

export const MEANING_RULE = 'By meaning: the query is embedded under this task’s instruction by the model the map was made with, '
  + 'and the texts whose vectors lie nearest to it (cosine similarity, shown beside each) are listed, nearest first, whatever words '
  + 'they use. Enter searches; switching tasks searches again, under the new instruction.';

/** How many of the nearest texts are asked for, listed and highlighted. */
export const NEAREST = 100;

export class MeaningSearch {
  /** config: the server's {available, reason, maxQuery, maxResults}, or undefined on a static site. */
  constructor(config) {
    this.config = config || null;
    this.cache = new Map(); // task \u0000 query -> result, the last 50
  }

  /** Why the task cannot be searched by meaning here, or '' when it can. */
  unavailable(task) {
    if (!this.config) {
      return 'Search by meaning needs the page served by ‘taskspace serve’, which embeds the query with the map’s model: '
        + 'this copy of the map has no server behind it. Search by words here.';
    }
    if (!this.config.available) return this.config.reason || 'Search by meaning is not available on this server.';
    if (task.importedFrom != null) {
      return `The task “${task.name}” is a 2-D layout imported from ${task.importedFrom} without its vectors, so it cannot be `
        + 'searched by meaning. Search it by words, or switch to a task embedded here.';
    }
    return '';
  }

  get maxQuery() {
    return (this.config && this.config.maxQuery) || 1000;
  }

  /** Resolves to {indices: Uint32Array, scores: Float32Array}; rejects with an Error whose message is for the page. */
  async find(taskName, query) {
    const key = `${taskName}\u0000${query}`;
    if (this.cache.has(key)) return this.cache.get(key);
    let response;
    try {
      response = await fetch('api/search', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({task: taskName, query, k: NEAREST}), cache: 'no-store'});
    } catch (e) {
      throw new Error('The server could not be reached: is ‘taskspace serve’ still running?');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      // said below
    }
    if (!response.ok || !body || !Array.isArray(body.indices)) {
      throw new Error(body && typeof body.error === 'string' ? body.error : `The server answered ${response.status}.`);
    }
    const result = {indices: Uint32Array.from(body.indices), scores: Float32Array.from(body.scores)};
    this.cache.set(key, result);
    if (this.cache.size > 50) this.cache.delete(this.cache.keys().next().value);
    return result;
  }
}

// window.taskspace: a read-only window into the page for tests and benchmarks. It can look,
// never change anything: state() and frames() return copies.

export function installDebugHook(app) {
  const hook = {
    /** The current state: task, colour mode, selection, search, hover, renderer, timings. */
    state: () => app.snapshot(),
    /** Frame timestamps of every finished morph and each frame's drawing time in ms (only with ?debug=frames in the address). */
    frames: () => (app.scene.frameLog ? app.scene.frameLog.map((m) => ({...m, stamps: m.stamps.slice(), work: m.work.slice()})) : null),
    /** Where document `id` is drawn now, in CSS pixels relative to the page. */
    screenPosition: (id) => {
      const i = app.map.ids.indexOf(String(id));
      if (i < 0) return null;
      const [x, y] = app.scene.screenPosition(i);
      const r = app.canvas.getBoundingClientRect();
      return {x: r.left + x, y: r.top + y, inside: x >= 0 && y >= 0 && x <= r.width && y <= r.height};
    },
    /** The colour the renderer was given for document `id` ([r, g, b, a]), or null. */
    colourOf: (id) => {
      const i = app.map.ids.indexOf(String(id));
      return i < 0 || !app.lastColours ? null : Array.from(app.lastColours.subarray(4 * i, 4 * i + 4));
    },
    /** The same on the side-by-side map (null when it is off). */
    sidePosition: (id) => {
      const i = app.map.ids.indexOf(String(id));
      if (i < 0 || !app.side || !app.side.on) return null;
      const [x, y] = app.side.scene.screenPosition(i);
      const r = app.side.scene.canvas.getBoundingClientRect();
      return {x: r.left + x, y: r.top + y, inside: x >= 0 && y >= 0 && x <= r.width && y <= r.height};
    },
  };
  Object.defineProperty(window, 'taskspace', {value: Object.freeze(hook), writable: false, configurable: false, enumerable: false});
}

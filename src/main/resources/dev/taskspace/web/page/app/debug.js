// window.taskspace: a read-only window into the page for tests and benchmarks. It can look,
// never change anything: state() and frames() return copies.

export function installDebugHook(app) {
  const hook = {
    /** The current state: task, colour mode, selection, search, hover, renderer, timings. */
    state: () => app.snapshot(),
    /** Frame timestamps of every finished morph (only with ?debug=frames in the address). */
    frames: () => (app.scene.frameLog ? app.scene.frameLog.map((m) => ({...m, stamps: m.stamps.slice()})) : null),
    /** Where document `id` is drawn now, in CSS pixels relative to the page. */
    screenPosition: (id) => {
      const i = app.map.ids.indexOf(String(id));
      if (i < 0) return null;
      const [x, y] = app.scene.screenPosition(i);
      const r = app.canvas.getBoundingClientRect();
      return {x: r.left + x, y: r.top + y, inside: x >= 0 && y >= 0 && x <= r.width && y <= r.height};
    },
  };
  Object.defineProperty(window, 'taskspace', {value: Object.freeze(hook), writable: false, configurable: false, enumerable: false});
}

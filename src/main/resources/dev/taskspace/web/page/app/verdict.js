// What a task did, measured against the first task, in one sentence: the page says it beside
// the task's intent ("look for"), so that words and numbers cannot contradict each other.

const SAME = 0.01; // kNN accuracies closer than this are "about the same"

function against(map) {
  const ref = map.tasks[0];
  return ref.instruction == null ? 'with no instruction' : `with “${ref.name}”`;
}

function f2(x) {
  return x.toFixed(2);
}

/** The measured verdict of task t against task 0, or null for task 0 itself. */
export function verdict(map, t) {
  if (t === 0) return null;
  const a = map.tasks[0].figures, b = map.tasks[t].figures;
  const parts = [];
  if (typeof a.knnAccuracy === 'number' && typeof b.knnAccuracy === 'number' && Number.isFinite(a.knnAccuracy) && Number.isFinite(b.knnAccuracy)) {
    const d = b.knnAccuracy - a.knnAccuracy;
    const how = Math.abs(d) < SAME ? 'about as well as' : d < 0 ? 'less than' : 'better than';
    parts.push(`categories separate ${how} ${against(map)}: kNN ${f2(b.knnAccuracy)} vs ${f2(a.knnAccuracy)}`);
  }
  if (typeof b.meanDrift === 'number' && Number.isFinite(b.meanDrift) && map.k > 0) {
    parts.push(`on average ${(b.meanDrift * map.k).toFixed(1)} of each text's ${map.k} nearest neighbours are new`);
  }
  return parts.length ? parts.join('; ') + '.' : null;
}

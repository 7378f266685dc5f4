// Parallel workers' plain logic: which methods each worker trains, the config and steering
// each is sent, and the merge of their frames into the frame one worker training every method
// would send. Built on the lab's declaration (info.parallel, engine/labs/lab.h: MethodKeys):
// each method's top-level keys of metrics and views; every other key is the lab's own.

/** The budget field of a method ("vi" -> "vi.steps"). */
export const stepsField = (method) => `${method}.steps`;

/** The lab's methods that can train apart (info.parallel.methods), [] when none. */
export function parallelMethods(info) {
  return info?.parallel?.methods ?? [];
}

// Below this much training (native ms, summed over the methods) one worker is kept: a second
// one's start (a WebAssembly instance) and its frames cost more than it saves (logistic's run
// takes about a millisecond; moons' half a second, its page time is its maps').
export const minParallelMs = 2000;

/**
 * Splits the methods into at most `workers` groups of about equal work (stepMs × the method's
 * steps in `config`): the largest first, each to the least loaded group; no more groups than
 * methods with steps to take. Groups keep the declaration order, within and between them. One
 * group when there is one worker, fewer than two methods with work, or less than minMs of it.
 */
export function groupMethods(methods, config, workers, { minMs = minParallelMs } = {}) {
  const names = methods.map((m) => m.name);
  const weight = (m) => m.stepMs * Math.max(0, Number(config?.[stepsField(m.name)]) || 0);
  const busy = methods.filter((m) => weight(m) > 0).length;
  const total = methods.reduce((sum, m) => sum + weight(m), 0);
  const count = total < minMs ? 1 : Math.max(1, Math.min(Math.floor(workers) || 1, busy));
  if (count < 2) return [names];
  const order = methods
    .map((m, i) => ({ name: m.name, i, w: weight(m) }))
    .sort((a, b) => b.w - a.w || a.i - b.i);
  const groups = Array.from({ length: count }, () => ({ load: 0, members: [] }));
  for (const item of order) {
    const lightest = groups.reduce((best, g) => (g.load < best.load ? g : best), groups[0]);
    lightest.load += item.w;
    lightest.members.push(item.i);
  }
  return groups
    .filter((g) => g.members.length > 0)
    .map((g) => g.members.sort((a, b) => a - b))
    .sort((a, b) => a[0] - b[0])
    .map((members) => members.map((i) => names[i]));
}

/** The config one worker opens: the other methods' budgets at 0. */
export function workerConfig(config, group, methods) {
  const out = { ...config };
  for (const { name } of methods) if (!group.includes(name)) out[stepsField(name)] = 0;
  return out;
}

/** The changes one worker applies: the others' budget fields left out (they stay at 0). */
export function workerChanges(changes, group, methods) {
  const out = { ...changes };
  for (const { name } of methods) if (!group.includes(name)) delete out[stepsField(name)];
  return out;
}

/** The config of the whole lab from the workers': each budget from the worker that owns it. */
export function mergeConfigs(configs, groups) {
  const out = { ...configs[0] };
  groups.forEach((group, w) => {
    for (const name of group) out[stepsField(name)] = configs[w][stepsField(name)];
  });
  return out;
}

// Every worker's copy of a method's keys, the owner's last: owners overwrite the lab's copy.
function ownSections(target, sources, groups, methods, part) {
  const keysOf = new Map(methods.map((m) => [m.name, m.keys]));
  groups.forEach((group, w) => {
    for (const name of group)
      for (const key of keysOf.get(name) ?? [])
        if (key in sources[w][part]) target[key] = sources[w][part][key];
  });
  return target;
}

/**
 * The frame one worker training every method would send, from each worker's latest frame
 * (frames[w] for groups[w]). step is the largest, done needs every worker done, a divergence
 * in any worker is the lab's (its step and message from worker `diverged`, the first to
 * report one, else the first diverged in order); flops and engine bytes add up; the lab's
 * other keys are every worker's (the first's is taken), and `anyKeys` views are true when
 * true in any worker.
 */
export function mergeFrames(frames, { groups, methods, anyKeys = [], diverged = -1 }) {
  const metrics = ownSections({ ...frames[0].metrics }, frames, groups, methods, 'metrics');
  const views = ownSections({ ...frames[0].views }, frames, groups, methods, 'views');
  metrics.step = Math.max(...frames.map((f) => f.metrics.step));
  metrics.done = frames.every((f) => f.metrics.done);
  const first = frames[diverged]?.metrics.diverged
    ? diverged
    : frames.findIndex((f) => f.metrics.diverged);
  if (first >= 0) {
    metrics.diverged = true;
    metrics.divergedAt = frames[first].metrics.divergedAt;
    metrics.message = frames[first].metrics.message;
  }
  for (const key of anyKeys)
    if (frames.some((f) => key in f.views)) views[key] = frames.some((f) => f.views[key] === true);
  const sum = (field) => frames.reduce((total, f) => total + (f[field] ?? 0), 0);
  return {
    ...frames[0],
    metrics,
    views,
    playing: frames.some((f) => f.playing),
    stepsPerSec: Math.max(...frames.map((f) => f.stepsPerSec ?? 0)),
    engineBytes: sum('engineBytes'),
    flops: sum('flops'),
  };
}

// The run state the play bar shows: Training, Paused, Ready, Finished, Diverged, or, once
// training is finished but Monte Carlo maps still refine, "Refining maps 170/500".

/** The least `passesDone` over the views' per-method maps, and the target; null without maps. */
export function refiningProgress(views) {
  if (!views?.refining || !(views.passesTarget > 0)) return null;
  const done = Object.values(views)
    .filter((v) => v && typeof v === 'object' && Number.isFinite(v.passesDone))
    .map((v) => v.passesDone);
  if (done.length === 0) return null;
  return { done: Math.min(...done), target: views.passesTarget };
}

/** [text, kind] for a frame's metrics and views; kind is what announcements key on. */
export function runState(metrics, views, playing) {
  if (metrics.diverged) return ['Diverged', 'diverged'];
  if (metrics.done) {
    const refining = refiningProgress(views);
    if (refining) return [`Refining maps ${refining.done}/${refining.target}`, 'done'];
    return ['Finished', 'done'];
  }
  if (playing) return ['Training', 'playing'];
  return metrics.step > 0 ? ['Paused', 'paused'] : ['Ready', 'ready'];
}

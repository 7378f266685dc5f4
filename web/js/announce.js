// What a screen reader hears and what the canvases' text alternatives say: the run state's
// changes (started, paused, finished, diverged) with the lab's headline result, and for each
// plot what it shows now. Plain functions of the frame, so they are tested in Node.
import { formatCount, formatMetric, getPath } from './format.js';

/** "KL(q ‖ exact) 0.352 nats": the view's first `count` metrics that have a value. */
export function headline(view, metrics, count = 1) {
  const parts = [];
  for (const metric of view.metrics ?? []) {
    const v = getPath(metrics, metric.key);
    if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    const text = formatMetric(v, Math.min(metric.digits ?? 3, 3));
    parts.push(`${metric.label} ${text}${metric.unit ? ` ${metric.unit}` : ''}`);
    if (parts.length === count) break;
  }
  return parts.join(', ');
}

const steps = (n) => `step ${formatCount(n)}`;

/**
 * The sentence to announce when the run state goes from `before` to `after` (the state words
 * of main.js: ready, playing, paused, done, diverged), or '' when nothing worth saying changed.
 */
export function runAnnouncement(before, after, { view, metrics }) {
  if (before === after) return '';
  const result = headline(view, metrics);
  switch (after) {
    case 'playing':
      return `Training started at ${steps(metrics.step)}.`;
    case 'paused':
      return before === 'playing'
        ? `Paused at ${steps(metrics.step)}.${result ? ` ${result}.` : ''}`
        : '';
    case 'done':
      return `Training finished at ${steps(metrics.step)}.${result ? ` ${result}.` : ''}`;
    case 'diverged':
      return `Training diverged at ${steps(metrics.divergedAt ?? metrics.step)}.${
        metrics.message ? ` ${metrics.message}` : ''
      }`;
    case 'ready':
      return before ? 'Reset to step 0.' : '';
    default:
      return '';
  }
}

/**
 * The run's part of a plot's text alternative (the panel puts its own description first): the
 * state and step; the main plot also gives the headline results.
 */
export function canvasStatus({ view, metrics, stateText, main = false }) {
  const parts = [];
  if (!metrics || !(metrics.step > 0)) parts.push('Nothing trained yet: press play or step.');
  else {
    parts.push(`${stateText} at ${steps(metrics.step)}.`);
    if (main) {
      const result = headline(view, metrics, 2);
      if (result) parts.push(`${result}.`);
    }
  }
  return parts.join(' ');
}

// How many frames a second the page asks the worker for. 30 normally; 4 with
// prefers-reduced-motion; 1 in a hidden tab (nothing is drawn there, training goes on). And
// fewer when drawing is expensive: the cost of a frame on the main thread (the plots' drawing
// plus the browser's style, layout, paint and commit) is measured, and the rate is lowered so
// that drawing keeps to about half of the main thread. Without that, a slow machine (no GPU,
// few cores) spends its time drawing frames instead of training, and the page stops
// answering clicks promptly.

export const fpsLevels = Object.freeze([30, 20, 15, 10, 6, 4]);
export const reducedFps = 4;
export const hiddenFps = 1;
const mainThreadShare = 0.5;
const smoothing = 0.25; // weight of a new measurement in the running mean

/** The highest level whose frames fit in the share of the main thread, given their cost. */
export function fpsForCost(costMs, share = mainThreadShare) {
  if (!(costMs > 0)) return fpsLevels[0];
  const allowed = (share * 1000) / costMs;
  return fpsLevels.find((fps) => fps <= allowed) ?? fpsLevels.at(-1);
}

/** The pacing state as plain data: the running mean of the frame cost and the chosen rate. */
export function createPace() {
  return { costMs: 0, fps: fpsLevels[0] };
}

/**
 * Folds one measured frame cost in; returns true when the chosen rate changed. The rate goes
 * down as soon as frames no longer fit, and up only with a quarter to spare, so that it does
 * not flip between two levels.
 */
export function recordCost(pace, costMs) {
  if (!Number.isFinite(costMs) || costMs < 0) return false;
  pace.costMs = pace.costMs > 0 ? (1 - smoothing) * pace.costMs + smoothing * costMs : costMs;
  const down = fpsForCost(pace.costMs);
  const fps = down < pace.fps ? down : Math.max(pace.fps, fpsForCost(1.25 * pace.costMs));
  if (fps === pace.fps) return false;
  pace.fps = fps;
  return true;
}

/** The rate to ask for, all conditions considered. */
export function targetFps(pace, { reduced, hidden }) {
  if (hidden) return hiddenFps;
  return reduced ? Math.min(reducedFps, pace.fps) : pace.fps;
}

/**
 * Measures the main-thread cost of the frame being drawn: from the start of the animation
 * frame that paints it to the first task after that frame's rendering (which includes the
 * commit to the compositor). Call after handing a frame to the plots; calls onCost(ms) once.
 * A test fixes the cost with window.__vilabFrameCostMs (ms), so that the chosen rate does not
 * depend on the speed of the machine running it.
 */
export function measureFrameCost(onCost) {
  const fixed = globalThis.__vilabFrameCostMs;
  if (Number.isFinite(fixed)) {
    queueMicrotask(() => onCost(fixed));
    return;
  }
  requestAnimationFrame((frameStart) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      onCost(performance.now() - frameStart);
    };
    // A message posted now is handled after this frame's rendering is done.
    channel.port2.postMessage(0);
  });
}

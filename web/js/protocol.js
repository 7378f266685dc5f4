// Message types between the page (main thread) and the training worker.
// Page -> worker messages carry `type` plus the fields named beside it;
// worker -> page messages likewise.

export const toWorker = Object.freeze({
  init: 'init', // {}                      -> ready
  open: 'open', // {lab, config}           -> opened + frame, or error
  configure: 'configure', // {config}              -> opened + frame, or error
  steer: 'steer', // {changes}             -> steered + frame (+ status when it continues), or error
  play: 'play', // {}                      -> status, frames
  pause: 'pause', // {}                      -> status + frame
  step: 'step', // {n}                     -> frame
  reset: 'reset', // {}                      -> frame (same config, step 0)
  settings: 'settings', // {maxFps, speed}         -> nothing (speed: steps/s, Infinity = no limit)
});

export const fromWorker = Object.freeze({
  ready: 'ready', // {labs, catalog: {name: {info, defaults, schema}}}
  opened: 'opened', // {lab, config, during}  during: 'open'|'configure'|'reset'
  steered: 'steered', // {step, changes, config}  view/live changes applied at `step`, run kept
  frame: 'frame', // {metrics, views, playing, stepsPerSec, engineBytes, flops}
  status: 'status', // {playing, reason}  reason: 'play'|'pause'|'done'|'diverged'
  error: 'error', // {message, during, fatal}
  busy: 'busy', // {call, lab, expectedMs}  sent before an engine call that may be long
});

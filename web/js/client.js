// The page's side of the training worker: starts it, forwards messages, and replaces it
// when it dies, at most a few times in a row. A worker dies visibly (an uncaught error, or a
// fatal error it reports) or silently (it stops answering: a hang, or a close without an
// error event); a watchdog catches the silent kind while the page is waiting on the worker.
import { toWorker, fromWorker } from './protocol.js';

const restartLimit = 3; // consecutive crashes before giving up
const calmPeriodMs = 10000; // a crash this long after the previous one starts a new count
export const stallMs = 20000; // silence while training or awaiting an answer that means a dead worker

// Messages that the worker always answers (settings has no answer; init is not watched,
// since a slow network may legitimately take long to deliver the engine).
const requests = new Set([
  toWorker.open,
  toWorker.configure,
  toWorker.reset,
  toWorker.play,
  toWorker.pause,
  toWorker.step,
]);

function moduleWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}

/**
 * onMessage(msg) receives every non-fatal worker message; onCrash(reason, willRestart) is
 * called when the worker dies. After a restart the worker answers `ready` again; until then
 * (and from the start until the first `ready`) messages to it are dropped and `ready` is false.
 * createWorker, clock, timers and watchdogMs are there for tests.
 */
export function createEngineClient({
  onMessage,
  onCrash,
  createWorker = moduleWorker,
  clock = () => performance.now(),
  timers = globalThis,
  watchdogMs = stallMs,
}) {
  const state = {
    worker: null,
    ready: false,
    crashes: 0,
    lastCrashAt: -Infinity,
    playing: false,
    waiting: false,
    since: 0,
    lastCheck: 0,
    timer: null,
    disposed: false,
  };

  function heard(data) {
    state.waiting = false;
    state.since = clock();
    if (data.type === fromWorker.ready) state.ready = true;
    if (typeof data.playing === 'boolean') state.playing = data.playing;
  }

  function start() {
    const worker = createWorker();
    state.worker = worker;
    // Events from a worker that has already been replaced are ignored.
    worker.addEventListener('message', ({ data }) => {
      if (worker !== state.worker) return;
      if (data.type === fromWorker.error && data.fatal) return crash(data.message);
      heard(data);
      onMessage(data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      if (worker === state.worker) crash(event.message || 'the worker script failed');
    });
    worker.addEventListener('messageerror', () => {
      if (worker === state.worker) crash('a message from the worker could not be read');
    });
    worker.postMessage({ type: toWorker.init });
  }

  function crash(reason) {
    state.worker?.terminate();
    Object.assign(state, { worker: null, ready: false, playing: false, waiting: false });
    const now = clock();
    state.crashes = now - state.lastCrashAt > calmPeriodMs ? 1 : state.crashes + 1;
    state.lastCrashAt = now;
    const willRestart = state.crashes <= restartLimit && !state.disposed;
    onCrash(reason, willRestart);
    if (willRestart) start();
  }

  // Runs every quarter of the stall time. If this check itself came late, the page was
  // suspended or throttled (a background tab), and the silence says nothing about the worker.
  function watch() {
    const now = clock();
    const late = now - state.lastCheck > watchdogMs / 2;
    state.lastCheck = now;
    if (late || !state.ready || !(state.playing || state.waiting)) {
      if (late) state.since = now;
      return;
    }
    if (now - state.since > watchdogMs) crash(`no answer for ${Math.round(watchdogMs / 1000)} s`);
  }

  function send(type, fields = {}) {
    if (!state.ready || !state.worker) return false;
    if (requests.has(type) && !state.waiting) {
      state.waiting = true;
      state.since = clock();
    }
    state.worker.postMessage({ type, ...fields });
    return true;
  }

  start();
  state.lastCheck = clock();
  state.timer = timers.setInterval(watch, watchdogMs / 4);
  return {
    send,
    open: (lab, config) => send(toWorker.open, { lab, config }),
    configure: (config) => send(toWorker.configure, { config }),
    play: () => send(toWorker.play),
    pause: () => send(toWorker.pause),
    step: (n) => send(toWorker.step, { n }),
    reset: () => send(toWorker.reset),
    settings: (settings) => send(toWorker.settings, settings),
    /** True between the worker's `ready` and its death. */
    get ready() {
      return state.ready;
    },
    /** Stops the watchdog and the worker for good. */
    dispose() {
      state.disposed = true;
      timers.clearInterval(state.timer);
      state.worker?.terminate();
      Object.assign(state, { worker: null, ready: false });
    },
  };
}

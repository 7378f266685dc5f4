// The page's side of the training worker: starts it, forwards messages, and replaces it
// when it dies (an uncaught error, or a fatal error it reports), at most a few times in a row.
import { toWorker, fromWorker } from './protocol.js';

const restartLimit = 3;        // consecutive crashes before giving up
const calmPeriodMs = 10000;    // a crash this long after the previous one starts a new count

/**
 * onMessage(msg) receives every non-fatal worker message; onCrash(reason, willRestart)
 * is called when the worker dies. After a restart the worker answers `ready` again.
 */
export function createEngineClient({ onMessage, onCrash }) {
  let worker = null;
  let crashes = 0;
  let lastCrashAt = -Infinity;

  function start() {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.addEventListener('message', ({ data }) => {
      if (data.type === fromWorker.error && data.fatal) crash(data.message);
      else onMessage(data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      crash(event.message || 'the worker script failed');
    });
    worker.addEventListener('messageerror', () => crash('a message from the worker could not be read'));
    worker.postMessage({ type: toWorker.init });
  }

  function crash(reason) {
    worker?.terminate();
    worker = null;
    const now = performance.now();
    crashes = now - lastCrashAt > calmPeriodMs ? 1 : crashes + 1;
    lastCrashAt = now;
    const willRestart = crashes <= restartLimit;
    onCrash(reason, willRestart);
    if (willRestart) start();
  }

  function send(type, fields = {}) {
    worker?.postMessage({ type, ...fields });
  }

  start();
  return {
    send,
    open: (lab, config) => send(toWorker.open, { lab, config }),
    configure: (config) => send(toWorker.configure, { config }),
    play: () => send(toWorker.play),
    pause: () => send(toWorker.pause),
    step: (n) => send(toWorker.step, { n }),
    reset: () => send(toWorker.reset),
    settings: (settings) => send(toWorker.settings, settings),
    /** For tests and diagnostics: kills the worker as if it had crashed. */
    simulateCrash: () => crash('simulated crash'),
  };
}

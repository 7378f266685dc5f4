// Module worker that owns the WebAssembly engine. Logic lives in runner.js;
// this file only loads the module, routes messages and schedules play.
import createVilab from '../wasm/vilab.mjs';
import { createSession, describeAll, handleMessage, tick } from './runner.js';
import { toWorker, fromWorker } from './protocol.js';

// Busy notices go out at once: the engine call they announce blocks this thread.
const session = createSession(null, undefined, (msg) => self.postMessage(msg));
const wake = new MessageChannel(); // yields to queued messages without setTimeout's clamping
let tickQueued = false;

function post(replies) {
  for (const { msg, transfer } of replies) self.postMessage(msg, transfer ?? []);
}

function fail(error) {
  post([
    {
      msg: {
        type: fromWorker.error,
        message: String(error?.message ?? error),
        during: 'worker',
        fatal: true,
      },
    },
  ]);
}

function queueTick() {
  if (tickQueued || !(session.playing || (session.refining && session.lab))) return;
  tickQueued = true;
  if (session.nextTickMs > 0) setTimeout(runTick, session.nextTickMs);
  else wake.port2.postMessage(0);
}

function runTick() {
  tickQueued = false;
  try {
    post(tick(session));
    queueTick();
  } catch (error) {
    session.playing = false;
    session.refining = false;
    fail(error);
  }
}

wake.port1.onmessage = runTick;

self.onmessage = async ({ data }) => {
  try {
    if (data.type === toWorker.init) {
      session.vi ??= await createVilab({
        locateFile: (file) => new URL(`../wasm/${file}`, import.meta.url).href,
      });
      post([{ msg: { type: fromWorker.ready, ...describeAll(session.vi) } }]);
      return;
    }
    post(handleMessage(session, data));
    queueTick();
  } catch (error) {
    session.playing = false;
    fail(error);
  }
};

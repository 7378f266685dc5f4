// Module worker that owns the WebAssembly engine. Logic lives in runner.js;
// this file only loads the module, routes messages and schedules play.
import { createSession, describeAll, handleMessage, tick } from './runner.js';
import { toWorker, fromWorker } from './protocol.js';
import { fetchBuiltCatalog } from './built_catalog.js';

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

// Started at once and together, before the page's `init` arrives: the engine's module, its
// WebAssembly (compiled while it downloads) and the build-time catalog.
const engineModule = import('../wasm/vilab.mjs');
const wasmResponse = fetch(new URL('../wasm/vilab.wasm', import.meta.url), {
  credentials: 'same-origin',
});
const catalogRequest = fetchBuiltCatalog();

async function loadEngine() {
  const { default: createVilab } = await engineModule;
  return createVilab({
    locateFile: (file) => new URL(`../wasm/${file}`, import.meta.url).href,
    instantiateWasm(imports, receive) {
      WebAssembly.instantiateStreaming(wasmResponse, imports).then(
        ({ instance, module }) => receive(instance, module),
        fail,
      );
      return {};
    },
  });
}

// The build-time catalog (built_catalog.js): describing every lab through the engine
// (describeAll) would cost this worker many first calls into the module before `ready`. Used
// when it names the labs the engine registers; else the engine describes them.
function catalogOf(vi, built) {
  const labs = Array.from(vi.labs());
  return built && JSON.stringify(built.labs) === JSON.stringify(labs) ? built : describeAll(vi);
}

self.onmessage = async ({ data }) => {
  try {
    if (data.type === toWorker.init) {
      session.vi ??= await loadEngine();
      const built = await catalogRequest;
      post([{ msg: { type: fromWorker.ready, ...catalogOf(session.vi, built) } }]);
      return;
    }
    post(handleMessage(session, data));
    queueTick();
  } catch (error) {
    session.playing = false;
    fail(error);
  }
};

// The public JavaScript API, linked into the module with --post-js: thin wrappers over the raw
// Embind names (rawInfo, RawLab, …) that turn a failed raw call (it returns undefined and keeps
// its message for rawLastError) into a thrown Error — see embind.cpp: an exception thrown from
// inside WebAssembly leaks its stack, so none is thrown there — check `this`, and copy configs
// into plain data before they reach the engine.
/* global Module, addOnPostRun */

addOnPostRun(function installVilabApi() {
  const raw = {};
  const names = [
    'Labs',
    'Info',
    'Defaults',
    'Schema',
    'Memory',
    'Normals',
    'BenchRuns',
    'LastError',
  ];
  for (const name of names) {
    raw[name] = Module[`raw${name}`];
    delete Module[`raw${name}`];
  }
  const RawLab = Module.RawLab;
  delete Module.RawLab;

  function unwrap(result) {
    if (result === undefined) throw new Error(raw.LastError());
    return result;
  }

  // A config's own enumerable fields as plain data, read here in JavaScript: a getter or a
  // proxy that throws does so in the caller's code, never inside the engine. Anything but an
  // object goes through unchanged, for the engine to reject with its message.
  function plainConfig(config) {
    if (config === null || typeof config !== 'object' || Array.isArray(config)) return config;
    const copy = {};
    for (const key of Object.keys(config))
      Object.defineProperty(copy, key, { value: config[key], enumerable: true });
    return copy;
  }

  Module.labs = () => unwrap(raw.Labs());
  Module.info = (name) => unwrap(raw.Info(name));
  Module.defaults = (name) => unwrap(raw.Defaults(name));
  Module.schema = (name) => unwrap(raw.Schema(name));
  Module.memory = () => unwrap(raw.Memory());
  Module.normals = (seed, count) => unwrap(raw.Normals(seed, count));
  Module.benchRuns = () => unwrap(raw.BenchRuns());

  const handles = new WeakMap(); // Lab → its RawLab, until delete()

  function handle(lab, method) {
    const found = typeof lab === 'object' && lab !== null ? handles.get(lab) : undefined;
    if (found) return found;
    if (lab instanceof Lab) throw new Error(`Lab.${method}: this lab has been deleted`);
    throw new TypeError(
      `Lab.${method}: called on ${lab === null ? 'null' : typeof lab}, not on a Lab ` +
        `(call it as lab.${method}(…) on an object made by new Lab(name, config))`,
    );
  }

  class Lab {
    constructor(name, config) {
      const lab = new RawLab(name, plainConfig(config));
      const error = lab.error();
      if (error !== '') {
        lab.delete();
        throw new Error(error);
      }
      handles.set(this, lab);
    }
    step(n) {
      return unwrap(handle(this, 'step').step(n));
    }
    /**
     * Changes view and live settings mid-run (fields as in the config); a restart field, an
     * unknown field or a bad value throws, naming it, and changes nothing. Returns the step at
     * which the changes apply.
     */
    configure(changes) {
      return unwrap(handle(this, 'configure').configure(plainConfig(changes)));
    }
    metrics() {
      return unwrap(handle(this, 'metrics').metrics());
    }
    views() {
      return unwrap(handle(this, 'views').views());
    }
    /**
     * Adds up to n Monte Carlo passes to the maps views() refines progressively, without building
     * views; returns whether any map still refines (false for labs without such maps).
     */
    refine(n) {
      return unwrap(handle(this, 'refine').refine(n));
    }
    flops() {
      return unwrap(handle(this, 'flops').flops());
    }
    /** Frees the engine's lab; later calls on this object throw. */
    delete() {
      handle(this, 'delete').delete();
      handles.delete(this);
    }
    isDeleted() {
      return this instanceof Lab && !handles.has(this);
    }
  }
  Module.Lab = Lab;
});

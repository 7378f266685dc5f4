// The runs the golden test pins: every lab's default run to the end of its budget, and two
// non-default configs per lab (shorter, through other code paths). Shared by the test and by
// scripts/update_golden.mjs, which records their metrics before a refactor.
import { runCli } from './native_cli.mjs';

export const goldenRuns = [
  { lab: 'localization', config: {} },
  { lab: 'localization', config: { mcSamples: 4, lr: 0.02, seed: 7 }, steps: 2000 },
  { lab: 'localization', config: { hidden: 10, noiseVar: 1, readingsPerSensor: 2 }, steps: 1500 },
  { lab: 'regression', config: {} },
  {
    lab: 'regression',
    config: { dataset: 'sine', n: 2000, 'mle.steps': 800, 'vi.steps': 150, 'bnn.steps': 400 },
  },
  {
    lab: 'regression',
    config: { 'bnn.layers': 2, 'bnn.noise': 'true', seed: 3, n: 1500 },
    steps: 300,
  },
  { lab: 'logistic', config: {} },
  { lab: 'logistic', config: { objective: 'elbo', 'vi.steps': 200, seed: 4 } },
  { lab: 'logistic', config: { points: 100, std: 2, 'map.steps': 60, samples: 50 } },
  { lab: 'moons', config: {} },
  { lab: 'moons', config: { 'dropout.p': 0.3, hidden: 20, seed: 5 }, steps: 700 },
  { lab: 'moons', config: { points: 300, noise: 0.2, 'bnn.priorVar': 1 }, steps: 400 },
  { lab: 'vae', config: {} },
  { lab: 'vae', config: { latentDim: 2, hidden: 10, dataSize: 4000, epochs: 40, seed: 9 } },
  { lab: 'vae', config: { noiseScale: 0.3, batchSize: 250, dataSize: 3000 }, steps: 300 },
  { lab: 'neural_process', config: {} },
  { lab: 'neural_process', config: { init: 'xavier', contextMask: 5, seed: 2 }, steps: 3000 },
  { lab: 'neural_process', config: { zSamples: 3, lr: 3e-3, outputStd: 0.05 }, steps: 2000 },
];

export function runKey({ lab, config, steps }) {
  return `${lab} ${JSON.stringify(config)}${steps === undefined ? '' : ` steps=${steps}`}`;
}

// Full metrics of a run natively (the CLI prints every double in its shortest exact form).
export function nativeMetrics({ lab, config, steps }) {
  const args = ['run', lab];
  for (const [key, value] of Object.entries(config)) args.push('--set', `${key}=${value}`);
  if (steps !== undefined) args.push('--steps', String(steps));
  return JSON.parse(runCli(args));
}

// The same in WebAssembly, as plain JSON (typed arrays as arrays, non-finite numbers as null).
export function wasmMetrics(vi, { lab, config, steps }) {
  const run = new vi.Lab(lab, config);
  try {
    if (steps !== undefined) run.step(steps);
    else while (!run.metrics().done && !run.metrics().diverged && run.step(1000) > 0);
    return JSON.parse(
      JSON.stringify(run.metrics(), (_, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)),
    );
  } finally {
    run.delete();
  }
}

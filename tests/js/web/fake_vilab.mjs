// A small JavaScript stand-in for the WebAssembly module's contract (localization only),
// used by the web tests that must not depend on the engine build. Its schema is the engine's
// localization schema, which tests/js/fake_vilab.test.mjs checks against the real module. It
// fits q = N(m, diag v) directly with Adam; it is not the engine's amortized model and its
// numbers mean nothing beyond "plausible".

import { parsePoints } from '../../../web/js/points.js';

const schema = {
  sensors: {
    label: 'Sensors',
    type: 'points',
    minPoints: 1,
    maxPoints: 6,
    coordinates: [
      { name: 'x', min: -5, max: 5, integer: false },
      { name: 'y', min: -5, max: 5, integer: false },
    ],
    default: '0.5,1_3.5,1_2,3',
    help: 'Sensor positions: drag a sensor on the plot, click an empty spot to add one, right-click or Delete to remove one (1 to 6); written x,y_x,y.',
    group: 'Data',
    unit: '',
    scale: 'linear',
  },
  targetX: {
    label: 'Target x',
    type: 'number',
    min: -5,
    max: 5,
    default: -1,
    help: 'True target, x coordinate (what we infer).',
    group: 'Data',
    unit: '',
    scale: 'linear',
  },
  targetY: {
    label: 'Target y',
    type: 'number',
    min: -5,
    max: 5,
    default: 2,
    help: 'True target, y coordinate.',
    group: 'Data',
    unit: '',
    scale: 'linear',
  },
  A: {
    label: 'Attenuation A',
    type: 'number',
    min: 0.1,
    max: 50,
    default: 10,
    help: 'Attenuation A: how fast the signal fades with distance.',
    group: 'Data',
    unit: '',
    scale: 'linear',
  },
  noiseVar: {
    label: 'Noise variance σ²',
    type: 'number',
    min: 0.01,
    max: 100,
    default: 5,
    help: 'Noise variance σ² of every reading.',
    group: 'Data',
    unit: '',
    scale: 'log',
  },
  readingsPerSensor: {
    label: 'Readings per sensor N',
    type: 'integer',
    min: 1,
    max: 50,
    default: 5,
    help: 'Readings N per sensor.',
    group: 'Data',
    unit: '',
    scale: 'linear',
  },
  hidden: {
    label: 'Hidden units per network',
    type: 'integer',
    min: 1,
    max: 500,
    default: 50,
    help: 'Hidden tanh units in each of the two networks.',
    group: 'Model',
    unit: '',
    scale: 'linear',
  },
  family: {
    label: 'Variational family',
    type: 'choice',
    choices: ['meanField', 'fullCov'],
    default: 'meanField',
    help: "meanField: q = N(μ, diag σ²), the exercise's; fullCov: q = N(μ, L·Lᵀ) with L lower-triangular (Cholesky), so q can tilt with the posterior.",
    group: 'Model',
    unit: '',
    scale: 'linear',
  },
  noise: {
    label: 'Sampling noise ε',
    type: 'choice',
    choices: ['independent', 'shared'],
    default: 'independent',
    help: "How z = μ + σ∘ε is sampled: independent, ε ~ N(0, I); or shared, one ε for both coordinates, as the original template's noise of shape (1, 1): q's samples then lie on a line and the objective is no longer a lower bound.",
    group: 'Model',
    unit: '',
    scale: 'linear',
  },
  lr: {
    label: 'Learning rate',
    type: 'number',
    min: 1e-5,
    max: 10,
    default: 0.01,
    help: 'Adam learning rate.',
    group: 'Training',
    unit: '',
    scale: 'log',
  },
  steps: {
    label: 'Training steps',
    type: 'integer',
    min: 1,
    max: 200000,
    default: 10000,
    help: 'Optimizer steps in the run.',
    group: 'Training',
    unit: '',
    scale: 'linear',
  },
  mcSamples: {
    label: 'MC samples per step',
    type: 'integer',
    min: 1,
    max: 100,
    default: 1,
    help: 'Monte Carlo samples of z per step (more = less noisy gradients).',
    group: 'Training',
    unit: '',
    scale: 'linear',
  },
  estimator: {
    label: 'Gradient estimator',
    type: 'choice',
    choices: ['reparam', 'score'],
    default: 'reparam',
    help: "How each step estimates the ELBO's gradient. reparam: through z = μ + σ∘ε (the exercise's); score: the score function (REINFORCE), the average of (log p(X, z) − log q(z))·∇ log q(z) over the step's samples, no baseline: unbiased but far noisier. Applies at the next step.",
    group: 'Training',
    unit: '',
    scale: 'linear',
  },
  lrDecay: {
    label: 'Learning-rate decay',
    type: 'boolean',
    default: false,
    help: 'Decay the learning rate as lr / (1 + step/1000), letting the iterate settle.',
    group: 'Training',
    unit: '',
    scale: 'linear',
  },
  posteriorSamples: {
    label: 'Samples from q to draw',
    type: 'integer',
    min: 0,
    max: 2000,
    default: 50,
    help: 'Samples from q drawn on the plot.',
    group: 'Display',
    unit: '',
    scale: 'linear',
  },
  seed: {
    label: 'Seed',
    type: 'integer',
    min: 0,
    max: 2147483647,
    default: 0,
    help: 'Random seed: the same seed and settings give the same run, in the browser and natively.',
    group: 'Data',
    unit: '',
    scale: 'linear',
  },
};

// What a change does on a running lab (the engine's FieldKind): Display fields redraw, the
// training settings below apply at the next step, the rest need a new run.
const liveFields = new Set(['lr', 'steps', 'mcSamples', 'estimator', 'lrDecay']);
for (const [key, spec] of Object.entries(schema))
  spec.kind = liveFields.has(key) ? 'live' : spec.group === 'Display' ? 'view' : 'restart';

function rng(seed) {
  let s = (seed >>> 0) + 0x9e3779b9;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function check(config) {
  for (const [key, value] of Object.entries(config)) {
    const spec = schema[key];
    if (!spec) throw new Error(`localization: unknown field "${key}"`);
    const bad =
      spec.type === 'points'
        ? !parsePoints(spec, value).ok
        : spec.type === 'boolean'
          ? typeof value !== 'boolean'
          : spec.type === 'choice'
            ? !spec.choices.includes(value)
            : !Number.isFinite(value) ||
              value < spec.min ||
              value > spec.max ||
              (spec.type === 'integer' && !Number.isInteger(value));
    if (bad)
      throw new Error(`localization: ${key} = ${value} is outside [${spec.min}, ${spec.max}]`);
  }
}

class Lab {
  constructor(name, config) {
    if (name !== 'localization') throw new Error(`unknown lab "${name}"`);
    check(config);
    this.c = { ...defaults(), ...config };
    const c = this.c;
    this.normal = rng(c.seed);
    this.sensors = parsePoints(schema.sensors, c.sensors).points.flat();
    this.count = this.sensors.length / 2;
    this.readings = new Float32Array(this.count * c.readingsPerSensor);
    for (let i = 0; i < this.count; i++) {
      const d2 =
        (this.sensors[2 * i] - c.targetX) ** 2 + (this.sensors[2 * i + 1] - c.targetY) ** 2;
      for (let j = 0; j < c.readingsPerSensor; j++) {
        this.readings[i * c.readingsPerSensor + j] =
          -c.A * Math.log(d2) + Math.sqrt(c.noiseVar) * this.normal();
      }
    }
    this.p = [0, 0, 0, 0]; // mean x, mean y, log var x, log var y
    this.m = [0, 0, 0, 0];
    this.v = [0, 0, 0, 0];
    this.avg = null;
    this.avgCount = 0;
    this.t = 0;
    this.diverged = false;
    this.divergedAt = -1;
    this.hist = { step: [], elbo: [], loglik: [], kl: [] };
    this.grid();
  }

  loglik(zx, zy) {
    const { A, noiseVar, readingsPerSensor: n } = this.c;
    let sum = 0;
    let gx = 0;
    let gy = 0;
    for (let i = 0; i < this.count; i++) {
      const dx = zx - this.sensors[2 * i];
      const dy = zy - this.sensors[2 * i + 1];
      const d2 = dx * dx + dy * dy + 1e-9;
      for (let j = 0; j < n; j++) {
        const r = this.readings[i * n + j] + A * Math.log(d2);
        sum += -0.5 * Math.log(2 * Math.PI * noiseVar) - (r * r) / (2 * noiseVar);
        const g = ((-r / noiseVar) * A * 2) / d2;
        gx += g * dx;
        gy += g * dy;
      }
    }
    return [sum, gx, gy];
  }

  grid() {
    const nx = 80;
    const ny = 80;
    const x0 = -4;
    const x1 = 5;
    const y0 = -3;
    const y1 = 6;
    const logp = new Float64Array(nx * ny);
    let max = -Infinity;
    for (let r = 0; r < ny; r++) {
      for (let k = 0; k < nx; k++) {
        const x = x0 + ((k + 0.5) * (x1 - x0)) / nx;
        const y = y0 + ((r + 0.5) * (y1 - y0)) / ny;
        logp[r * nx + k] = this.loglik(x, y)[0] - 0.5 * (x * x + y * y);
        max = Math.max(max, logp[r * nx + k]);
      }
    }
    const density = new Float32Array(nx * ny);
    let z = 0;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < nx * ny; i++) density[i] = Math.exp(logp[i] - max);
    for (let r = 0; r < ny; r++)
      for (let k = 0; k < nx; k++) {
        const w = density[r * nx + k];
        z += w;
        mx += w * (x0 + ((k + 0.5) * (x1 - x0)) / nx);
        my += w * (y0 + ((r + 0.5) * (y1 - y0)) / ny);
      }
    mx /= z;
    my /= z;
    const cov = [0, 0, 0, 0];
    for (let r = 0; r < ny; r++)
      for (let k = 0; k < nx; k++) {
        const w = density[r * nx + k] / z;
        const dx = x0 + ((k + 0.5) * (x1 - x0)) / nx - mx;
        const dy = y0 + ((r + 0.5) * (y1 - y0)) / ny - my;
        cov[0] += w * dx * dx;
        cov[1] += w * dx * dy;
        cov[3] += w * dy * dy;
      }
    cov[2] = cov[1];
    this.exact = { density, nx, ny, x0, x1, y0, y1, mean: [mx, my], cov };
  }

  step(n) {
    const { lr, steps, mcSamples, lrDecay } = this.c;
    let done = 0;
    while (done < n && this.t < steps && !this.diverged) {
      if (this.c.lr >= 0.5 && this.t >= 20) {
        this.diverged = true;
        this.divergedAt = this.t;
        break;
      }
      const [mx, my, lx, ly] = this.p;
      const sx = Math.exp(0.5 * lx);
      const sy = Math.exp(0.5 * ly);
      const g = [0, 0, 0, 0];
      let ll = 0;
      for (let s = 0; s < mcSamples; s++) {
        const ex = this.normal();
        const ey = this.normal();
        const [l, gx, gy] = this.loglik(mx + sx * ex, my + sy * ey);
        ll += l / mcSamples;
        g[0] += gx / mcSamples;
        g[1] += gy / mcSamples;
        g[2] += (gx * sx * ex * 0.5) / mcSamples;
        g[3] += (gy * sy * ey * 0.5) / mcSamples;
      }
      const kl = 0.5 * (Math.exp(lx) + Math.exp(ly) + mx * mx + my * my - 2 - lx - ly);
      g[0] -= mx;
      g[1] -= my;
      g[2] -= 0.5 * (Math.exp(lx) - 1);
      g[3] -= 0.5 * (Math.exp(ly) - 1);
      this.t += 1;
      done += 1;
      const rate = lrDecay ? lr / Math.sqrt(1 + this.t / 100) : lr;
      for (let i = 0; i < 4; i++) {
        this.m[i] = 0.9 * this.m[i] + 0.1 * g[i];
        this.v[i] = 0.999 * this.v[i] + 0.001 * g[i] * g[i];
        const mh = this.m[i] / (1 - 0.9 ** this.t);
        const vh = this.v[i] / (1 - 0.999 ** this.t);
        this.p[i] += (rate * mh) / (Math.sqrt(vh) + 1e-8);
      }
      if (this.t > steps / 2) {
        this.avgCount += 1;
        this.avg ??= [0, 0, 0, 0];
        for (let i = 0; i < 4; i++) this.avg[i] += (this.p[i] - this.avg[i]) / this.avgCount;
      }
      if (this.t % 10 === 0 || this.t < 10) {
        this.hist.step.push(this.t);
        this.hist.elbo.push(ll - kl);
        this.hist.loglik.push(ll);
        this.hist.kl.push(kl);
      }
    }
    return done;
  }

  configure(changes) {
    check(changes);
    for (const [key, value] of Object.entries(changes))
      if (schema[key].kind === 'restart' && value !== this.c[key])
        throw new Error(
          `localization: field '${key}' = ${value} needs a new run (a restart setting)`,
        );
    this.c = { ...this.c, ...changes };
    return this.t;
  }

  klToExact(p) {
    const [mx, my, lx, ly] = p;
    const e = this.exact;
    const det = e.cov[0] * e.cov[3] - e.cov[1] * e.cov[2];
    const inv = [e.cov[3] / det, -e.cov[1] / det, -e.cov[2] / det, e.cov[0] / det];
    const dx = e.mean[0] - mx;
    const dy = e.mean[1] - my;
    const tr = inv[0] * Math.exp(lx) + inv[3] * Math.exp(ly);
    const quad = dx * (inv[0] * dx + inv[1] * dy) + dy * (inv[2] * dx + inv[3] * dy);
    return 0.5 * (tr + quad - 2 + Math.log(det) - lx - ly);
  }

  metrics() {
    const h = this.hist;
    const last = h.step.length - 1;
    const avg = this.avg ?? this.p;
    return {
      step: this.t,
      done: this.t >= this.c.steps,
      diverged: this.diverged,
      divergedAt: this.divergedAt,
      message: this.diverged
        ? `training diverged at step ${this.divergedAt}: the loss became NaN (try a smaller learning rate)`
        : '',
      elbo: h.elbo[last] ?? 0,
      loglik: h.loglik[last] ?? 0,
      kl: h.kl[last] ?? 0,
      mean: [this.p[0], this.p[1]],
      var: [Math.exp(this.p[2]), Math.exp(this.p[3])],
      avgMean: [avg[0], avg[1]],
      avgVar: [Math.exp(avg[2]), Math.exp(avg[3])],
      exactMean: this.exact.mean,
      exactCov: this.exact.cov,
      klToExact: this.klToExact(this.p),
      klToExactAvg: this.klToExact(avg),
    };
  }

  views() {
    const e = this.exact;
    const avg = this.avg ?? this.p;
    const n = this.c.posteriorSamples;
    const samples = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      samples[2 * i] = this.p[0] + Math.exp(0.5 * this.p[2]) * this.normal();
      samples[2 * i + 1] = this.p[1] + Math.exp(0.5 * this.p[3]) * this.normal();
    }
    const h = this.hist;
    return {
      sensors: new Float32Array(this.sensors),
      target: new Float32Array([this.c.targetX, this.c.targetY]),
      readings: this.readings.slice(),
      mean: new Float32Array(this.p.slice(0, 2)),
      var: new Float32Array([Math.exp(this.p[2]), Math.exp(this.p[3])]),
      avgMean: new Float32Array(avg.slice(0, 2)),
      avgVar: new Float32Array([Math.exp(avg[2]), Math.exp(avg[3])]),
      samples,
      exactMean: new Float32Array(e.mean),
      exactCov: new Float32Array(e.cov),
      density: e.density.slice(),
      gridX0: e.x0,
      gridX1: e.x1,
      gridY0: e.y0,
      gridY1: e.y1,
      gridNx: e.nx,
      gridNy: e.ny,
      historyStep: new Float32Array(h.step),
      historyElbo: new Float32Array(h.elbo),
      historyLoglik: new Float32Array(h.loglik),
      historyKl: new Float32Array(h.kl),
      historyKlToExact: new Float32Array(h.step.map(() => this.klToExact(this.p))),
    };
  }

  delete() {
    this.deleted = true;
  }
}

function defaults() {
  return Object.fromEntries(Object.entries(schema).map(([k, s]) => [k, s.default]));
}

export default async function createVilab() {
  return {
    labs: () => ['localization'],
    info: (name) => ({
      name,
      title: 'Neural VI for target localization',
      question: 'Where is the target, and how sure can we be?',
      source: 'Fake engine: the original exercise of the localization lab',
      parallel: { methods: [], anyKeys: [] },
    }),
    defaults: () => defaults(),
    schema: () => structuredClone(schema),
    Lab,
  };
}

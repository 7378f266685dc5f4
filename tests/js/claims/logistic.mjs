// The logistic lab's claims, each checked on the setting its sentence describes.
import assert from 'node:assert/strict';
import { accepts, defaults, run, seeds } from './runs.mjs';
import { assertOverconfidentEnds, assertUnderconfident, pointsIn } from './reliability.mjs';

const lab = 'logistic';
const everySeed = () => seeds(lab, [0, 1, 2]); // a default run takes a millisecond

const sigmoid = (t) => 1 / (1 + Math.exp(-t));
// The Bayesian methods admit more doubt than MAP (mean predictive entropy over the plane).
function assertMapMostConfident() {
  for (const { seed, metrics } of everySeed()) {
    assert.ok(metrics.map.entropy < metrics.laplace.entropy, `seed ${seed}`);
    assert.ok(metrics.map.entropy < metrics.vi.entropy, `seed ${seed}`);
  }
}

const methods = ['map', 'laplace', 'vi'];
// The second Explore question's setting: the elbo objective, run long.
const elboLong = {
  objective: 'elbo',
  'map.steps': 2000,
  'map.lr': 5,
  'vi.steps': 20000,
  'vi.lr': 0.5,
};

export const checks = {
  'logistic.caption-reliability': () => {
    // Ten bins; the 2 000 test points and 2 000 far-away points from blobs of 3× the spread.
    const { views, config } = run(lab, {}, { steps: 0 });
    assert.ok(Math.abs(views.farStd - 3 * config.std) < 1e-6); // float32
    for (const method of methods) {
      const { heldOut, far } = views[method].reliability;
      assert.equal(heldOut.count.length, 10);
      assert.equal(pointsIn(heldOut), 2000);
      assert.equal(pointsIn(far), 2000);
    }
  },
  'logistic.ece-exercise': () => {
    // Measured on seeds 0–4: Laplace 0.24–0.29, MAP 0.064–0.067, VI 0.061–0.13.
    for (const { seed, metrics, views } of seeds(lab, [0, 1, 2, 3, 4])) {
      for (const method of methods)
        assertUnderconfident(views[method].reliability.heldOut, `seed ${seed} ${method}`);
      assert.ok(metrics.laplace.eceHeldOut > 1.5 * metrics.map.eceHeldOut, `seed ${seed}`);
      assert.ok(metrics.laplace.eceHeldOut > 1.5 * metrics.vi.eceHeldOut, `seed ${seed}`);
    }
    const exercise = run(lab).metrics.laplace.cov;
    const correct = run(lab, { objective: 'elbo', priorVar: 0.025 }).metrics.laplace.cov;
    assert.ok(Math.abs(exercise[0] / correct[0] / 400 - 1) < 1e-3); // float32 Hessians
  },
  'logistic.ece-elbo': () => {
    // Measured on seeds 0–2: held out 0.002–0.006; far MAP 0.081–0.093, VI 0.069–0.085,
    // Laplace 0.052–0.065.
    for (const { seed, metrics, views } of seeds(lab, [0, 1, 2], elboLong)) {
      for (const method of methods) {
        assert.ok(metrics[method].eceHeldOut < 0.01, `seed ${seed} ${method}`);
        assertOverconfidentEnds(views[method].reliability.far, `seed ${seed} ${method}`);
      }
      assert.ok(metrics.map.eceFar > metrics.vi.eceFar, `seed ${seed}`);
      assert.ok(metrics.map.eceFar > metrics.laplace.eceFar, `seed ${seed}`);
    }
  },
  'logistic.caption-elbo-gap': () => {
    // "follows its KL(q ‖ exact) up to Monte Carlo error": the metrics' gap (4 096 draws) within
    // 4 standard errors (plus the grid's 1e-3) of VI's KL, for both families.
    for (const family of ['meanField', 'fullCov']) {
      const { vi } = run('logistic', { family }).metrics;
      assert.ok(Math.abs(vi.elboGap - vi.klToExact) < 4 * vi.elboStdError + 1e-3, family);
    }
  },
  'logistic.caption-gradient-noise': () => {
    // "the score function's is higher at every sample count": at VI's initial q and after the
    // default run (measured 10 to 13 times higher on seeds 0–4 after it, 21 to 30 at the start).
    const measured = [
      ...everySeed(),
      { seed: 'initial', metrics: run(lab, {}, { steps: 0 }).metrics },
    ];
    for (const { seed, metrics } of measured) {
      const { gradVarSamples: s, gradVarReparam: r, gradVarScore: f } = metrics.vi;
      assert.deepEqual(Array.from(s), [1, 4, 16, 64]);
      for (let k = 0; k < s.length; k++)
        assert.ok(f[k] > r[k], `seed ${seed}, ${s[k]} samples: ${f[k]} vs ${r[k]}`);
    }
  },
  'logistic.blobs': () => {
    // Class means of the data within 0.1 of (−2, −2) and (2, 2) (400 points, std 0.8).
    const { x, y } = run(lab, {}, { steps: 0 }).views;
    for (const label of [0, 1]) {
      const points = [...y.keys()].filter((i) => y[i] === label);
      for (const d of [0, 1]) {
        const mean = points.reduce((sum, i) => sum + x[2 * i + d], 0) / points.length;
        assert.ok(Math.abs(mean - (label === 0 ? -2 : 2)) < 0.1, `class ${label}: ${mean}`);
      }
    }
  },
  'logistic.map-confidence': () => {
    // σ(wᵀx + b) along the line (x ⟂ w from a point on it) stays 0.5; across it tends to 1.
    const { w, b } = run(lab).metrics.map;
    const norm2 = w[0] * w[0] + w[1] * w[1];
    const onLine = [(-b * w[0]) / norm2, (-b * w[1]) / norm2];
    const p = (t, dir) =>
      sigmoid(w[0] * (onLine[0] + t * dir[0]) + w[1] * (onLine[1] + t * dir[1]) + b);
    const along = [-w[1], w[0]];
    const across = [w[0], w[1]];
    assert.ok(Math.abs(p(100, along) - 0.5) < 1e-9);
    assert.ok(p(10, across) > p(1, across) && p(100, across) > 1 - 1e-9);
  },
  'logistic.samples': () => assert.equal(defaults(lab).samples, 400),
  'logistic.map-prior': () => {
    const d = defaults(lab);
    assert.equal(d['map.weightDecay'], 0.05);
    assert.ok(Math.abs(1 / (2 * d.points * d['map.weightDecay']) - 0.025) < 1e-12);
    assert.equal(d.priorVar, 4);
  },
  'logistic.laplace-scale': () => {
    // The elbo objective with prior variance 1/(2Nλ) = 0.025 minimizes the same loss, so its
    // MAP is the same and its Laplace covariance is the correct one: N = 400 times smaller.
    const exercise = run(lab).metrics.laplace.cov;
    const correct = run(lab, { objective: 'elbo', priorVar: 0.025 }).metrics.laplace.cov;
    for (const i of [0, 3]) {
      const ratio = exercise[i] / correct[i];
      assert.ok(Math.abs(ratio / 400 - 1) < 1e-3, `${ratio}`); // float32 Hessians
    }
  },
  'logistic.vi-tempered': () => {
    // Measured: VI's mean 1.1–1.2 against the exact 2.6–3.1; its variances 0.74–0.89.
    for (const { seed, metrics } of everySeed()) {
      for (const i of [0, 1]) {
        assert.ok(metrics.vi.mean[i] < metrics.exact.mean[i] / 2, `seed ${seed}`);
        const ratio = defaults(lab).priorVar / metrics.vi.var[i];
        assert.ok(ratio > 4 && ratio < 6, `seed ${seed}: ${ratio}`);
      }
    }
  },
  'logistic.prior-default': () => assert.equal(defaults(lab).priorVar, 4),
  'logistic.q-overconfident': assertMapMostConfident,
  'logistic.q-elbo-long': () => {
    for (const seed of [0]) {
      const before = run(lab, { seed }).metrics;
      const after = run(lab, { ...elboLong, seed }).metrics;
      assert.ok(after.laplace.klToExact < before.laplace.klToExact, `seed ${seed}`);
      assert.ok(after.vi.klToExact < before.vi.klToExact, `seed ${seed}`);
      assert.ok(after.laplace.klToExact > after.vi.klToExact, `seed ${seed}: Laplace further`);
    }
  },
  'logistic.q-weight-decay': () => {
    accepts(lab, { 'map.weightDecay': 0.001 });
    accepts(lab, { 'map.weightDecay': 1 });
  },
  'logistic.caption-predictive': () => {
    // The maps span twice the data's extent, each side widened by a 0.4 margin first
    // (engine/labs/logistic.cpp); the views give the first and last cells' centres, half a cell
    // inside that box. Far along the line only MAP is sure.
    const views = run(lab, {}, { steps: 0 }).views;
    for (const [d, lo, hi, cells] of [
      [0, views.gridX0, views.gridX1, views.gridNx],
      [1, views.gridY0, views.gridY1, views.gridNy],
    ]) {
      const values = views.x.filter((_, i) => i % 2 === d);
      const half = (hi - lo) / (cells - 1) / 2;
      assert.ok(Math.abs(lo - half - 2 * (Math.min(...values) - 0.4)) < 1e-5); // float32 data
      assert.ok(Math.abs(hi + half - 2 * (Math.max(...values) + 0.4)) < 1e-5);
    }
    assertMapMostConfident();
  },
  'logistic.caption-weights': () => {
    // The exact panel's bias is the MAP loss's optimum (5 000 steps converge it), not the bias
    // of the 20-step MAP the page shows.
    const { exact, map } = run(lab).metrics;
    const converged = run(lab, { 'map.steps': 5000 }).metrics.map.b;
    assert.ok(Math.abs(exact.bias - converged) < 1e-3, `${exact.bias} vs ${converged}`);
    assert.ok(Math.abs(exact.bias - map.b) > 0.01, `${exact.bias} vs ${map.b}`);
  },
  'logistic.caption-entropy': () => {
    assert.ok(Math.abs(Math.log(2) - 0.69) < 0.005);
    for (const { metrics } of everySeed())
      for (const method of ['map', 'laplace', 'vi'])
        assert.ok(metrics[method].entropy >= 0 && metrics[method].entropy <= Math.log(2));
  },
};

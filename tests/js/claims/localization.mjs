// The localization lab's claims, each checked on the setting its sentence describes.
import assert from 'node:assert/strict';
import { colorName, roleColors } from '../../../web/js/plots/colormaps.js';
import { captions } from '../../../web/js/labs/localization_text.js';
import { defaults, run, seeds, vilab } from './runs.mjs';

const lab = 'localization';
const everySeed = () => seeds(lab, [0, 1, 2]); // the default run is 0.2 s: three seeds are cheap

// The exact posterior's correlation, from its covariance [xx, xy, yx, yy].
const correlation = (cov) => cov[1] / Math.sqrt(cov[0] * cov[3]);
const norm = (v) => Math.hypot(v[0], v[1]);

export const checks = {
  'localization.caption-elbo-gap': () => {
    // "follows KL(q ‖ exact)", for every family: the metrics' gap (16 384 draws) within 4 standard
    // errors (plus the grid's 1e-3) of the KL, and the history's gap (256 draws a point) against
    // its KL (8² quadrature nodes) over the second half of the run: a median relative difference
    // under 10 % (measured 4.6 % and 4.3 %; single points differ by up to about 50 %).
    for (const family of ['meanField', 'fullCov']) {
      const { metrics, views } = run(lab, { family });
      const { elboGap, klToExact, elboStdError } = metrics;
      assert.ok(Math.abs(elboGap - klToExact) < 4 * elboStdError + 1e-3, family);
      const relative = [];
      for (let i = Math.floor(views.historyStep.length / 2); i < views.historyStep.length; i++) {
        const kl = views.historyKlToExact[i];
        relative.push(Math.abs(views.historyElboGap[i] - kl) / kl);
      }
      relative.sort((a, b) => a - b);
      assert.ok(relative[relative.length >> 1] < 0.1, family);
    }
  },
  'localization.caption-gradient-noise': () => {
    // "both fall as 1/samples, the score function from far higher" (measured 144 to 2 971 times
    // higher on seeds 0–4).
    for (const { seed, metrics } of everySeed()) {
      const { gradVarSamples: s, gradVarReparam: r, gradVarScore: f } = metrics;
      assert.deepEqual(Array.from(s), [1, 4, 16, 64]);
      for (let k = 0; k < 4; k++) assert.ok(f[k] > 10 * r[k], `seed ${seed}, ${s[k]} samples`);
      for (const v of [r, f]) assert.ok(v[0] / v[3] > 32 && v[0] / v[3] < 128, `seed ${seed}`);
    }
  },
  'localization.score-variance': () => {
    // "at the trained q the score function's variance is more than a hundred times the
    // reparameterization's at every sample count" (measured 144 to 2 971 times on seeds 0–4).
    for (const { seed, metrics } of everySeed()) {
      const { gradVarSamples: s, gradVarReparam: r, gradVarScore: f } = metrics;
      for (let k = 0; k < s.length; k++)
        assert.ok(f[k] > 100 * r[k], `seed ${seed}, ${s[k]} samples: ${f[k]} vs ${r[k]}`);
    }
  },
  'localization.score-struggles': () => {
    assert.equal(defaults(lab).steps, 10000);
    assert.equal(defaults(lab).estimator, 'reparam');
    // "after the default 10 000 steps q is thousands of nats from the exact posterior (about
    // 3 500 to 21 000 on seeds 0–4), where the reparameterized run ends between 0.5 and 5.4
    // nats" (measured 3 490, 10 048, 9 889, 21 013, 4 593 against 5.37, 1.27, 1.01, 0.53, 2.50).
    const list = [0, 1, 2, 3, 4];
    for (const { seed, metrics } of seeds(lab, list, { estimator: 'score' })) {
      assert.ok(!metrics.diverged, `seed ${seed}`);
      assert.ok(metrics.klToExact > 3000 && metrics.klToExact < 22000, `seed ${seed}`);
    }
    for (const { seed, metrics } of seeds(lab, list))
      assert.ok(metrics.klToExact > 0.5 && metrics.klToExact < 5.4, `seed ${seed}`);
  },
  'localization.card-wandering': () => {
    // "keeps wandering": at the end of every default run the last iterate is more than twice as
    // far from the exact posterior as the iterate average (measured: 3 to 15 times).
    for (const { seed, metrics } of everySeed())
      assert.ok(metrics.klToExact > 2 * metrics.klToExactAvg, `seed ${seed}`);
  },
  'localization.last-iterate': () => {
    assert.equal(defaults(lab).lr, 0.01);
    assert.equal(colorName(roleColors.current), 'vermillion');
    // "from about 0.5 to 12 nats depending on the seed" (measured 1.0, 1.3, 5.4 on seeds 0–2).
    const kls = everySeed().map(({ metrics }) => metrics.klToExact);
    for (const kl of kls) assert.ok(kl > 0.5 && kl < 12, `${kl}`);
    assert.ok(Math.max(...kls) > 2 * Math.min(...kls), 'it depends on the seed');
  },
  'localization.averaged': () => {
    assert.equal(colorName(roleColors.averaged), 'blue');
    // "a KL of about 0.3 nats" (measured 0.29–0.35; docs/labs.md: 0.27–0.34).
    for (const { seed, metrics } of everySeed())
      assert.ok(metrics.klToExactAvg > 0.25 && metrics.klToExactAvg < 0.4, `seed ${seed}`);
  },
  'localization.tilted': () => {
    // A diagonal q cannot reach 0 because the exact posterior's coordinates are correlated
    // (measured correlation 0.64 on seed 0).
    for (const { seed, metrics } of everySeed()) {
      assert.ok(Math.abs(correlation(metrics.exactCov)) > 0.3, `seed ${seed}`);
      assert.ok(metrics.klToExactAvg > 0.1, `seed ${seed}`);
    }
  },
  'localization.q-colours': () => {
    // The question presumes the two KL values differ at the end: the average is lower.
    for (const { seed, metrics } of everySeed())
      assert.ok(metrics.klToExactAvg < metrics.klToExact, `seed ${seed}`);
  },
  'localization.q-levers': () => {
    // Both levers make the current q settle closer to the exact posterior (seed 0: 5.4 nats
    // by default).
    const plain = run(lab).metrics.klToExact;
    assert.ok(run(lab, { mcSamples: 16 }).metrics.klToExact < plain / 2);
    assert.ok(run(lab, { lrDecay: true }).metrics.klToExact < plain / 2);
  },
  'localization.q-shared-noise': () => {
    // Standardized, every sample's two coordinates are its one ε: the samples lie on the line
    // μ + t·σ through q's mean (up to float rounding); on every seed checked.
    for (const { seed, views } of seeds(lab, [0, 1, 2], { noise: 'shared' })) {
      const { samples, mean } = views;
      const sd = Array.from(views.var, Math.sqrt);
      assert.ok(samples.length >= 20, `seed ${seed}`);
      for (let k = 0; k < samples.length; k += 2) {
        const t0 = (samples[k] - mean[0]) / sd[0];
        const t1 = (samples[k + 1] - mean[1]) / sd[1];
        assert.ok(Math.abs(t0 - t1) < 1e-3, `seed ${seed}, sample ${k / 2}: ${t0} vs ${t1}`);
      }
    }
  },
  'localization.q-prior-pull': () => {
    // Noise variance 50 moves the exact posterior's mean toward the prior's (0, 0) on every seed;
    // one reading per sensor on most (seeds 0 and 2 of 0–2: one reading is a noisy one). The
    // exact posterior needs no training (step 0).
    const distance = (config) => norm(run(lab, config, { steps: 0 }).first.exactMean);
    let fewerReadingsPull = 0;
    for (const seed of [0, 1, 2]) {
      const base = distance({ seed });
      assert.ok(distance({ seed, noiseVar: 50 }) < base, `seed ${seed}`);
      if (distance({ seed, readingsPerSensor: 1 }) < base) fewerReadingsPull += 1;
    }
    assert.ok(fewerReadingsPull >= 2, `${fewerReadingsPull} of 3`);
  },
  'localization.caption-keys': () => {
    // A sensor's number is one key: the sensors field holds at most nine (1 to 6), and a click
    // adds one, a right-click removes one, within its count range.
    const sensors = vilab.schema(lab).sensors;
    assert.equal(sensors.type, 'points');
    assert.ok(sensors.maxPoints <= 9);
    assert.ok(sensors.minPoints >= 1);
    assert.equal(sensors.default.split('_').length, 3); // the exercise's three sensors
  },
  'localization.caption-close-up': () => {
    assert.match(captions.closeUp, /^Dashed: .* Vermillion: q now\. Blue: q averaged/);
  },
  'localization.caption-kl-score': () => {
    assert.match(captions.gapScore, /score-function .* averaging \(blue\)/);
    // "q stays thousands of nats from the posterior, and averaging does not rescue it": with
    // estimator = score both KLs end above 1 000 on every seed (measured 3 490 to 21 013, seeds
    // 0–4, `vilab run localization --set estimator=score --seed S --json`), the average's within
    // a factor of two of the last iterate's.
    for (const { seed, metrics } of seeds(lab, [0, 1, 2], { estimator: 'score' })) {
      assert.ok(metrics.klToExact > 1000 && metrics.klToExactAvg > 1000, `seed ${seed}`);
      assert.ok(metrics.klToExactAvg > metrics.klToExact / 2, `seed ${seed}`);
    }
  },
  'localization.caption-kl': () => {
    assert.match(captions.gap, /vermillion curve .* average \(blue\)/);
    // "does much better": the average is at least twice as close on every seed.
    for (const { seed, metrics } of everySeed())
      assert.ok(metrics.klToExactAvg < metrics.klToExact / 2, `seed ${seed}`);
  },
};

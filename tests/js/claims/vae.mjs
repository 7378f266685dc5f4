// The VAE lab's claims, each checked on the setting its sentence describes.
import assert from 'node:assert/strict';
import { colorName, grey } from '../../../web/js/plots/colormaps.js';
import { captions } from '../../../web/js/labs/vae_text.js';
import { accepts, defaults, run } from './runs.mjs';

const lab = 'vae';
const trainingPoints = (d) => (d.dataSize * 3) / 4; // the first 3/4 train (docs/labs.md)
const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

// A default run after ten epochs (all 5 000 test points shown), seen with each k of the
// importance-weighted bound (a view field: the weights stay).
const ks = [1, 4, 16, 64];
function withEachK() {
  const { instance } = run(lab, { displayPoints: 5000 }, { steps: 150 });
  const out = ks.map((iwaeK) => {
    instance.configure({ iwaeK });
    return { metrics: instance.metrics(), views: instance.views() };
  });
  instance.configure({ iwaeK: defaults(lab).iwaeK });
  return out;
}

export const checks = {
  'vae.net': () => assert.equal(defaults(lab).hidden, 20),
  'vae.batches': () => {
    const d = defaults(lab);
    assert.equal(d.batchSize, 1000);
    assert.equal(trainingPoints(d) / d.batchSize, 15);
    assert.equal(run(lab, {}, { steps: 0 }).views.stepsPerEpoch, 15);
  },
  'vae.prior-draws': () => assert.equal(defaults(lab).priorSamples, 10000),
  'vae.latent-default': () => assert.equal(defaults(lab).latentDim, 1),
  'vae.q-latent-2': () => accepts(lab, { latentDim: 2 }),
  'vae.q-decoder-noise': () => {
    accepts(lab, { noiseScale: 0.05 });
    accepts(lab, { noiseScale: 0.3 });
    assert.equal(defaults(lab).dataNoise, 0.1);
  },
  'vae.q-train-size': () => assert.equal(trainingPoints(defaults(lab)), 15000),
  'vae.caption-samples': () => {
    assert.equal(colorName(grey), 'grey');
    assert.match(captions.samples, /data in grey\./);
  },
  'vae.caption-data-noise': () => assert.equal(defaults(lab).dataNoise, 0.1),
  'vae.caption-bound': () => {
    // log p(x) ≥ ELBO at every epoch (the gap is a KL); checked at each of the first ten
    // epochs' exact evaluations of a default run (a full run takes seconds).
    const { views } = run(lab, {}, { steps: 150 });
    const steps = [...views.logLikHistoryStep];
    assert.ok(steps.length >= 2);
    steps.forEach((epoch, i) => {
      const elbo = views.historyTestElbo[views.historyStep.indexOf(epoch)];
      assert.ok(views.logLikHistoryTestLogLik[i] > elbo, `epoch ${epoch}`);
    });
  },
  'vae.caption-iwae-gap': () => {
    // The mean gap log p(x) − L_k over the 5 000 test points falls at every step up in k.
    const gaps = withEachK().map(({ views }) => mean([...views.testIwaeGap]));
    for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i] < gaps[i - 1], `k = ${ks[i]}`);
  },
  'vae.iwae-climbs': () => {
    const runs = withEachK();
    const one = runs[0].views;
    // k = 1: the one-sample estimates average to the exact ELBO within 3 standard errors.
    const diffs = [...one.testLogLik].map(
      (lp, i) => lp - one.testIwaeGap[i] - one.testElboExact[i],
    );
    const m = mean(diffs);
    const se = Math.sqrt(mean(diffs.map((d) => (d - m) ** 2)) / diffs.length);
    assert.ok(Math.abs(m) < 3 * se, `L_1 − ELBO = ${m} ± ${se}`);
    // The test metric climbs with k and stays below the exact log p(x).
    for (let i = 1; i < runs.length; i++)
      assert.ok(runs[i].metrics.testIwae > runs[i - 1].metrics.testIwae, `k = ${ks[i]}`);
    for (const { metrics } of runs) assert.ok(metrics.testIwae < metrics.testLogLik);
  },
};

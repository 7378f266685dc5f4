// The VAE lab's claims, each checked on the setting its sentence describes.
import assert from 'node:assert/strict';
import { colorName, grey } from '../../../web/js/plots/colormaps.js';
import { captions } from '../../../web/js/labs/vae_text.js';
import { accepts, defaults, run } from './runs.mjs';

const lab = 'vae';
const trainingPoints = (d) => (d.dataSize * 3) / 4; // the first 3/4 train (docs/labs.md)

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
};

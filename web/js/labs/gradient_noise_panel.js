// The gradient-noise panel of the labs with a 2-D Gaussian q (localization, logistic's VI): the
// variance of the ELBO gradient's reparameterization and score-function estimators at the
// current q, against Monte Carlo samples per estimate.
import { createPanel } from '../plots/panel.js';
import { renderLinePlot } from '../plots/lines.js';
import { okabeIto } from '../plots/colormaps.js';

const colors = { reparam: okabeIto.bluishGreen, score: okabeIto.orange };

/**
 * A side panel; returns its createPanel() handle. getNoise() gives the latest measurement as
 * {samples, reparam, score} (arrays, one entry per sample count) or null before the first frame.
 */
export function createGradientNoisePanel(container, getNoise, { caption, maxHeight }) {
  const panel = createPanel(container, {
    title: 'Gradient noise at q',
    caption,
    label:
      'Variance of the reparameterization and score-function gradient estimators against Monte Carlo samples, log scales',
    aspect: 1,
    minHeight: 120,
    maxHeight,
  });
  panel.figure.classList.add('optional');
  panel.setLegend([
    { label: 'reparameterization', shape: 'line', color: colors.reparam },
    { label: 'score function (REINFORCE)', shape: 'line', color: colors.score },
  ]);
  panel.setDraw((g, size, theme) => {
    const noise = getNoise();
    // x is log₂ of the samples, so 1, 4, 16, 64 are evenly spaced.
    const x = noise ? Array.from(noise.samples, Math.log2) : [];
    renderLinePlot(g, size, theme, {
      xLabel: 'log₂ samples',
      yLabel: 'variance',
      yLog: true,
      series: noise
        ? [
            { x, y: noise.reparam, color: colors.reparam, width: 2 },
            { x, y: noise.score, color: colors.score, width: 2 },
          ]
        : [],
    });
  });
  return panel;
}

/** The measurement in a metrics object (gradVarSamples, gradVarReparam, gradVarScore), or null. */
export function gradientNoiseOf(metrics) {
  return metrics
    ? {
        samples: metrics.gradVarSamples,
        reparam: metrics.gradVarReparam,
        score: metrics.gradVarScore,
      }
    : null;
}

// Localization's gradient-noise panel: the variance of the ELBO gradient's reparameterization and
// score-function estimators at the current q, against Monte Carlo samples per estimate.
import { createPanel } from '../plots/panel.js';
import { renderLinePlot } from '../plots/lines.js';
import { okabeIto } from '../plots/colormaps.js';

const colors = { reparam: okabeIto.bluishGreen, score: okabeIto.orange };

/** A side panel; getMetrics() gives the latest metrics or null. Returns the panel handle. */
export function createGradientNoisePanel(container, getMetrics, { caption, maxHeight }) {
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
    const m = getMetrics();
    // x is log₂ of the samples, so 1, 4, 16, 64 are evenly spaced.
    const x = m ? Array.from(m.gradVarSamples, Math.log2) : [];
    renderLinePlot(g, size, theme, {
      xLabel: 'log₂ samples',
      yLabel: 'variance',
      yLog: true,
      series: m
        ? [
            { x, y: m.gradVarReparam, color: colors.reparam, width: 2 },
            { x, y: m.gradVarScore, color: colors.score, width: 2 },
          ]
        : [],
    });
  });
  return panel;
}

// The ELBO-gap panel of the labs with an exact posterior: log p(X) − ELBO over training, drawn
// on KL(q ‖ exact), the curve it equals up to Monte Carlo error.
import { createPanel } from '../plots/panel.js';
import { renderLinePlot } from '../plots/lines.js';

/**
 * A wide, optional panel; returns its createPanel() handle. getSeries() gives the latest
 * history as {step, gap, kl} (arrays) and marks (vLines at steps), or null before the first
 * frame; color is the gap's.
 */
export function createElboGapPanel(container, options, getSeries) {
  const { evidence, caption, label, xLabel, color } = options;
  const panel = createPanel(container, {
    title: `The ELBO gap: ${evidence} − ELBO`,
    caption,
    label,
    aspect: 2.6,
    minHeight: 160,
  });
  panel.figure.classList.add('optional', 'wide');
  panel.setLegend([
    { label: `${evidence} − ELBO`, shape: 'line', color },
    { label: 'KL(q ‖ exact)', shape: 'dash', color: 'currentColor' },
  ]);
  panel.setDraw((g, size, theme) => {
    const s = getSeries();
    renderLinePlot(g, size, theme, {
      xLabel,
      yLabel: 'nats',
      yLog: true,
      series: s
        ? [
            // The gap under the dashed KL, so that both show where they coincide.
            { x: s.step, y: s.gap, color, width: 2 },
            { x: s.step, y: s.kl, color: theme.fg, dash: [5, 4], width: 1.2 },
          ]
        : [],
      vLines: s?.marks ?? [],
    });
  });
  return panel;
}

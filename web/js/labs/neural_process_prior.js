// Lab 6's prior panel: functions decoded from z ~ N(0, I) instead of z ~ q(z | context), by the
// untrained decoder (the original's first plot) or by the decoder as it is now.
import { h } from '../dom.js';
import { createPanel } from '../plots/panel.js';
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';

const choices = [
  { key: 'untrained', text: 'untrained', title: 'The decoder before any training step' },
  { key: 'now', text: 'now', title: 'The decoder at the current step' },
];

/**
 * The panel, drawn from `frame().views` with the main plot's helpers (`draw`: box, yRange,
 * drawFunctions, drawData); starts on the untrained decoder, as the original's plot.
 */
export function createPriorPanel(container, ctx, { caption, color, draw, frame }) {
  const state = { at: 'untrained' };
  const panel = createPanel(container, {
    title: 'Functions drawn from the prior, z ~ N(0, I)',
    caption,
    label: 'Functions decoded from standard-normal z, untrained or at the current step',
    aspect: 1.7,
    minHeight: 140,
    maxHeight: ctx.maxSidePlotHeight,
  });
  panel.figure.dataset.testid = 'prior-samples';
  panel.tools.append(h('span', { className: 'caption', text: 'decoder:' }));
  const buttons = choices.map(({ key, text, title }) =>
    h('button', {
      className: 'small',
      text,
      attrs: { type: 'button', 'data-prior': key, title },
      on: {
        click: () => {
          state.at = key;
          sync();
          panel.redraw();
        },
      },
    }),
  );
  panel.tools.append(...buttons);
  function sync() {
    buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(choices[i].key === state.at)));
  }
  sync();
  panel.setLegend([{ label: 'z ~ N(0, I) through the decoder', shape: 'line', color }]);

  panel.setDraw((g, size, theme) => {
    const views = frame()?.views;
    if (!views?.priorSamples) return;
    const samples = state.at === 'now' ? views.priorSamples : views.untrainedSamples;
    const axes = createAxes({ x: [-4, 4], y: draw.yRange(samples), box: draw.box(size) });
    drawAxes(g, axes, theme, { xLabel: 'x', yLabel: 'y' });
    clipToBox(g, axes);
    draw.drawFunctions(g, axes, views.gridX, samples, { color, alpha: 0.35 });
    g.restore();
    draw.drawData(g, axes, views, 0, theme, 9);
  });
  return panel;
}

// Lab 6 view: function samples with a clickable context, thumbnails over training, the z-posterior
// widths, and the KL and spread at x = −4 that reveal the collapse.
import { h } from '../dom.js';
import { formatCount } from '../format.js';
import { createPanel } from '../plots/panel.js';
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';
import { drawMarker } from '../plots/scatter.js';
import { renderLinePlot, drawSeries, stepMarks } from '../plots/lines.js';
import { okabeIto, roleColors } from '../plots/colormaps.js';
import { renderExplanation } from '../explain.js';
import { captions, explanationBlocks, teaches } from './neural_process_text.js';
import { createPriorPanel } from './neural_process_prior.js';
import { drawPreview } from './neural_process_preview.js';
import { attachOwnPoints } from './own_points.js';

const points = 5;
const continueTo = 25001; // the original's longer run
const margin = { left: 50, right: 12, top: 10, bottom: 38 };
const colors = {
  sample: roleColors.samples,
  dim0: okabeIto.blue,
  dim1: okabeIto.orange,
  kl: okabeIto.reddishPurple,
  spread: okabeIto.bluishGreen,
};

function box({ width, height }) {
  return {
    left: margin.left,
    top: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
}

/** A y-range covering the middle 96 % of the sample values, at least [−1.5, 1.5], at most [−6, 6]. */
function yRange(samples) {
  const values = Array.from(samples)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const pick = (q) => values[Math.round(q * (values.length - 1))] ?? 0;
  const lo = Math.max(-6, Math.min(-1.5, pick(0.02) - 0.2));
  const hi = Math.min(6, Math.max(1.5, pick(0.98) + 0.2));
  return [lo, hi];
}

function drawFunctions(g, axes, grid, samples, { color, width = 1, alpha = 0.35 }) {
  const n = grid.length;
  for (let s = 0; s * n < samples.length; s++) {
    drawSeries(g, axes, grid, samples.subarray(s * n, (s + 1) * n), { color, width, alpha });
  }
}

function drawData(g, axes, views, mask, theme, size = 11) {
  for (let i = 0; i < points; i++) {
    const inContext = (mask >> i) & 1;
    drawMarker(g, axes.px(views.dataX[i]), axes.py(views.dataY[i]), 'circle', size, {
      fill: inContext ? theme.fg : theme.bg,
      stroke: theme.fg,
      lineWidth: 2,
    });
  }
}

export default {
  name: 'neural_process',
  gallery: { teaches, drawPreview },
  explanationBlocks,
  metrics: [
    {
      key: 'lossMedian',
      label: 'Loss (median of 101 steps)',
      unit: 'nats',
      meaning: 'Robust to the spikes that single contexts cause.',
    },
    {
      key: 'targetNll',
      label: 'Target NLL (last step)',
      unit: 'nats',
      meaning: '−log-likelihood of the last step’s targets, mean over the z samples.',
    },
    {
      key: 'kl',
      label: 'KL(q(z|all) ‖ q(z|context))',
      unit: 'nats',
      meaning: 'Averaged exactly over every context a training step can draw.',
    },
    {
      key: 'zStdContext',
      label: 'z std given the context',
      meaning: 'Per dimension, averaged over the training contexts.',
    },
    {
      key: 'zStdAll',
      label: 'z std given all 5 points',
      meaning: 'The posterior the samples in the main plot come from (all points selected).',
    },
    {
      key: 'zMeanContext',
      label: 'z mean given the context',
      meaning: 'Per dimension, averaged over the training contexts; the original prints it.',
    },
    {
      key: 'zMeanAll',
      label: 'z mean given all 5 points',
      meaning: 'The original prints it beside the mean given the context.',
    },
    {
      key: 'spreadFar',
      label: 'Spread at x = −4',
      meaning:
        'Std of the sampled functions where no data was ever seen: the collapse sends it to 0.',
    },
    {
      key: 'dataRmse',
      label: 'Fit at the data (RMSE)',
      meaning: 'Mean sampled function against sin x at the five points.',
    },
  ],
  lossTitle: 'Loss',
  lossCaption: captions.loss,
  lossLegend: [
    { label: 'loss, median of the last 101 steps', shape: 'line', color: 'currentColor' },
  ],
  lossCurve(views) {
    if (!views.historyStep) return null;
    return {
      x: views.historyStep,
      yLabel: 'loss (nats)',
      series: [{ label: 'median', y: views.historyLossMedian, color: 'fg' }],
    };
  },
  totalSteps: (config) => config.steps,
  // Cheap enough to train on eight seeds in a row (seed_sweep_card.js).
  seedSweep: { metrics: ['lossMedian', 'kl', 'spreadFar', 'dataRmse'] },

  explanation(container, katex) {
    renderExplanation(container, explanationBlocks, katex);
  },

  createPlots(container, ctx) {
    const state = { frame: null, axes: null };

    const main = createPanel(container, {
      title: 'Functions drawn from the neural process',
      caption: captions.main,
      label: 'Sampled functions on [−4, 4) with the five data points of sin x',
      aspect: 1.7,
      maxHeight: ctx.maxPlotHeight,
    });
    main.figure.classList.add('main-plot');
    const more = h('button', {
      className: 'small',
      text: `Continue to ${formatCount(continueTo)}`,
      attrs: {
        type: 'button',
        'data-testid': 'continue-training',
        title:
          'The original trains again for longer: same seed, so the run repeats its first steps exactly, then goes on',
      },
      on: { click: () => ctx.setConfig({ steps: continueTo }) },
    });
    main.tools.append(more);

    const widths = createPanel(container, {
      title: 'Width of the z posterior',
      caption: captions.widths,
      label: 'Standard deviations of q(z) per dimension over training, log scale',
      aspect: 1.2,
      minHeight: 140,
      maxHeight: ctx.maxSidePlotHeight,
    });
    const collapse = createPanel(container, {
      title: 'KL term and spread at x = −4',
      caption: captions.collapse,
      label:
        'Context-averaged KL between the posteriors and the spread of samples at x = −4 over training, log scale',
      aspect: 1.2,
      minHeight: 140,
      maxHeight: ctx.maxSidePlotHeight,
    });
    const thumbs = createPanel(container, {
      title: 'Samples over training',
      caption: captions.thumbs,
      label: 'Thumbnails of the sampled functions at several training steps',
      aspect: 4.2,
      minHeight: 110,
    });
    thumbs.figure.classList.add('wide', 'optional');

    main.setLegend([
      { label: 'sampled functions', shape: 'line', color: colors.sample },
      { label: 'context point', shape: 'dot', color: 'currentColor' },
      { label: 'other data point', shape: 'ring', color: 'currentColor' },
    ]);
    widths.setLegend([
      { label: 'z₁ | all', shape: 'line', color: colors.dim0 },
      { label: 'z₂ | all', shape: 'line', color: colors.dim1 },
      { label: 'z₁ | context', shape: 'dash', color: colors.dim0 },
      { label: 'z₂ | context', shape: 'dash', color: colors.dim1 },
    ]);
    collapse.setLegend([
      { label: 'KL(q(z|all) ‖ q(z|context))', shape: 'line', color: colors.kl },
      { label: 'spread at x = −4', shape: 'line', color: colors.spread },
    ]);

    // Context points anywhere on the axis, observed as (x, sin x); none stands for the data
    // points the mask selects, which a first edit starts from.
    const maskPoints = () => {
      const views = state.frame?.views;
      const mask = ctx.config().contextMask;
      if (!views) return [];
      return Array.from(views.dataX)
        .map((x, i) => [x, views.dataY[i]])
        .filter((_, i) => (mask >> i) & 1);
    };
    const own = attachOwnPoints(main, ctx, {
      field: 'context',
      axes: () => state.axes,
      newPoint: (x) => [x, Math.sin(x)],
      toPoint: ([x]) => [x, Math.sin(x)],
      fallback: maskPoints,
    });
    const ownContext = () => (ctx.config().context ?? '') !== '';

    main.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const samples = views.samples;
      const axes = createAxes({ x: [-4, 4], y: yRange(samples), box: box(size) });
      state.axes = axes;
      drawAxes(g, axes, theme, { xLabel: 'x', yLabel: 'y' });
      clipToBox(g, axes);
      drawFunctions(g, axes, views.gridX, samples, { color: colors.sample, alpha: 0.35 });
      g.restore();
      // With context points of one's own, the five data points are all drawn as rings.
      drawData(g, axes, views, ownContext() ? 0 : views.contextMask, theme, 13);
      if (ownContext()) own.draw(g, axes, theme, () => theme.fg);
    });

    thumbs.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views || views.snapshotSteps.length === 0) return;
      const count = views.snapshotSteps.length;
      const perRow = Math.min(count, 6);
      const rows = Math.ceil(count / perRow);
      const cellW = size.width / perRow;
      const cellH = size.height / rows;
      const n = views.gridX.length;
      const per = views.snapshotSampleCount * n;
      for (let c = 0; c < count; c++) {
        const left = (c % perRow) * cellW;
        const top = Math.floor(c / perRow) * cellH;
        const cell = { left: left + 6, top: top + 18, width: cellW - 12, height: cellH - 24 };
        const samples = views.snapshotSamples.subarray(c * per, (c + 1) * per);
        const axes = createAxes({ x: [-4, 4], y: [-2.5, 2.5], box: cell });
        g.strokeStyle = theme.axis;
        g.strokeRect(cell.left + 0.5, cell.top + 0.5, cell.width - 1, cell.height - 1);
        g.fillStyle = theme.fg;
        g.font = theme.smallFont;
        g.textAlign = 'left';
        g.textBaseline = 'bottom';
        g.fillText(`step ${formatCount(views.snapshotSteps[c])}`, cell.left, cell.top - 3);
        clipToBox(g, axes);
        drawFunctions(g, axes, views.gridX, samples, { color: colors.sample, alpha: 0.5 });
        drawData(g, axes, views, views.contextMask, theme, 6);
        g.restore();
      }
    });

    widths.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      renderLinePlot(g, size, theme, {
        xLabel: 'step',
        yLabel: 'std of z',
        vLines: stepMarks(state.frame),
        yLog: true,
        series: views
          ? [
              { x: views.stateStep, y: views.stateZStdAll0, color: colors.dim0, width: 1.8 },
              { x: views.stateStep, y: views.stateZStdAll1, color: colors.dim1, width: 1.8 },
              {
                x: views.stateStep,
                y: views.stateZStdContext0,
                color: colors.dim0,
                width: 1.4,
                dash: [5, 3],
              },
              {
                x: views.stateStep,
                y: views.stateZStdContext1,
                color: colors.dim1,
                width: 1.4,
                dash: [5, 3],
              },
            ]
          : [],
      });
    });

    collapse.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      renderLinePlot(g, size, theme, {
        xLabel: 'step',
        yLabel: 'nats / spread',
        vLines: stepMarks(state.frame),
        yLog: true,
        series: views
          ? [
              { x: views.stateStep, y: views.stateKl, color: colors.kl, width: 1.8 },
              { x: views.stateStep, y: views.stateSpreadFar, color: colors.spread, width: 1.8 },
            ]
          : [],
      });
    });

    const prior = createPriorPanel(container, ctx, {
      caption: captions.prior,
      color: colors.sample,
      draw: { box, yRange, drawFunctions, drawData },
      frame: () => state.frame,
    });

    const panels = [main, prior, widths, collapse, thumbs];
    return {
      panels,
      update(frame) {
        state.frame = frame;
        more.style.display = frame.config.steps >= continueTo ? 'none' : '';
        for (const panel of panels) panel.redraw();
      },
      onConfigChange() {
        main.redraw();
      },
    };
  },
};

// Lab 3 view: MAP, Laplace and VI predictive maps side by side, their predictive entropy, the
// weight-space panel (exact posterior, MAP point, Laplace and VI ellipses) and their scores.
import { createPanel } from '../plots/panel.js';
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';
import { createHeatmap } from '../plots/heatmap.js';
import { createLayerCache } from '../plots/layer_cache.js';
import { drawContours } from '../plots/contour.js';
import { drawEllipse } from '../plots/ellipse.js';
import { drawMarker } from '../plots/scatter.js';
import { roleColors, cssColorAt } from '../plots/colormaps.js';
import { stepMarks } from '../plots/lines.js';
import { attachOwnPoints, classToggle } from './own_points.js';
import { renderExplanation } from '../explain.js';
import {
  drawMapRow,
  mapRowAspect,
  drawData,
  drawGroupedBars,
  alignSeries,
  longestSteps,
} from './classify_plots.js';
import { captions, explanationBlocks, teaches } from './logistic_text.js';
import { drawPreview } from './logistic_preview.js';
import { createElboGapPanel } from './elbo_gap_panel.js';
import { createReliabilityPanel } from './reliability_panel.js';
import { createGradientNoisePanel, gradientNoiseOf } from './gradient_noise_panel.js';

const methods = [
  { key: 'map', title: 'MAP (plug-in)', color: roleColors.map },
  { key: 'laplace', title: 'Laplace', color: roleColors.laplace },
  { key: 'vi', title: 'Mean-field VI', color: roleColors.vi },
];
const ln2 = Math.log(2);

function entropyOf(prob) {
  const out = new Float32Array(prob.length);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    out[i] = (p > 0 ? -p * Math.log(p) : 0) + (p < 1 ? -(1 - p) * Math.log(1 - p) : 0);
  }
  return out;
}

/** [lo, hi] along x and y of the k-sigma ellipse of N(mean, cov). */
function ellipseBox(mean, cov, k) {
  return {
    x: [mean[0] - k * Math.sqrt(cov[0]), mean[0] + k * Math.sqrt(cov[0])],
    y: [mean[1] - k * Math.sqrt(cov[3]), mean[1] + k * Math.sqrt(cov[3])],
  };
}

/** What the weight panel shows: the exact posterior's bulk, the estimates' 2σ boxes, the origin. */
function weightExtent(views) {
  const { exact } = views;
  const boxes = [
    ellipseBox(exact.mean, exact.cov, 3.5),
    ellipseBox(views.laplace.mean, views.laplace.cov, 2.2),
    ellipseBox(views.vi.mean, views.vi.cov, 2.2),
    { x: [views.map.w[0], views.map.w[0]], y: [views.map.w[1], views.map.w[1]] },
    { x: [0, 0], y: [0, 0] },
  ];
  // Very wide approximations (weight decay 0) would shrink the posterior to a dot: cap the view.
  const reach = 25 * Math.sqrt(Math.max(exact.cov[0], exact.cov[3]));
  const clamp = (v, c) => Math.min(c + reach, Math.max(c - reach, v));
  const finite = boxes.filter((b) => [...b.x, ...b.y].every(Number.isFinite));
  return {
    x: [
      clamp(Math.min(...finite.map((b) => b.x[0])), exact.mean[0]),
      clamp(Math.max(...finite.map((b) => b.x[1])), exact.mean[0]),
    ],
    y: [
      clamp(Math.min(...finite.map((b) => b.y[0])), exact.mean[1]),
      clamp(Math.max(...finite.map((b) => b.y[1])), exact.mean[1]),
    ],
  };
}

export default {
  name: 'logistic',
  gallery: { teaches, drawPreview },
  explanationBlocks,
  metrics: [
    {
      key: 'map.testNll',
      label: 'Test NLL, MAP',
      unit: 'nats',
      meaning: 'Average −log p(y | x) on 2 000 fresh points; punishes confident mistakes.',
    },
    {
      key: 'laplace.testNll',
      label: 'Test NLL, Laplace',
      unit: 'nats',
      meaning: 'The same for the Laplace predictive (400 weight samples).',
    },
    {
      key: 'vi.testNll',
      label: 'Test NLL, VI',
      unit: 'nats',
      meaning: 'The same for the VI predictive (400 weight samples).',
    },
    {
      key: 'map.eceHeldOut',
      label: 'ECE held out, MAP',
      meaning:
        'Expected calibration error on the 2 000 test points: the count-weighted gap between predicted and observed frequency over ten bins.',
      digits: 3,
    },
    { key: 'laplace.eceHeldOut', label: 'ECE held out, Laplace', digits: 3 },
    { key: 'vi.eceHeldOut', label: 'ECE held out, VI', digits: 3 },
    {
      key: 'map.eceFar',
      label: 'ECE far away, MAP',
      meaning: 'The same on 2 000 points from the blobs with three times the spread.',
      digits: 3,
    },
    { key: 'laplace.eceFar', label: 'ECE far away, Laplace', digits: 3 },
    { key: 'vi.eceFar', label: 'ECE far away, VI', digits: 3 },
    {
      key: 'map.entropy',
      label: 'Mean entropy, MAP',
      unit: 'nats',
      meaning:
        'Predictive entropy averaged over the plotted plane: how much doubt the method admits.',
    },
    { key: 'laplace.entropy', label: 'Mean entropy, Laplace', unit: 'nats' },
    { key: 'vi.entropy', label: 'Mean entropy, VI', unit: 'nats' },
    {
      key: 'laplace.klToExact',
      label: 'KL(Laplace ‖ exact)',
      unit: 'nats',
      meaning: 'Distance from the Laplace Gaussian to the exact posterior over the two weights.',
    },
    {
      key: 'vi.klToExact',
      label: 'KL(VI ‖ exact)',
      unit: 'nats',
      meaning: 'The same for VI’s q (mean-field or full covariance: the family setting).',
    },
    {
      key: 'exact.logEvidence',
      label: 'log p(y | X)',
      unit: 'nats',
      meaning: 'The evidence from the exact grid (bias held): the ceiling of every ELBO.',
    },
    {
      key: 'vi.elboEstimate',
      label: 'ELBO at VI’s q (4 096 samples)',
      unit: 'nats',
      meaning: 'For the exact panel’s posterior, from draws of its own (training is not touched).',
    },
    {
      key: 'vi.elboGap',
      label: 'log p(y | X) − ELBO',
      unit: 'nats',
      meaning: 'Equals KL(VI ‖ exact) up to Monte Carlo error.',
    },
    { key: 'map.w', label: 'MAP weights', meaning: '(w₁, w₂); the Laplace mean.' },
    {
      key: 'laplace.cov',
      label: 'Laplace covariance',
      meaning: 'Row by row: the inverse Hessian.',
      digits: 3,
    },
    { key: 'vi.mean', label: 'VI mean' },
    {
      key: 'vi.cov',
      label: 'VI covariance',
      meaning: 'Row by row; mean-field keeps the off-diagonal at 0.',
      digits: 3,
    },
    {
      key: 'exact.mean',
      label: 'Exact posterior mean',
      meaning: 'From the grid, bias held at its MAP value.',
    },
    { key: 'exact.cov', label: 'Exact covariance', digits: 3 },
    {
      key: 'map.accuracy',
      label: 'Accuracy, MAP',
      meaning: 'On the training points. The blobs barely overlap, so every method is near 100 %.',
    },
    { key: 'laplace.accuracy', label: 'Accuracy, Laplace' },
    { key: 'vi.accuracy', label: 'Accuracy, VI' },
  ],
  lossTitle: 'Training losses',
  lossCaption: captions.loss,
  lossLegend: [
    { label: 'MAP loss', shape: 'line', color: roleColors.map },
    { label: 'VI loss (one-sample, with its moving average)', shape: 'line', color: roleColors.vi },
  ],
  lossCurve(views) {
    const x = longestSteps(views.map.historyStep, views.vi.historyStep);
    if (x.length === 0) return null;
    return {
      x,
      yLabel: 'loss (nats per point)',
      series: [
        {
          label: 'MAP',
          y: alignSeries(x, views.map.historyStep, views.map.historyLoss),
          color: roleColors.map,
        },
        {
          label: 'VI',
          y: alignSeries(x, views.vi.historyStep, views.vi.historyLoss),
          color: roleColors.vi,
          trend: true,
        },
      ],
    };
  },
  totalSteps: (config) => Math.max(config['map.steps'], config['vi.steps']),
  // Cheap enough to train on eight seeds in a row (seed_sweep_card.js).
  seedSweep: {
    metrics: ['vi.klToExact', 'laplace.klToExact', 'map.testNll', 'laplace.testNll', 'vi.testNll'],
  },

  explanation(container, katex) {
    renderExplanation(container, explanationBlocks, katex);
  },

  createPlots(container, ctx) {
    const state = { frame: null, mapAxes: [] };
    const probMaps = methods.map(() => createHeatmap());
    const entropyMaps = methods.map(() => createHeatmap());
    const densityMap = createHeatmap();
    // The data over each map, rasterized once per data set and map size (plots/layer_cache.js).
    const probData = methods.map(() => createLayerCache());
    const entropyData = methods.map(() => createLayerCache());

    const predictive = createPanel(container, {
      title: 'Predictive probability p(y = 1 | x)',
      caption: captions.predictive,
      label:
        'Predictive probability of class 1 over the plane for MAP, Laplace and VI, with the training points',
      aspect: mapRowAspect(methods.length),
      minHeight: 200,
      maxHeight: ctx.maxPlotHeight,
    });
    predictive.figure.classList.add('main-plot');
    const classes = classToggle(predictive, [roleColors.class0, roleColors.class1]);
    const own = attachOwnPoints(predictive, ctx, {
      field: 'data',
      axes: () => state.mapAxes,
      newPoint: (x, y, event) => [x, y, classes.classFor(event)],
    });
    predictive.setLegend([
      {
        label: 'p(y = 1 | x) from 0 to 1',
        shape: 'gradient',
        colors: [0, 0.25, 0.5, 0.75, 1].map((t) => cssColorAt('diverging', t)),
      },
      { label: 'class 0', shape: 'dot', color: roleColors.class0 },
      { label: 'class 1', shape: 'dot', color: roleColors.class1 },
      { label: 'p = 0.5', shape: 'dash', color: 'currentColor' },
    ]);

    const weights = createPanel(container, {
      title: 'Weight space (w₁, w₂)',
      caption: captions.weights,
      label:
        'Exact posterior over the two weights with the MAP point, the Laplace and VI ellipses and the prior',
      aspect: 1,
      minHeight: 160,
      maxHeight: ctx.maxSidePlotHeight,
    });
    weights.setLegend([
      {
        label: 'exact posterior',
        shape: 'gradient',
        colors: [0.15, 0.45, 0.75, 1].map((t) => cssColorAt('viridis', t)),
      },
      { label: 'exact mean and covariance', shape: 'dash', color: 'currentColor' },
      { label: 'MAP', shape: 'star', color: roleColors.map },
      { label: 'Laplace', shape: 'line', color: roleColors.laplace },
      { label: 'VI', shape: 'line', color: roleColors.vi },
      { label: 'prior 1σ', shape: 'ring', color: 'currentColor' },
    ]);

    const scores = createPanel(container, {
      title: 'Right, and honestly unsure?',
      caption: captions.scores,
      label:
        'Bar chart of test negative log-likelihood and mean predictive entropy for MAP, Laplace and VI',
      aspect: 1,
      minHeight: 160,
      maxHeight: ctx.maxSidePlotHeight,
    });
    scores.setLegend(methods.map((m) => ({ label: m.title, shape: 'swatch', color: m.color })));

    const entropy = createPanel(container, {
      title: 'Predictive entropy',
      caption: captions.entropy,
      label: 'Predictive entropy over the plane for MAP, Laplace and VI',
      aspect: mapRowAspect(methods.length),
      minHeight: 180,
    });
    entropy.figure.classList.add('wide', 'optional');
    const bound = createElboGapPanel(
      container,
      {
        evidence: 'log p(y | X)',
        caption: captions.elboGap,
        label:
          'The gap between log p(y | X) and VI’s ELBO over training, beside its KL to the exact posterior',
        xLabel: 'VI step',
        color: roleColors.vi,
      },
      () => {
        const vi = state.frame?.views.vi;
        return vi
          ? {
              step: vi.historyStep,
              gap: vi.historyElboGap,
              kl: vi.historyKlToExact,
              marks: stepMarks(state.frame),
            }
          : null;
      },
    );
    const noise = createGradientNoisePanel(
      container,
      () => gradientNoiseOf(state.frame?.metrics.vi),
      { caption: captions.gradientNoise, maxHeight: ctx.maxSidePlotHeight },
    );
    entropy.setLegend([
      {
        label: 'entropy from 0 to log 2 nats',
        shape: 'gradient',
        colors: [0, 0.25, 0.5, 0.75, 1].map((t) => cssColorAt('cividis', t)),
      },
      { label: 'class 0', shape: 'dot', color: roleColors.class0 },
      { label: 'class 1', shape: 'dot', color: roleColors.class1 },
    ]);

    const subtitle = (metrics, key) => {
      const nll = metrics?.[key]?.testNll;
      return Number.isFinite(nll) ? `test NLL ${nll.toFixed(3)} nats` : '';
    };

    predictive.setDraw((g, size, theme) => {
      const frame = state.frame;
      if (!frame) return;
      const { views, metrics } = frame;
      const maps = methods.map((m) => ({
        title: m.title,
        color: m.color,
        values: views[m.key].prob,
        subtitle: subtitle(metrics, m.key),
      }));
      drawMapRow(
        g,
        size,
        theme,
        views,
        maps,
        probMaps,
        { colormap: 'diverging', vmin: 0, vmax: 1, contour: 0.5 },
        (gg, axes, i) => {
          drawData(gg, axes, views.x, views.y, theme, 2.2, probData[i]);
          state.mapAxes[i] = axes;
          own.draw(gg, axes, theme, (p) => (p[2] ? roleColors.class1 : roleColors.class0));
        },
      );
    });

    entropy.setDraw((g, size, theme) => {
      const frame = state.frame;
      if (!frame) return;
      const { views, metrics } = frame;
      const maps = methods.map((m) => ({
        title: m.title,
        color: m.color,
        values: entropyOf(views[m.key].prob),
        subtitle: Number.isFinite(metrics?.[m.key]?.entropy)
          ? `mean ${metrics[m.key].entropy.toFixed(3)} nats`
          : '',
      }));
      drawMapRow(
        g,
        size,
        theme,
        views,
        maps,
        entropyMaps,
        { colormap: 'cividis', vmin: 0, vmax: ln2, contour: null },
        (gg, axes, i) => drawData(gg, axes, views.x, views.y, theme, 1.6, entropyData[i]),
      );
    });

    weights.setDraw((g, size, theme) => {
      const frame = state.frame;
      if (!frame) return;
      const { views } = frame;
      const { exact } = views;
      const box = { left: 44, top: 10, width: size.width - 56, height: size.height - 50 };
      const axes = createAxes({ ...weightExtent(views), box, equal: true });
      drawAxes(g, axes, theme, { xLabel: 'w₁', yLabel: 'w₂' });
      clipToBox(g, axes);
      const grid = {
        values: exact.density,
        nx: exact.nx,
        ny: exact.ny,
        x0: exact.x0,
        x1: exact.x1,
        y0: exact.y0,
        y1: exact.y1,
      };
      densityMap.draw(g, axes, grid, {
        colormap: 'viridis',
        opacity: (u) => Math.min(1, 1.6 * Math.sqrt(u)),
      });
      // density / peak = e^{−r²/2} at r standard deviations of a Gaussian: 1σ, 2σ, 3σ levels.
      drawContours(g, axes, grid, [Math.exp(-0.5), Math.exp(-2), Math.exp(-4.5)], {
        color: cssColorAt('viridis', 0.55),
        width: 1.2,
      });
      const priorVar = frame.config.priorVar;
      drawEllipse(g, axes, [0, 0], [priorVar, 0, 0, priorVar], 1, {
        color: theme.muted,
        width: 1,
        dash: [2, 3],
      });
      drawEllipse(g, axes, exact.mean, exact.cov, 1, { color: theme.fg, width: 1.4, dash: [6, 4] });
      drawEllipse(g, axes, exact.mean, exact.cov, 2, { color: theme.fg, width: 1, dash: [6, 4] });
      for (const [mean, cov, color] of [
        [views.laplace.mean, views.laplace.cov, roleColors.laplace],
        [views.vi.mean, views.vi.cov, roleColors.vi],
      ]) {
        drawEllipse(g, axes, mean, cov, 1, { color, width: 2.2 });
        drawEllipse(g, axes, mean, cov, 2, { color, width: 1.2 });
      }
      drawMarker(g, axes.px(views.vi.mean[0]), axes.py(views.vi.mean[1]), 'cross', 8, {
        stroke: roleColors.vi,
        lineWidth: 2,
      });
      drawMarker(g, axes.px(views.map.w[0]), axes.py(views.map.w[1]), 'star', 16, {
        fill: roleColors.map,
        stroke: theme.fg,
        lineWidth: 1,
      });
      g.restore();
    });

    scores.setDraw((g, size, theme) => {
      const metrics = state.frame?.metrics;
      if (!metrics) return;
      drawGroupedBars(
        g,
        size,
        theme,
        methods,
        [
          { label: 'test NLL', values: methods.map((m) => metrics[m.key]?.testNll) },
          { label: 'mean entropy', values: methods.map((m) => metrics[m.key]?.entropy) },
        ],
        { yLabel: 'nats' },
      );
    });

    const reliability = createReliabilityPanel(container, {
      methods,
      caption: captions.reliability,
      getFrame: () => state.frame,
    });
    const panels = [predictive, weights, scores, entropy, bound, noise, reliability];
    return {
      panels,
      update(frame) {
        state.frame = frame;
        for (const panel of panels) panel.redraw();
      },
      onConfigChange() {
        predictive.redraw();
      },
    };
  },
};

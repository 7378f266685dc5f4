// Lab 4 view: predictive mean and uncertainty of the BNN, MC dropout and the plain network side
// by side over the plane; entropy on the data against far away; the BNN's loss terms.
import { h } from '../dom.js';
import { createPanel } from '../plots/panel.js';
import { createHeatmap } from '../plots/heatmap.js';
import { axesKey, createLayerCache } from '../plots/layer_cache.js';
import { drawMarker } from '../plots/scatter.js';
import { renderLinePlot, stepMarks, withTrend } from '../plots/lines.js';
import { roleColors, okabeIto, cssColorAt } from '../plots/colormaps.js';
import { renderExplanation } from '../explain.js';
import {
  drawMapRow,
  mapRowAspect,
  drawData,
  drawGroupedBars,
  alignSeries,
  longestSteps,
} from './classify_plots.js';
import { captions, explanationBlocks, teaches } from './moons_text.js';
import { attachOwnPoints, classToggle } from './own_points.js';
import { drawPreview } from './moons_preview.js';
import { createReliabilityPanel } from './reliability_panel.js';

const methods = [
  { key: 'bnn', title: 'Bayesian NN (VI)', color: roleColors.bnn },
  { key: 'dropout', title: 'MC dropout', color: roleColors.dropout },
  { key: 'plain', title: 'Plain network', color: roleColors.plain },
];
const ln2 = Math.log(2);
const measures = {
  entropy: { label: 'predictive entropy, 0 to log 2 nats', vmax: ln2 },
  std: { label: 'standard deviation of p across passes, 0 to 0.5', vmax: 0.5 },
};

function passesText(views, key) {
  if (key === 'plain') return 'one deterministic pass';
  const done = views[key].passesDone;
  return done < views.passesTarget ? `${done} / ${views.passesTarget} passes…` : `${done} passes`;
}

function drawRing(g, axes, ring, theme) {
  for (let i = 0; i < ring.length; i += 2)
    drawMarker(g, axes.px(ring[i]), axes.py(ring[i + 1]), 'circle', 4, {
      stroke: theme.fg,
      lineWidth: 1,
    });
}

export default {
  name: 'moons',
  gallery: { teaches, drawPreview },
  explanationBlocks,
  metrics: [
    {
      key: 'bnn.entropyFar',
      label: 'Entropy far away, BNN',
      unit: 'nats',
      meaning: 'Mean predictive entropy on 64 points 3 units from the data’s centre.',
    },
    { key: 'dropout.entropyFar', label: 'Entropy far away, MC dropout', unit: 'nats' },
    { key: 'plain.entropyFar', label: 'Entropy far away, plain', unit: 'nats' },
    {
      key: 'bnn.entropyData',
      label: 'Entropy on the data, BNN',
      unit: 'nats',
      meaning: 'The same on the training points: low means confident where it was taught.',
    },
    { key: 'dropout.entropyData', label: 'Entropy on the data, MC dropout', unit: 'nats' },
    { key: 'plain.entropyData', label: 'Entropy on the data, plain', unit: 'nats' },
    {
      key: 'bnn.eceHeldOut',
      label: 'ECE held out, BNN',
      meaning:
        'Expected calibration error on 500 fresh moons points: the count-weighted gap between predicted and observed frequency over ten bins.',
      digits: 3,
    },
    { key: 'dropout.eceHeldOut', label: 'ECE held out, MC dropout', digits: 3 },
    { key: 'plain.eceHeldOut', label: 'ECE held out, plain', digits: 3 },
    {
      key: 'bnn.eceFar',
      label: 'ECE far away, BNN',
      meaning: 'The same on 500 points of the moons with 0.5 more noise.',
      digits: 3,
    },
    { key: 'dropout.eceFar', label: 'ECE far away, MC dropout', digits: 3 },
    { key: 'plain.eceFar', label: 'ECE far away, plain', digits: 3 },
    {
      key: 'bnn.accuracy',
      label: 'Accuracy, BNN',
      meaning: 'On the training points, from the Monte Carlo predictive.',
    },
    { key: 'dropout.accuracy', label: 'Accuracy, MC dropout' },
    { key: 'plain.accuracy', label: 'Accuracy, plain' },
    {
      key: 'bnn.kl',
      label: 'BNN KL term',
      unit: 'nats',
      meaning: 'Sum over the two layers of the mean per-weight KL to the prior.',
    },
  ],
  lossTitle: 'Training losses',
  lossCaption: captions.loss,
  lossLegend: [
    {
      label: 'BNN: BCE + KL (one-sample, with its moving average)',
      shape: 'line',
      color: roleColors.bnn,
    },
    { label: 'dropout network: BCE', shape: 'line', color: roleColors.dropout },
  ],
  lossCurve(views) {
    const x = longestSteps(views.bnn.historyStep, views.dropout.historyStep);
    if (x.length === 0) return null;
    return {
      x,
      yLabel: 'loss (nats per point)',
      series: [
        {
          label: 'BNN',
          y: alignSeries(x, views.bnn.historyStep, views.bnn.historyLoss),
          color: roleColors.bnn,
          trend: true,
        },
        {
          label: 'dropout',
          y: alignSeries(x, views.dropout.historyStep, views.dropout.historyLoss),
          color: roleColors.dropout,
        },
      ],
    };
  },
  totalSteps: (config) => Math.max(config['bnn.steps'], config['dropout.steps']),
  // Cheap enough to train on eight seeds in a row (seed_sweep_card.js).
  seedSweep: {
    metrics: [
      'bnn.entropyFar',
      'dropout.entropyFar',
      'plain.entropyFar',
      'bnn.accuracy',
      'dropout.accuracy',
    ],
  },

  explanation(container, katex) {
    renderExplanation(container, explanationBlocks, katex);
  },

  createPlots(container, ctx) {
    const state = { frame: null, measure: 'entropy', mapAxes: [] };
    const meanMaps = methods.map(() => createHeatmap());
    const spreadMaps = methods.map(() => createHeatmap());
    // The data over each map, rasterized once per data set and map size (plots/layer_cache.js).
    const meanData = methods.map(() => createLayerCache());
    const spreadData = methods.map(() => createLayerCache());

    const predictive = createPanel(container, {
      title: 'Predictive mean p(y = 1 | x)',
      caption: captions.predictive,
      label:
        'Predictive probability of class 1 over the plane for the Bayesian network, MC dropout and the plain network, with the two moons',
      aspect: mapRowAspect(methods.length),
      minHeight: 200,
      maxHeight: ctx.maxPlotHeight,
    });
    predictive.figure.classList.add('main-plot');
    const progress = h('span', { className: 'caption', attrs: { 'data-testid': 'mc-passes' } });
    predictive.tools.append(progress);
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
      { label: 'far-away ring', shape: 'ring', color: 'currentColor' },
    ]);

    const spread = createPanel(container, {
      title: 'Predictive uncertainty',
      caption: '',
      label: 'Predictive uncertainty over the plane for the three methods',
      aspect: mapRowAspect(methods.length),
      minHeight: 180,
    });
    spread.figure.classList.add('wide');
    const select = h(
      'select',
      {
        attrs: { 'aria-label': 'Uncertainty measure', 'data-testid': 'uncertainty-measure' },
        on: {
          change: () => {
            state.measure = select.value;
            setSpreadLegend();
            spread.redraw();
          },
        },
      },
      [
        h('option', { text: 'entropy', attrs: { value: 'entropy' } }),
        h('option', { text: 'std across passes', attrs: { value: 'std' } }),
      ],
    );
    spread.tools.append(select);
    function setSpreadLegend() {
      const m = measures[state.measure];
      spread.setLegend([
        {
          label: m.label,
          shape: 'gradient',
          colors: [0, 0.25, 0.5, 0.75, 1].map((t) => cssColorAt('cividis', t)),
        },
        { label: 'training points', shape: 'dot', color: okabeIto.yellow },
      ]);
      spread.setCaption(
        state.measure === 'entropy'
          ? 'Entropy of the averaged prediction: total uncertainty, 0 when sure, log 2 for a coin flip.'
          : 'How much the passes disagree: the part of the uncertainty that comes from the weights (0 for the plain network).',
      );
    }
    setSpreadLegend();

    const bars = createPanel(container, {
      title: 'Sure on the data, unsure far away?',
      caption: captions.bars,
      label: 'Bar chart of mean predictive entropy on the data and far away, per method',
      aspect: 1,
      minHeight: 160,
      maxHeight: ctx.maxSidePlotHeight,
    });
    bars.setLegend(methods.map((m) => ({ label: m.title, shape: 'swatch', color: m.color })));

    const terms = createPanel(container, {
      title: 'The BNN’s two loss terms',
      caption: captions.terms,
      label: 'BNN cross-entropy and KL term over training steps',
      aspect: 1,
      minHeight: 160,
      maxHeight: ctx.maxSidePlotHeight,
    });
    terms.setLegend([
      { label: 'BCE (mean)', shape: 'line', color: okabeIto.bluishGreen },
      { label: 'KL (sum of the layers’ means)', shape: 'line', color: roleColors.bnn },
    ]);

    predictive.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const maps = methods.map((m) => ({
        title: m.title,
        color: m.color,
        values: views[m.key].mean,
        subtitle: passesText(views, m.key),
      }));
      drawMapRow(
        g,
        size,
        theme,
        views,
        maps,
        meanMaps,
        { colormap: 'diverging', vmin: 0, vmax: 1, contour: 0.5 },
        (gg, axes, i) => {
          drawData(gg, axes, views.x, views.y, theme, 1.6, meanData[i]);
          drawRing(gg, axes, views.ring, theme);
          state.mapAxes[i] = axes;
          own.draw(gg, axes, theme, (p) => (p[2] ? roleColors.class1 : roleColors.class0));
        },
      );
    });

    spread.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const measure = state.measure;
      const maps = methods.map((m) => ({
        title: m.title,
        color: m.color,
        subtitle: passesText(views, m.key),
        values: views[m.key][measure] ?? new Float32Array(views[m.key].mean.length),
      }));
      drawMapRow(
        g,
        size,
        theme,
        views,
        maps,
        spreadMaps,
        { colormap: 'cividis', vmin: 0, vmax: measures[measure].vmax, contour: null },
        (gg, axes, i) => {
          // Small light dots: the data stay visible on the dark end of the scale without hiding it.
          spreadData[i].draw(gg, { key: axesKey(axes), data: [views.x] }, (c) => {
            c.fillStyle = okabeIto.yellow;
            c.globalAlpha = 0.7;
            c.beginPath();
            for (let k = 0; k < views.x.length; k += 2) {
              const x = axes.px(views.x[k]);
              const y = axes.py(views.x[k + 1]);
              c.moveTo(x + 1, y);
              c.arc(x, y, 1, 0, 2 * Math.PI);
            }
            c.fill();
          });
          drawRing(gg, axes, views.ring, theme);
        },
      );
    });

    bars.setDraw((g, size, theme) => {
      const metrics = state.frame?.metrics;
      if (!metrics) return;
      drawGroupedBars(
        g,
        size,
        theme,
        methods,
        [
          { label: 'on the data', values: methods.map((m) => metrics[m.key]?.entropyData) },
          { label: 'far away', values: methods.map((m) => metrics[m.key]?.entropyFar) },
        ],
        { yLabel: 'nats' },
      );
    });

    terms.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      const steps = views?.bnn.historyStep;
      const bce = steps
        ? Float32Array.from(views.bnn.historyLoss, (v, i) => v - views.bnn.historyKl[i])
        : null;
      renderLinePlot(g, size, theme, {
        xLabel: 'step',
        yLabel: 'nats per point',
        robust: true,
        series:
          steps && steps.length
            ? [
                ...withTrend(steps, bce, okabeIto.bluishGreen),
                { x: steps, y: views.bnn.historyKl, color: roleColors.bnn, width: 1.6 },
              ]
            : [],
        vLines: stepMarks(state.frame),
      });
    });

    const reliability = createReliabilityPanel(container, {
      methods,
      caption: captions.reliability,
      getFrame: () => state.frame,
    });
    const panels = [predictive, spread, bars, terms, reliability];
    return {
      panels,
      update(frame) {
        state.frame = frame;
        const { views } = frame;
        const done = Math.min(views.bnn.passesDone, views.dropout.passesDone);
        progress.textContent = views.refining
          ? `refining: ${done} / ${views.passesTarget} passes`
          : `${views.passesTarget} passes`;
        for (const panel of panels) panel.redraw();
      },
      onConfigChange() {
        predictive.redraw();
      },
    };
  },
};

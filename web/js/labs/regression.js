// Lab 2 view: the data with the mle curve and the exercise's vi band; the BNN's band over a range
// wider than the data; each method's training curves; how well each band covers, and how wide.
import { h, uniqueId } from '../dom.js';
import { createPanel } from '../plots/panel.js';
import { axesKey, createLayerCache } from '../plots/layer_cache.js';
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';
import { drawBarValue, barTop, drawSlotLabel } from '../plots/bars.js';
import { drawSeries, renderLinePlot, stepMarks, valueRange, withTrend } from '../plots/lines.js';
import { roleColors } from '../plots/colormaps.js';
import { renderExplanation } from '../explain.js';
import { alignSeries, longestSteps } from './classify_plots.js';
import { captions, explanationBlocks, teaches } from './regression_text.js';
import { attachOwnPoints } from './own_points.js';
import { drawPreview } from './regression_preview.js';
import { createCoveragePanel } from './reliability_panel.js';

const methods = [
  { key: 'mle', title: 'mle', long: 'Maximum likelihood', color: roleColors.mle },
  { key: 'vi', title: 'vi', long: 'Variational regression (the original)', color: roleColors.vi },
  { key: 'bnn', title: 'bnn', long: 'Bayesian network (mean-field VI)', color: roleColors.bnn },
];
const margin = { left: 56, right: 12, top: 10, bottom: 40 };

function plotBox({ width, height }) {
  return {
    left: margin.left,
    top: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
}

/**
 * The y range of the data, padded, and widened to take in `extra` curves (a band to follow)
 * up to half the data's span on either side: what leaves that range is clipped.
 */
function yRange(views, extra = []) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of views.dataY) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) {
    lo = -1;
    hi = 1;
  }
  const span = hi - lo;
  let top = hi + 0.3 * span;
  let bottom = lo - 0.3 * span;
  for (const values of extra) {
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      top = Math.max(top, Math.min(v + 0.05 * span, hi + 0.5 * span));
      bottom = Math.min(bottom, Math.max(v - 0.05 * span, lo - 0.5 * span));
    }
  }
  return [bottom, top];
}

/** The curve `key` of a method's views, on the data grid or the wide one. */
function curve(mv, key, wide) {
  return mv[wide ? `${key}Wide` : key];
}

function fillBand(g, axes, xs, lower, upper, color, alpha) {
  g.save();
  g.fillStyle = color;
  g.globalAlpha = alpha;
  g.beginPath();
  for (let i = 0; i < xs.length; i++) {
    const x = axes.px(xs[i]);
    if (i === 0) g.moveTo(x, axes.py(upper[i]));
    else g.lineTo(x, axes.py(upper[i]));
  }
  for (let i = xs.length - 1; i >= 0; i--) g.lineTo(axes.px(xs[i]), axes.py(lower[i]));
  g.closePath();
  g.fill();
  g.restore();
}

/** Shades what lies beyond the data's range, so "far from the data" is visible at a glance. */
function shadeOutside(g, axes, [lo, hi], theme) {
  g.save();
  g.fillStyle = theme.grid;
  g.globalAlpha = 0.6;
  const top = axes.box.top;
  const height = axes.box.height;
  if (axes.x0 < lo) g.fillRect(axes.px(axes.x0), top, axes.px(lo) - axes.px(axes.x0), height);
  if (axes.x1 > hi) g.fillRect(axes.px(hi), top, axes.px(axes.x1) - axes.px(hi), height);
  g.restore();
}

/** The data's points, rasterized once per data set and axes (`points`: a layer cache). */
function drawDataPoints(g, axes, views, theme, points) {
  const { dataX, dataY } = views;
  points.draw(g, { key: `${axesKey(axes)} ${theme.fg}`, data: [dataX, dataY] }, (c) => {
    c.fillStyle = theme.fg;
    c.globalAlpha = 0.22;
    c.beginPath();
    for (let i = 0; i < dataX.length; i++) {
      const x = axes.px(dataX[i]);
      const y = axes.py(dataY[i]);
      c.moveTo(x + 1.3, y);
      c.arc(x, y, 1.3, 0, 2 * Math.PI);
    }
    c.fill();
  });
}

/**
 * Frame, data, the shaded no-data region and the true curve; returns the axes. points: the
 * panel's layer cache for the data's points.
 */
function drawBase(g, size, theme, views, wide, points, follow = []) {
  const xs = wide ? views.xWide : views.x;
  const axes = createAxes({
    x: [xs[0], xs[xs.length - 1]],
    y: yRange(views, follow),
    box: plotBox(size),
  });
  drawAxes(g, axes, theme, { xLabel: 'x', yLabel: 'y' });
  clipToBox(g, axes);
  shadeOutside(g, axes, views.dataRange, theme);
  drawDataPoints(g, axes, views, theme, points);
  drawSeries(g, axes, xs, wide ? views.truthWide : views.truth, {
    color: theme.muted,
    width: 1.5,
    dash: [6, 4],
  });
  return { axes, xs };
}

function toggle(panel, label, title, checked, onChange) {
  const id = uniqueId('regression-toggle');
  const input = h('input', {
    attrs: { type: 'checkbox', id, checked },
    on: { change: () => onChange(input.checked) },
  });
  panel.tools.append(
    h('label', { className: 'toggle', attrs: { for: id, title } }, [
      input,
      h('span', { text: label }),
    ]),
  );
  return input;
}

/** Bars per method with an optional dashed reference level (a 0.9 target coverage). */
function drawBars(g, size, theme, groups, { yLabel, reference, format }) {
  const box = { left: 52, top: 14, width: size.width - 64, height: size.height - 58 };
  const values = groups.flatMap((group) => group.values).filter(Number.isFinite);
  if (values.length === 0 || box.width < 40 || box.height < 30) return;
  const slot = box.width / groups.length;
  const barWidth = Math.min(44, (slot * 0.8) / methods.length);
  const top = barTop(
    g,
    theme.smallFont,
    Math.max(...values, reference ?? 0),
    values.map(format),
    barWidth,
    box.height,
  );
  const axes = createAxes({ x: [0, groups.length], y: [0, top], box });
  drawAxes(g, axes, theme, { yLabel, xTicks: [] });
  groups.forEach((group, k) => {
    const start = box.left + k * slot + (slot - barWidth * methods.length) / 2;
    methods.forEach((method, m) => {
      const v = group.values[m];
      if (!Number.isFinite(v)) return;
      const x = start + m * barWidth;
      const y = axes.py(Math.min(v, top));
      g.fillStyle = method.color;
      g.fillRect(x + 1, y, barWidth - 2, axes.py(0) - y);
      g.fillStyle = theme.fg;
      g.font = theme.smallFont;
      drawBarValue(g, format(v), x + barWidth / 2, y, barWidth);
    });
    g.fillStyle = theme.fg;
    g.font = theme.font;
    drawSlotLabel(g, group.label, box.left + (k + 0.5) * slot, box.top + box.height + 8, slot);
  });
  if (reference !== undefined) {
    drawSeries(g, axes, [0, groups.length], [reference, reference], {
      color: theme.fg,
      width: 1.2,
      dash: [5, 4],
    });
  }
}

export default {
  name: 'regression',
  gallery: { teaches, drawPreview },
  explanationBlocks,
  metrics: [
    {
      key: 'mle.valMse',
      label: 'Held-out MSE, mle',
      meaning:
        'Mean squared error of the curve on the 20 % held out; the noise alone gives σ² (2.25 for cubic, 0.01 for sine).',
    },
    { key: 'vi.valMse', label: 'Held-out MSE, vi', meaning: 'Of the vi median.' },
    { key: 'bnn.valMse', label: 'Held-out MSE, bnn', meaning: 'Of the bnn predictive mean.' },
    {
      key: 'mle.coverage90',
      label: 'Coverage of the 90 % band, mle',
      meaning: 'Fraction of held-out points inside the 5–95 % band: 0.9 if the band is honest.',
      digits: 3,
    },
    { key: 'vi.coverage90', label: 'Coverage of the 90 % band, vi', digits: 3 },
    { key: 'bnn.coverage90', label: 'Coverage of the 90 % band, bnn', digits: 3 },
    {
      key: 'mle.bandWidth',
      label: 'Band width on the data, mle',
      meaning: 'Mean width of the 5–95 % band at the held-out inputs.',
    },
    { key: 'vi.bandWidth', label: 'Band width on the data, vi' },
    { key: 'bnn.bandWidth', label: 'Band width on the data, bnn' },
    {
      key: 'mle.bandWidthFar',
      label: 'Band width beyond the data, mle',
      meaning: 'Mean width over the wide plot range where it lies outside the data.',
    },
    { key: 'vi.bandWidthFar', label: 'Band width beyond the data, vi' },
    { key: 'bnn.bandWidthFar', label: 'Band width beyond the data, bnn' },
    {
      key: 'mle.valNll',
      label: 'Held-out NLL, mle',
      unit: 'nats',
      meaning:
        'Mean −log p(y | x) under each method’s predictive; low needs both a good curve and an honest width.',
    },
    { key: 'vi.valNll', label: 'Held-out NLL, vi', unit: 'nats' },
    { key: 'bnn.valNll', label: 'Held-out NLL, bnn', unit: 'nats' },
    {
      key: 'mle.noiseStd',
      label: 'Noise σ, mle',
      meaning:
        'The noise each method believes in: √(training MSE); vi’s σ(x) averaged; bnn’s σₙ. Compare with the true σ.',
    },
    { key: 'vi.noiseStd', label: 'Noise σ, vi' },
    { key: 'bnn.noiseStd', label: 'Noise σ, bnn' },
  ],
  lossTitle: 'Held-out MSE during training',
  lossCaption: captions.loss,
  lossLegend: methods.map((m) => ({ label: m.title, shape: 'line', color: m.color })),
  lossCurve(views) {
    const x = longestSteps(...methods.map((m) => views[m.key].historyStep));
    if (x.length === 0) return null;
    return {
      x,
      yLabel: 'held-out MSE',
      series: methods.map((m) => ({
        label: m.title,
        y: alignSeries(x, views[m.key].historyStep, views[m.key].historyValMse),
        color: m.color,
      })),
    };
  },
  totalSteps: (config) => Math.max(config['mle.steps'], config['vi.steps'], config['bnn.steps']),

  explanation(container, katex) {
    renderExplanation(container, explanationBlocks, katex);
  },

  createPlots(container, ctx) {
    const state = { frame: null, wideMain: false, wideBnn: true, mainAxes: null, bnnAxes: null };

    const main = createPanel(container, {
      title: 'A curve, and the original’s band',
      caption: captions.main,
      label:
        'The data with the maximum-likelihood curve and the variational-regression median and 5 to 95 percent band',
      aspect: 1.9,
      maxHeight: ctx.maxPlotHeight,
    });
    main.figure.classList.add('main-plot');
    toggle(
      main,
      'wide x range',
      'Show twice the data’s range: how each method extrapolates',
      false,
      (on) => {
        state.wideMain = on;
        main.redraw();
      },
    );
    main.setLegend([
      { label: 'training data', shape: 'dot', color: 'currentColor' },
      { label: 'true curve', shape: 'dash', color: 'currentColor' },
      { label: 'mle curve', shape: 'line', color: roleColors.mle },
      { label: 'mle ± 1.645·σ̂', shape: 'dash', color: roleColors.mle },
      { label: 'vi median', shape: 'line', color: roleColors.vi },
      { label: 'vi 5–95 % band', shape: 'swatch', color: roleColors.vi },
    ]);

    const bnn = createPanel(container, {
      title: 'The Bayesian network away from the data',
      caption: captions.bnn,
      label:
        'The Bayesian network’s predictive mean, its function band and its predictive band over a range twice as wide as the data',
      aspect: 1.25,
      minHeight: 200,
      maxHeight: ctx.maxSidePlotHeight,
    });
    toggle(bnn, 'wide x range', 'Show twice the data’s range', true, (on) => {
      state.wideBnn = on;
      bnn.redraw();
    });
    bnn.setLegend([
      { label: 'bnn predictive mean', shape: 'line', color: roleColors.bnn },
      { label: 'function band (epistemic)', shape: 'swatch', color: roleColors.bnn },
      { label: 'predictive band (+ noise)', shape: 'swatch', color: `${roleColors.bnn}55` },
      { label: 'vi 5–95 % band', shape: 'dash', color: roleColors.vi },
    ]);

    const widths = createPanel(container, {
      title: 'Band width across x',
      caption: captions.widths,
      label: 'Width of each method’s band as a function of x over twice the data range, log scale',
      aspect: 1.25,
      minHeight: 160,
      maxHeight: ctx.maxSidePlotHeight,
    });
    widths.setLegend([
      ...methods.map((m) => ({ label: m.title, shape: 'line', color: m.color })),
      { label: 'bnn function band', shape: 'dash', color: roleColors.bnn },
    ]);

    const coverage = createPanel(container, {
      title: 'Does the 90 % band hold 90 %?',
      caption: captions.coverage,
      label: 'Bar chart of the coverage of each method’s 90 percent band on held-out points',
      aspect: 1.25,
      minHeight: 160,
      maxHeight: ctx.maxSidePlotHeight,
    });
    coverage.figure.classList.add('optional');
    coverage.setLegend(methods.map((m) => ({ label: m.title, shape: 'swatch', color: m.color })));

    const training = createPanel(container, {
      title: 'Each method’s own objective',
      caption: captions.training,
      label: 'Training and held-out loss over steps for each method, in three small plots',
      aspect: 0.75,
      minHeight: 390,
    });
    training.figure.classList.add('optional');

    const mainPoints = attachOwnPoints(main, ctx, { field: 'data', axes: () => state.mainAxes });
    const bnnPoints = attachOwnPoints(bnn, ctx, { field: 'data', axes: () => state.bnnAxes });

    const mainData = createLayerCache();
    const bnnData = createLayerCache();
    main.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const wide = state.wideMain;
      const { axes, xs } = drawBase(g, size, theme, views, wide, mainData);
      state.mainAxes = axes;
      fillBand(
        g,
        axes,
        xs,
        curve(views.vi, 'lower', wide),
        curve(views.vi, 'upper', wide),
        roleColors.vi,
        0.2,
      );
      drawSeries(g, axes, xs, curve(views.vi, 'median', wide), { color: roleColors.vi, width: 2 });
      for (const edge of ['lower', 'upper']) {
        drawSeries(g, axes, xs, curve(views.mle, edge, wide), {
          color: roleColors.mle,
          width: 1.2,
          dash: [5, 4],
        });
      }
      drawSeries(g, axes, xs, curve(views.mle, 'point', wide), {
        color: roleColors.mle,
        width: 2.2,
      });
      mainPoints.draw(g, axes, theme);
      g.restore();
    });

    bnn.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const wide = state.wideBnn;
      const b = views.bnn;
      const { axes, xs } = drawBase(g, size, theme, views, wide, bnnData, [
        curve(b, 'lower', wide),
        curve(b, 'upper', wide),
      ]);
      state.bnnAxes = axes;
      fillBand(g, axes, xs, curve(b, 'lower', wide), curve(b, 'upper', wide), roleColors.bnn, 0.18);
      fillBand(
        g,
        axes,
        xs,
        curve(b, 'fLower', wide),
        curve(b, 'fUpper', wide),
        roleColors.bnn,
        0.45,
      );
      for (const edge of ['lower', 'upper']) {
        drawSeries(g, axes, xs, curve(views.vi, edge, wide), {
          color: roleColors.vi,
          width: 1.2,
          dash: [5, 4],
        });
      }
      drawSeries(g, axes, xs, curve(b, 'point', wide), { color: roleColors.bnn, width: 2 });
      bnnPoints.draw(g, axes, theme);
      g.restore();
    });

    training.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const cell = size.height / methods.length;
      methods.forEach((method, i) => {
        const mv = views[method.key];
        g.save();
        g.translate(0, i * cell);
        const thousands =
          mv.historyStep.length > 0 && mv.historyStep[mv.historyStep.length - 1] > 2000;
        const steps = thousands
          ? Float32Array.from(mv.historyStep, (v) => v / 1000)
          : mv.historyStep;
        const series = steps.length
          ? [
              ...withTrend(steps, mv.historyLoss, method.color),
              { x: steps, y: mv.historyValLoss, color: method.color, width: 1.4, dash: [5, 3] },
            ]
          : [];
        renderLinePlot(g, { width: size.width, height: cell }, theme, {
          series,
          xLabel: `${method.title}: step${thousands ? ' (thousands)' : ''}`,
          yLabel: 'loss',
          robust: true,
          vLines: stepMarks(state.frame, thousands ? 1 / 1000 : 1),
        });
        g.restore();
      });
    });

    coverage.setDraw((g, size, theme) => {
      const metrics = state.frame?.metrics;
      if (!metrics) return;
      drawBars(
        g,
        size,
        theme,
        [{ label: 'held-out points', values: methods.map((m) => metrics[m.key]?.coverage90) }],
        { yLabel: 'coverage', reference: 0.9, format: (v) => v.toFixed(3) },
      );
    });

    widths.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const xs = views.xWide;
      const width = (mv, lower, upper) =>
        Float32Array.from(mv[`${upper}Wide`], (u, i) => u - mv[`${lower}Wide`][i]);
      const lines = [
        ...methods.map((m) => ({
          y: width(views[m.key], 'lower', 'upper'),
          color: m.color,
          width: 2,
        })),
        {
          y: width(views.bnn, 'fLower', 'fUpper'),
          color: roleColors.bnn,
          width: 1.5,
          dash: [5, 3],
        },
      ];
      const range = valueRange(
        lines.map((l) => l.y),
        { log: true },
      );
      if (!range) return;
      const axes = createAxes({
        x: [xs[0], xs[xs.length - 1]],
        y: range,
        box: plotBox(size),
        yLog: true,
      });
      drawAxes(g, axes, theme, { xLabel: 'x', yLabel: 'band width' });
      clipToBox(g, axes);
      shadeOutside(g, axes, views.dataRange, theme);
      for (const line of lines) drawSeries(g, axes, xs, line.y, line);
      g.restore();
    });

    const coverageCurve = createCoveragePanel(container, {
      methods,
      caption: captions.coverageCurve,
      getFrame: () => state.frame,
    });
    const panels = [main, bnn, widths, coverage, coverageCurve, training];
    return {
      panels,
      update(frame) {
        state.frame = frame;
        for (const panel of panels) panel.redraw();
      },
      onConfigChange() {
        main.redraw();
        bnn.redraw();
      },
    };
  },
};

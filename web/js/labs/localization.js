// Lab 1 view: sensors, readings, the exact posterior and the Gaussian q in the plane;
// a close-up of the posterior; ELBO terms, the KL to the exact posterior and the ELBO's gap to
// log p(X) over training.
import { h } from '../dom.js';
import { icon } from '../icons.js';
import { createPanel } from '../plots/panel.js';
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';
import { createHeatmap } from '../plots/heatmap.js';
import { drawContours } from '../plots/contour.js';
import { drawEllipse } from '../plots/ellipse.js';
import { drawMarker, drawPoints } from '../plots/scatter.js';
import { renderLinePlot, stepMarks, withTrend } from '../plots/lines.js';
import { enableDragging } from '../plots/drag.js';
import { okabeIto, roleColors, cssColorAt } from '../plots/colormaps.js';
import { renderExplanation } from '../explain.js';
import { captions, explanationBlocks, teaches } from './localization_text.js';
import { createElboGapPanel } from './elbo_gap_panel.js';
import { createGradientNoisePanel, gradientNoiseOf } from './gradient_noise_panel.js';
import { drawPreview } from './localization_preview.js';
import { enableSensorEditing, sensorsOf, withSensorAt } from './localization_sensors.js';

const colors = {
  current: roleColors.current,
  averaged: roleColors.averaged,
  rings: okabeIto.skyBlue,
  target: okabeIto.orange,
};
const target = { id: 'target', key: 't', name: 'Target', fields: ['targetX', 'targetY'] };
const planeMargin = { left: 44, right: 12, top: 10, bottom: 40 };
// The distance panel's caption says what that estimator's run shows.
const gapCaption = (config) => (config?.estimator === 'score' ? captions.gapScore : captions.gap);
const dragIntervalMs = 60; // live re-creation of the lab while dragging, at most this often

/** Largest standard deviation of a 2×2 covariance (square root of its largest eigenvalue). */
function maxStd(c) {
  const mid = (c[0] + c[3]) / 2;
  return Math.sqrt(mid + Math.sqrt(((c[0] - c[3]) / 2) ** 2 + c[1] * c[2]));
}

function grid(views) {
  return {
    values: views.density,
    nx: views.gridNx,
    ny: views.gridNy,
    x0: views.gridX0,
    x1: views.gridX1,
    y0: views.gridY0,
    y1: views.gridY1,
  };
}

/** The finer lattice the engine computes around the exact posterior for the close-up. */
function closeGrid(views) {
  return {
    values: views.closeDensity,
    nx: views.closeNx,
    ny: views.closeNy,
    x0: views.closeX0,
    x1: views.closeX1,
    y0: views.closeY0,
    y1: views.closeY1,
  };
}

function box({ width, height }) {
  return {
    left: planeMargin.left,
    top: planeMargin.top,
    width: width - planeMargin.left - planeMargin.right,
    height: height - planeMargin.top - planeMargin.bottom,
  };
}

/** The close-up window: the exact posterior's ±4 standard deviations, widened to show the target. */
function closeUpExtent(views) {
  const half = Math.max(4 * maxStd(views.exactCov), 0.3);
  const [mx, my] = views.exactMean;
  const [tx, ty] = views.target;
  const reach = Math.max(half, Math.abs(tx - mx) * 1.15, Math.abs(ty - my) * 1.15);
  return { x: [mx - reach, mx + reach], y: [my - reach, my + reach] };
}

function drawGaussians(g, axes, views, theme, lineScale) {
  drawEllipse(g, axes, views.exactMean, views.exactCov, 1, {
    color: theme.fg,
    width: 1.5 * lineScale,
    dash: [6, 4],
  });
  drawEllipse(g, axes, views.exactMean, views.exactCov, 2, {
    color: theme.fg,
    width: 1 * lineScale,
    dash: [6, 4],
  });
  // q's full covariance: diagonal for the mean-field family, tilted for fullCov.
  for (const [mean, cov, color] of [
    [views.avgMean, views.avgCov, colors.averaged],
    [views.mean, views.cov, colors.current],
  ]) {
    drawEllipse(g, axes, mean, cov, 1, { color, width: 2.2 * lineScale });
    drawEllipse(g, axes, mean, cov, 2, { color, width: 1.2 * lineScale });
    drawMarker(g, axes.px(mean[0]), axes.py(mean[1]), 'cross', 7 * lineScale, {
      stroke: color,
      lineWidth: 2,
    });
  }
}

function drawRings(g, axes, views, attenuation) {
  const sensors = views.sensors;
  const perSensor = views.readings.length / (sensors.length / 2);
  g.save();
  g.strokeStyle = colors.rings;
  g.globalAlpha = 0.55;
  g.lineWidth = 1;
  for (let i = 0; i < views.readings.length; i++) {
    const s = Math.floor(i / perSensor);
    const distance = Math.exp(-views.readings[i] / (2 * attenuation));
    g.beginPath();
    g.arc(
      axes.px(sensors[2 * s]),
      axes.py(sensors[2 * s + 1]),
      distance / axes.unitsPerPixel,
      0,
      2 * Math.PI,
    );
    g.stroke();
  }
  g.restore();
}

export default {
  name: 'localization',
  gallery: { teaches, drawPreview },
  explanationBlocks,
  metrics: [
    {
      key: 'elbo',
      label: 'ELBO',
      unit: 'nats',
      meaning: 'One-sample estimate of the bound on log p(X); higher is better.',
    },
    {
      key: 'loglik',
      label: 'Expected log-likelihood',
      unit: 'nats',
      meaning: 'How well positions drawn from q explain the readings.',
    },
    {
      key: 'kl',
      label: 'KL(q ‖ prior)',
      unit: 'nats',
      meaning: 'How far q has moved from the prior N(0, I).',
    },
    {
      key: 'mean',
      label: 'Mean of q',
      meaning: 'The current guess of the target position (x, y).',
    },
    { key: 'var', label: 'Variance of q', meaning: 'Its uncertainty, per coordinate.' },
    {
      key: 'avgMean',
      label: 'Mean of averaged q',
      meaning: 'Average of the iterates over the second half of training.',
    },
    {
      key: 'exactMean',
      label: 'Exact posterior mean',
      meaning: 'From the grid: what q is chasing.',
    },
    {
      key: 'exactCov',
      label: 'Exact covariance',
      meaning: 'Row by row; the off-diagonal term is what a diagonal q misses.',
      digits: 3,
    },
    {
      key: 'klToExact',
      label: 'KL(q ‖ exact)',
      unit: 'nats',
      meaning: 'Gap between the current q and the exact posterior (0 is perfect).',
    },
    {
      key: 'klToExactAvg',
      label: 'KL(averaged q ‖ exact)',
      unit: 'nats',
      meaning: 'The same for the iterate average; about 0.3 is the best a diagonal q can do.',
    },
    {
      key: 'logEvidence',
      label: 'log p(X)',
      unit: 'nats',
      meaning: 'The evidence, from the exact posterior’s grid: the ceiling of every ELBO.',
    },
    {
      key: 'elboEstimate',
      label: 'ELBO at q (16 384 samples)',
      unit: 'nats',
      meaning: 'The bound at the current q, from its own draws (training is not touched).',
    },
    {
      key: 'elboGap',
      label: 'log p(X) − ELBO',
      unit: 'nats',
      meaning: 'Equals KL(q ‖ exact) up to Monte Carlo error: the bound is tight only if q is.',
    },
  ],
  lossCaption: captions.loss,
  totalSteps: (config) => config.steps,
  // Cheap enough to train on eight seeds in a row (seed_sweep_card.js): the KLs to the exact
  // posterior and the ELBO at q, across seeds.
  seedSweep: { metrics: ['klToExact', 'klToExactAvg', 'elboEstimate'] },

  explanation(container, katex) {
    renderExplanation(container, explanationBlocks, katex);
  },

  createPlots(container, ctx) {
    const state = { frame: null, pending: {}, planeAxes: null, lastDragSent: 0 };
    const live = h('p', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
    const heatmaps = { plane: createHeatmap(), closeUp: createHeatmap() };
    const densityStyle = { colormap: 'viridis', opacity: (u) => Math.min(1, 1.6 * Math.sqrt(u)) };

    const plane = createPanel(container, {
      title: 'Where is the target?',
      caption: captions.plane,
      label:
        'The plane with sensors, target, reading rings, exact posterior density and the Gaussian approximation q',
      aspect: 1,
      maxHeight: ctx.maxPlotHeight,
    });
    plane.figure.classList.add('main-plot');
    plane.canvas.tabIndex = 0;
    plane.figure.append(live);
    plane.tools.append(
      h(
        'button',
        {
          className: 'small',
          attrs: {
            type: 'button',
            title: 'Draw new readings (a new seed) for the same sensors and target',
          },
          on: { click: () => ctx.newSeed() },
        },
        [icon('shuffle', 16), h('span', { text: 'New readings' })],
      ),
    );

    const closeUp = createPanel(container, {
      title: 'Close-up of the posterior',
      caption: captions.closeUp,
      label:
        'Close-up of the exact posterior with the current and averaged Gaussian approximations',
      aspect: 1,
      minHeight: 120,
      maxHeight: ctx.maxSidePlotHeight,
    });
    const gap = createPanel(container, {
      title: 'Distance to the exact posterior',
      caption: gapCaption(ctx.config()),
      label: 'KL from q to the exact posterior over training steps, log scale',
      aspect: 1,
      minHeight: 120,
      maxHeight: ctx.maxSidePlotHeight,
    });
    const terms = createPanel(container, {
      title: 'ELBO and its two terms',
      caption: captions.terms,
      label: 'ELBO, expected log-likelihood and KL to the prior over training steps',
      aspect: 2.6,
      minHeight: 200,
    });
    terms.figure.classList.add('optional', 'wide');
    const bound = createElboGapPanel(
      container,
      {
        evidence: 'log p(X)',
        caption: captions.elboGap,
        label:
          'The gap between log p(X) and the ELBO over training, beside the KL to the exact posterior',
        xLabel: 'step',
        color: okabeIto.vermillion,
      },
      () => {
        const views = state.frame?.views;
        return views
          ? {
              step: views.historyStep,
              gap: views.historyElboGap,
              kl: views.historyKlToExact,
              marks: stepMarks(state.frame),
            }
          : null;
      },
    );
    const noise = createGradientNoisePanel(container, () => gradientNoiseOf(state.frame?.metrics), {
      caption: captions.gradientNoise,
      maxHeight: ctx.maxSidePlotHeight,
    });

    const sensorSpec = ctx.schema.sensors;
    const sensors = () => sensorsOf(sensorSpec, state.pending.sensors ?? ctx.config().sensors);
    const handles = () => {
      const config = ctx.config();
      const [tx, ty] = state.pending.target ?? [config.targetX, config.targetY];
      return [
        ...sensors().map(([x, y], i) => ({
          id: `s${i + 1}`,
          key: String(i + 1),
          name: `Sensor ${i + 1}`,
          x,
          y,
        })),
        { id: target.id, key: target.key, name: target.name, x: tx, y: ty },
      ];
    };

    function clampField(field, value) {
      const spec = ctx.schema[field];
      return Math.round(Math.min(spec.max, Math.max(spec.min, value)) * 100) / 100;
    }

    const announce = (text) => {
      live.textContent = text;
    };
    const drag = enableDragging(plane.canvas, {
      handles,
      axes: () => state.planeAxes,
      announce,
      onSelect: () => plane.redraw(),
      onMove(id, x, y, { final }) {
        if (editing.removing) return; // a long press removed the sensor under the finger
        let change;
        if (id === target.id) {
          const [fx, fy] = target.fields;
          state.pending.target = [clampField(fx, x), clampField(fy, y)];
          change = { [fx]: state.pending.target[0], [fy]: state.pending.target[1] };
        } else {
          const index = Number(id.slice(1)) - 1;
          state.pending.sensors = withSensorAt(sensorSpec, sensors(), index, x, y);
          change = { sensors: state.pending.sensors };
        }
        plane.redraw();
        const now = performance.now();
        if (final || now - state.lastDragSent > dragIntervalMs) {
          state.lastDragSent = now;
          ctx.setConfig(change);
        }
      },
    });
    const editing = enableSensorEditing(plane.canvas, {
      spec: sensorSpec,
      axes: () => state.planeAxes,
      sensors,
      dragging: () => drag.dragging,
      selected: () => drag.selected,
      commit(text, said) {
        announce(said);
        if (text === null) return;
        state.pending = {};
        ctx.setConfig({ sensors: text });
        plane.redraw();
      },
    });

    plane.setLegend([
      {
        label: 'exact posterior density',
        shape: 'gradient',
        colors: [0.1, 0.4, 0.7, 1].map((t) => cssColorAt('viridis', t)),
      },
      { label: 'exact posterior 1σ, 2σ', shape: 'dash', color: 'currentColor' },
      { label: 'q now', shape: 'line', color: colors.current },
      { label: 'q averaged', shape: 'line', color: colors.averaged },
      { label: 'samples from q', shape: 'dot', color: colors.current },
      { label: 'distance per reading', shape: 'ring', color: colors.rings },
      { label: 'sensor', shape: 'triangle', color: 'currentColor' },
      { label: 'true target', shape: 'star', color: colors.target },
    ]);
    closeUp.setLegend([
      { label: 'exact density contours', shape: 'line', color: cssColorAt('viridis', 0.55) },
      { label: 'q now', shape: 'line', color: colors.current },
      { label: 'q averaged', shape: 'line', color: colors.averaged },
    ]);
    terms.setLegend([
      { label: 'ELBO', shape: 'line', color: 'currentColor' },
      { label: 'expected log-likelihood', shape: 'line', color: okabeIto.bluishGreen },
      { label: 'KL(q ‖ prior)', shape: 'line', color: okabeIto.reddishPurple },
    ]);
    gap.setLegend([
      { label: 'KL(q now ‖ exact)', shape: 'line', color: colors.current },
      { label: 'KL(q averaged ‖ exact), now', shape: 'dash', color: colors.averaged },
    ]);

    plane.setDraw((g, size, theme) => {
      const frame = state.frame;
      if (!frame) return;
      const { views } = frame;
      const extent = {
        x: [Math.min(views.gridX0, -5), Math.max(views.gridX1, 5)],
        y: [Math.min(views.gridY0, -5), Math.max(views.gridY1, 5)],
      };
      const axes = createAxes({ ...extent, box: box(size), equal: true });
      state.planeAxes = axes;
      drawAxes(g, axes, theme, { xLabel: 'x', yLabel: 'y' });
      clipToBox(g, axes);
      heatmaps.plane.draw(g, axes, grid(views), densityStyle);
      drawRings(g, axes, views, frame.config.A);
      drawPoints(g, axes, views.samples, { color: colors.current, radius: 1.8, alpha: 0.6 });
      drawGaussians(g, axes, views, theme, 0.8);
      const zoom = closeUpExtent(views);
      g.strokeStyle = theme.muted;
      g.setLineDash([2, 3]);
      g.strokeRect(
        axes.px(zoom.x[0]),
        axes.py(zoom.y[1]),
        axes.px(zoom.x[1]) - axes.px(zoom.x[0]),
        axes.py(zoom.y[0]) - axes.py(zoom.y[1]),
      );
      g.setLineDash([]);
      for (const handle of handles()) {
        const px = axes.px(handle.x);
        const py = axes.py(handle.y);
        const isTarget = handle.id === 'target';
        if (drag.selected === handle.id)
          drawMarker(g, px, py, 'circle', 30, { stroke: theme.fg, lineWidth: 2 });
        drawMarker(g, px, py, isTarget ? 'star' : 'triangle', isTarget ? 18 : 16, {
          fill: isTarget ? colors.target : theme.fg,
          stroke: isTarget ? theme.fg : theme.bg,
          lineWidth: 1.5,
        });
        g.fillStyle = theme.fg;
        g.font = theme.smallFont;
        g.textAlign = 'left';
        g.fillText(isTarget ? 'target' : handle.id.toUpperCase(), px + 11, py - 9);
      }
      g.restore();
    });

    closeUp.setDraw((g, size, theme) => {
      const frame = state.frame;
      if (!frame) return;
      const { views } = frame;
      const axes = createAxes({ ...closeUpExtent(views), box: box(size), equal: true });
      drawAxes(g, axes, theme, { xLabel: 'x', yLabel: 'y' });
      clipToBox(g, axes);
      heatmaps.closeUp.draw(g, axes, closeGrid(views), densityStyle);
      // For a Gaussian, density/max = e^{-r²/2}: these levels are its 1σ and 2σ contours.
      drawContours(g, axes, closeGrid(views), [Math.exp(-0.5), Math.exp(-2)], {
        color: cssColorAt('viridis', 0.55),
        width: 1.5,
      });
      drawPoints(g, axes, views.samples, { color: colors.current, radius: 2.2, alpha: 0.55 });
      drawGaussians(g, axes, views, theme, 1);
      const [tx, ty] = views.target;
      drawMarker(g, axes.px(tx), axes.py(ty), 'star', 18, {
        fill: colors.target,
        stroke: theme.fg,
        lineWidth: 1.5,
      });
      g.restore();
    });

    terms.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      renderLinePlot(g, size, theme, {
        xLabel: 'step',
        yLabel: 'nats',
        robust: true,
        series: views
          ? [
              ...withTrend(views.historyStep, views.historyLoglik, okabeIto.bluishGreen),
              ...withTrend(views.historyStep, views.historyKl, okabeIto.reddishPurple),
              ...withTrend(views.historyStep, views.historyElbo, theme.fg),
            ]
          : [],
        vLines: stepMarks(state.frame),
      });
    });

    gap.setDraw((g, size, theme) => {
      const frame = state.frame;
      renderLinePlot(g, size, theme, {
        xLabel: 'step',
        yLabel: 'KL to exact (nats)',
        yLog: true,
        series: frame
          ? withTrend(frame.views.historyStep, frame.views.historyKlToExact, colors.current)
          : [],
        // The engine averages over the second half of the run; before that the average is q itself.
        hLines:
          frame && frame.metrics.step > frame.config.steps / 2
            ? [{ y: frame.metrics.klToExactAvg, color: colors.averaged }]
            : [],
        vLines: stepMarks(frame),
      });
    });

    const panels = [plane, closeUp, gap, terms, bound, noise];
    return {
      panels,
      update(frame) {
        state.frame = frame;
        for (const panel of panels) panel.redraw();
      },
      onConfigChange(config) {
        if (!drag.dragging) state.pending = {};
        gap.setCaption(gapCaption(config));
      },
    };
  },
};

// Lab 5 view: what the decoder generates, the data, test reconstructions coloured by the exact
// ELBO gap (or the gap to the importance-weighted bound L_k), the encoder's mean over the plane,
// and the ELBO with the exact log-likelihood per epoch.
import { h, uniqueId } from '../dom.js';
import { createPanel } from '../plots/panel.js';
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';
import { createHeatmap } from '../plots/heatmap.js';
import { drawPoints } from '../plots/scatter.js';
import { createLayerCache } from '../plots/layer_cache.js';
import { renderLinePlot } from '../plots/lines.js';
import { okabeIto, grey, colorAt, cssColorAt } from '../plots/colormaps.js';
import { renderExplanation } from '../explain.js';
import { captions, explanationBlocks, teaches } from './vae_text.js';
import { drawPreview } from './vae_preview.js';

const zScale = { colormap: 'viridis', vmin: -2.5, vmax: 2.5 }; // z ~ N(0, 1): ±2.5 sd
const gapScale = { colormap: 'cividis', vmin: 0, vmax: 2 }; // nats; larger gaps saturate
const plane = { x: [-1.8, 1.8], y: [-1.8, 1.8] };
const margin = { left: 50, right: 10, top: 10, bottom: 38 };
const buckets = 24; // colours per scale: points of one colour are drawn as one path
const colors = {
  train: 'fg',
  test: okabeIto.blue,
  logLik: okabeIto.bluishGreen,
  recon: okabeIto.orange,
  kl: okabeIto.reddishPurple,
  segment: grey,
};

function box({ width, height }) {
  return {
    left: margin.left,
    top: margin.top,
    width: width - margin.left - margin.right,
    height: height - margin.top - margin.bottom,
  };
}

function planeAxes(g, size, theme) {
  const axes = createAxes({ ...plane, box: box(size), equal: true });
  drawAxes(g, axes, theme, { xLabel: 'x₁', yLabel: 'x₂' });
  clipToBox(g, axes);
  return axes;
}

/** Points xy (interleaved) coloured by values[i·stride] on a colour scale, bucketed by colour. */
function drawColouredPoints(
  g,
  axes,
  xy,
  values,
  stride,
  scale,
  { radius = 1.8, alpha = 0.85 } = {},
) {
  const n = Math.min(xy.length / 2, values.length / stride);
  const paths = Array.from({ length: buckets }, () => new Path2D());
  for (let i = 0; i < n; i++) {
    const x = axes.px(xy[2 * i]);
    const y = axes.py(xy[2 * i + 1]);
    const t = (values[i * stride] - scale.vmin) / (scale.vmax - scale.vmin);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(t)) continue;
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(t * buckets)));
    paths[b].moveTo(x + radius, y);
    paths[b].arc(x, y, radius, 0, 2 * Math.PI);
  }
  g.save();
  g.globalAlpha = alpha;
  paths.forEach((path, b) => {
    g.fillStyle = cssColorAt(scale.colormap, (b + 0.5) / buckets);
    g.fill(path);
  });
  g.restore();
}

/** The decoder curve f(z), z = −3…3, drawn in segments coloured by z. */
function drawCurve(g, axes, curve) {
  const n = curve.length / 2;
  g.save();
  g.lineWidth = 2.5;
  for (let i = 0; i + 1 < n; i++) {
    const z = -3 + (6 * (i + 0.5)) / (n - 1);
    const [r, gr, b] = colorAt(zScale.colormap, (z - zScale.vmin) / (zScale.vmax - zScale.vmin));
    g.strokeStyle = `rgb(${r}, ${gr}, ${b})`;
    g.beginPath();
    g.moveTo(axes.px(curve[2 * i]), axes.py(curve[2 * i + 1]));
    g.lineTo(axes.px(curve[2 * i + 2]), axes.py(curve[2 * i + 3]));
    g.stroke();
  }
  g.restore();
}

function gradient(scale) {
  return [0, 0.25, 0.5, 0.75, 1].map((t) => cssColorAt(scale.colormap, t));
}

/** Keeps the points of a history whose x is at least `from`. */
function tail(x, y, from) {
  const keep = [];
  for (let i = 0; i < x.length; i++) if (x[i] >= from) keep.push(i);
  return { x: keep.map((i) => x[i]), y: keep.map((i) => y[i]) };
}

function toggle(panel, label, title, onChange, checked = false) {
  const id = uniqueId('vae-toggle');
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

export default {
  name: 'vae',
  gallery: { teaches, drawPreview },
  explanationBlocks,
  metrics: [
    {
      key: 'epoch',
      label: 'Epoch',
      meaning: 'Passes over the training set; one step is one minibatch.',
    },
    {
      key: 'trainElbo',
      label: 'Train ELBO',
      unit: 'nats',
      meaning: 'Per point, averaged over the last epoch’s minibatches, as the original prints it.',
    },
    {
      key: 'testElbo',
      label: 'Test ELBO',
      unit: 'nats',
      meaning: 'Per point on the 5 000 test points, one sample of z each.',
    },
    {
      key: 'testLogLik',
      label: 'Test log p(x), exact',
      unit: 'nats',
      meaning:
        'The model’s exact log-likelihood (1-D latent, every 10 epochs); always above the ELBO.',
    },
    {
      key: 'testIwae',
      label: 'Test L_k (importance-weighted)',
      unit: 'nats',
      meaning:
        'Log of the mean of k importance weights p(x, z)/q(z | x) per test point, at the last exact evaluation’s weights; k = 1 is the ELBO.',
    },
    {
      key: 'recon',
      label: 'Reconstruction',
      unit: 'nats',
      meaning: 'E_q log p(x | z) over the last epoch: how well decoded z match x.',
    },
    {
      key: 'kl',
      label: 'KL(q ‖ prior)',
      unit: 'nats',
      meaning: 'What the encoder pays for guesses narrower or shifted from N(0, 1).',
    },
  ],
  lossTitle: 'Loss = −ELBO',
  lossCaption: captions.loss,
  lossLegend: [
    { label: 'train −ELBO', shape: 'line', color: 'currentColor' },
    { label: 'test −ELBO', shape: 'line', color: colors.test },
  ],
  lossCurve(views) {
    if (!views.historyStep) return null;
    const step = Float32Array.from(views.historyStep, (e) => e * views.stepsPerEpoch);
    return {
      x: step,
      yLabel: '−ELBO (nats)',
      series: [
        { label: 'train', y: Float32Array.from(views.historyTrainElbo, (v) => -v), color: 'fg' },
        {
          label: 'test',
          y: Float32Array.from(views.historyTestElbo, (v) => -v),
          color: colors.test,
        },
      ],
    };
  },
  totalSteps: (config) =>
    config.epochs * Math.ceil(Math.floor((3 * config.dataSize) / 4) / config.batchSize),

  explanation(container, katex) {
    renderExplanation(container, explanationBlocks, katex);
  },

  createPlots(container, ctx) {
    const state = { frame: null, withNoise: false, zoom: false, iwaeGap: false };
    const heatmap = createHeatmap();

    const samples = createPanel(container, {
      title: 'What the model generates',
      caption: captions.samples,
      label:
        'Prior samples pushed through the decoder, coloured by their latent value, over the data',
      aspect: 1.25,
      maxHeight: ctx.maxPlotHeight,
    });
    samples.figure.classList.add('main-plot');
    toggle(
      samples,
      'with noise',
      'Draw f(z) + σε, as the original exercise’s .sample() does',
      (on) => {
        state.withNoise = on;
        samples.redraw();
      },
    );

    const data = createPanel(container, {
      title: 'Data, coloured by the true z',
      caption: captions.data,
      label: 'Training data coloured by the latent value that generated each point',
      aspect: 1,
      minHeight: 140,
      maxHeight: ctx.maxSidePlotHeight,
    });
    const recon = createPanel(container, {
      title: 'Test reconstructions and the ELBO gap',
      caption: captions.recon,
      label:
        'Test points joined to their reconstructions, coloured by the exact gap between log-likelihood and ELBO',
      aspect: 1,
      minHeight: 140,
      maxHeight: ctx.maxSidePlotHeight,
    });
    toggle(
      recon,
      'gap to L_k',
      'Colour by log p(x) − L_k, the importance-weighted bound with k samples (Importance samples k)',
      (on) => {
        state.iwaeGap = on;
        recon.redraw();
      },
    );
    const encoder = createPanel(container, {
      title: 'Encoder mean μ(x) over the plane',
      caption: captions.encoder,
      label: 'Heat map of the encoder mean over the plane, with the data',
      aspect: 1,
      minHeight: 140,
    });
    encoder.figure.classList.add('optional');
    const elbo = createPanel(container, {
      title: 'ELBO, its terms and the exact log-likelihood',
      caption: captions.elbo,
      label: 'Train and test ELBO, reconstruction, KL and exact test log-likelihood per epoch',
      aspect: 2.6,
      minHeight: 200,
    });
    elbo.figure.classList.add('optional');
    toggle(
      elbo,
      'second half',
      'Show only the second half of the run (the early epochs dwarf the rest)',
      (on) => {
        state.zoom = on;
        elbo.redraw();
      },
    );

    samples.setLegend([
      { label: 'f(z), z from the prior', shape: 'gradient', colors: gradient(zScale) },
      { label: 'decoder curve (1-D latent)', shape: 'line', color: cssColorAt('viridis', 0.5) },
      { label: 'data', shape: 'dot', color: colors.segment },
    ]);
    data.setLegend([{ label: 'true z, −2.5 … 2.5', shape: 'gradient', colors: gradient(zScale) }]);
    recon.setLegend([
      { label: 'gap, 0 … 2 nats', shape: 'gradient', colors: gradient(gapScale) },
      { label: 'x → reconstruction', shape: 'line', color: colors.segment },
    ]);
    encoder.setLegend([
      { label: 'μ₁(x), −2.5 … 2.5', shape: 'gradient', colors: gradient(zScale) },
    ]);
    elbo.setLegend([
      { label: 'train ELBO', shape: 'line', color: 'currentColor' },
      { label: 'test ELBO', shape: 'line', color: colors.test },
      { label: 'test log p(x), exact', shape: 'line', color: colors.logLik },
      { label: 'reconstruction', shape: 'dash', color: colors.recon },
      { label: 'KL', shape: 'dash', color: colors.kl },
    ]);

    // The data under the model's draws and over the encoder map, rasterized once per data set
    // and panel size (plots/layer_cache.js).
    const samplesData = createLayerCache();
    const encoderData = createLayerCache();
    samples.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const axes = planeAxes(g, size, theme);
      drawPoints(g, axes, views.dataX, {
        color: colors.segment,
        radius: 1.2,
        alpha: 0.35,
        cache: samplesData,
      });
      const points = state.withNoise ? views.priorSample : views.priorMean;
      drawColouredPoints(g, axes, points, views.priorZ, views.latentDim, zScale, {
        radius: 1.6,
        alpha: 0.7,
      });
      if (views.curve.length > 0 && !state.withNoise) drawCurve(g, axes, views.curve);
      g.restore();
    });

    data.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const axes = planeAxes(g, size, theme);
      drawColouredPoints(g, axes, views.dataX, views.dataZ, 1, zScale);
      g.restore();
    });

    recon.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const axes = planeAxes(g, size, theme);
      const { testX, testRecon } = views;
      const testGap = state.iwaeGap ? views.testIwaeGap : views.testGap;
      g.save();
      g.strokeStyle = colors.segment;
      g.globalAlpha = 0.6;
      g.lineWidth = 1;
      g.beginPath();
      for (let i = 0; i + 1 < testX.length; i += 2) {
        g.moveTo(axes.px(testX[i]), axes.py(testX[i + 1]));
        g.lineTo(axes.px(testRecon[i]), axes.py(testRecon[i + 1]));
      }
      g.stroke();
      g.restore();
      if (testGap.length > 0)
        drawColouredPoints(g, axes, testX, testGap, 1, gapScale, { radius: 2.4, alpha: 0.95 });
      else drawPoints(g, axes, testX, { color: theme.fg, radius: 1.8, alpha: 0.8 });
      g.restore();
    });

    encoder.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const axes = planeAxes(g, size, theme);
      const n = views.gridN;
      const half = views.gridHalfWidth;
      // Cell centres of an n×n grid on [−half, half]².
      const edge = half - half / n;
      heatmap.draw(
        g,
        axes,
        { values: views.encoderMean, nx: n, ny: n, x0: -edge, x1: edge, y0: -edge, y1: edge },
        { ...zScale, opacity: () => 0.9 },
      );
      drawPoints(g, axes, views.dataX, {
        color: theme.bg,
        radius: 1,
        alpha: 0.5,
        cache: encoderData,
      });
      g.restore();
    });

    elbo.setDraw((g, size, theme) => {
      const views = state.frame?.views;
      if (!views) return;
      const last = views.historyStep[views.historyStep.length - 1] ?? 0;
      const from = state.zoom ? last / 2 : -Infinity;
      const line = (x, y, color, dash = []) => ({ ...tail(x, y, from), color, dash, width: 1.6 });
      const series = [
        line(views.historyStep, views.historyRecon, colors.recon, [5, 3]),
        line(views.historyStep, views.historyKl, colors.kl, [5, 3]),
        line(views.historyStep, views.historyTrainElbo, theme.fg),
        line(views.historyStep, views.historyTestElbo, colors.test),
      ];
      if (views.logLikHistoryStep.length > 0)
        series.push(line(views.logLikHistoryStep, views.logLikHistoryTestLogLik, colors.logLik));
      renderLinePlot(g, size, theme, {
        series,
        xLabel: 'epoch',
        yLabel: 'nats per point',
        robust: !state.zoom,
      });
    });

    const panels = [samples, data, recon, encoder, elbo];
    return {
      panels,
      update(frame) {
        state.frame = frame;
        for (const panel of panels) panel.redraw();
      },
    };
  },
};

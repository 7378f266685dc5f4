// Line plots: series over a shared x axis, optional log-scaled y, horizontal reference lines.
import { createAxes, drawAxes, clipToBox, axisTicks } from './axes.js';

export const lineMargin = Object.freeze({ left: 56, right: 12, top: 10, bottom: 42 });

/** [min, max] of the finite values (positive only when log); `robust` drops the extreme 2 %. */
export function valueRange(arrays, { log = false, robust = false } = {}) {
  const values = [];
  for (const array of arrays) {
    for (const v of array) if (Number.isFinite(v) && (!log || v > 0)) values.push(v);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const pick = (q) =>
    values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
  let lo = robust ? pick(0.02) : values[0];
  let hi = robust ? pick(0.98) : values[values.length - 1];
  if (log) {
    if (hi <= lo) {
      lo /= 2;
      hi *= 2;
    }
    const pad = (Math.log10(hi) - Math.log10(lo)) * 0.05;
    return [lo / 10 ** pad, hi * 10 ** pad];
  }
  if (hi <= lo) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/**
 * Centred moving average over `window` points (odd), skipping non-finite values; used to
 * show the trend of noisy one-sample estimates on top of the raw curve.
 */
export function movingAverage(values, window) {
  const n = values.length;
  const half = Math.max(0, Math.floor(window / 2));
  const sum = new Float64Array(n + 1);
  const count = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(values[i]);
    sum[i + 1] = sum[i] + (ok ? values[i] : 0);
    count[i + 1] = count[i] + (ok ? 1 : 0);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - half);
    const hi = Math.min(n, i + half + 1);
    const c = count[hi] - count[lo];
    out[i] = c > 0 ? (sum[hi] - sum[lo]) / c : NaN;
  }
  return out;
}

/** A raw noisy series (faint) and its moving average (solid), as two line-plot series. */
export function withTrend(
  x,
  y,
  color,
  { width = 1.6, window = Math.max(3, Math.round(y.length / 30) | 1) } = {},
) {
  return [
    { x, y, color, width: 1, alpha: 0.3 },
    { x, y: movingAverage(y, window), color, width },
  ];
}

export function drawSeries(g, axes, xs, ys, { color, width = 1.5, dash = [], alpha = 1 } = {}) {
  g.save();
  g.strokeStyle = color;
  g.lineWidth = width;
  g.globalAlpha = alpha;
  g.setLineDash(dash);
  g.lineJoin = 'round';
  g.beginPath();
  let pen = false;
  for (let i = 0; i < ys.length; i++) {
    const ok = axes.drawableY(ys[i]);
    if (!ok) {
      pen = false;
      continue;
    }
    const x = axes.px(xs[i]);
    const y = axes.py(ys[i]);
    if (pen) g.lineTo(x, y);
    else g.moveTo(x, y);
    pen = true;
  }
  g.stroke();
  g.restore();
}

/**
 * The live-setting changes of this run (frame.marks: [{x: step, label}]) as vLines for a plot
 * over steps; `scale` converts steps to the plot's x unit (1/1000 for "thousands of steps").
 */
export function stepMarks(frame, scale = 1) {
  return (frame?.marks ?? []).map((mark) => ({ ...mark, x: mark.x * scale }));
}

// Vertical marks inside the x domain, each labelled at the top (right of the line, or left of it
// near the right edge). The canvas's data-marks lists those drawn, for tests and text
// alternatives.
function drawMarks(g, axes, theme, marks, [x0, x1]) {
  const { box } = axes;
  const shown = marks.filter((mark) => mark.x >= x0 && mark.x <= x1);
  if (g.canvas?.dataset) g.canvas.dataset.marks = shown.map((m) => m.label ?? '').join('; ');
  g.save();
  g.font = theme.smallFont;
  g.textBaseline = 'top';
  shown.forEach((mark, i) => {
    const p = Math.round(axes.px(mark.x)) + 0.5;
    g.strokeStyle = mark.color ?? theme.muted;
    g.fillStyle = mark.color ?? theme.muted;
    g.lineWidth = 1;
    g.setLineDash([3, 3]);
    g.beginPath();
    g.moveTo(p, box.top);
    g.lineTo(p, box.top + box.height);
    g.stroke();
    const label = mark.label ?? '';
    const right = p + 4 + g.measureText(label).width < box.left + box.width;
    g.textAlign = right ? 'left' : 'right';
    g.fillText(label, right ? p + 4 : p - 4, box.top + 2 + 12 * (i % 3));
  });
  g.restore();
}

/**
 * A complete line chart on a cleared context of the given CSS size. spec: series
 * [{x, y, color, width, dash}], hLines [{y, color, dash}], vLines [{x, label, color}] (marks
 * at a step, labelled at the top), xLabel, yLabel, yLog, robust, fitY (values the y range is
 * fitted to instead of the series', which may then leave the plot).
 * yLog asks for a logarithmic y axis: a log scale while every value is positive, a
 * symmetric-log scale (linear near 0) once some are not. Returns the axes (axes.yScale says
 * which scale was used), or null when there is nothing to draw yet.
 */
export function renderLinePlot(g, { width, height }, theme, spec) {
  const {
    series = [],
    hLines = [],
    vLines = [],
    xLabel = '',
    yLabel = '',
    yLog = false,
    robust = false,
    fitY = null,
  } = spec;
  const ys = [...series.map((s) => s.y), hLines.map((h) => h.y)];
  const positive = ys.every((array) =>
    Array.from(array).every((v) => !Number.isFinite(v) || v > 0),
  );
  const yScale = yLog ? (positive ? 'log' : 'symlog') : 'linear';
  const box = {
    left: lineMargin.left,
    top: lineMargin.top,
    width: width - lineMargin.left - lineMargin.right,
    height: height - lineMargin.top - lineMargin.bottom,
  };
  const xRange = valueRange(series.map((s) => s.x));
  const yRange = valueRange(fitY ? [fitY] : ys, { log: yScale === 'log', robust });
  if (!xRange || !yRange || box.width < 20 || box.height < 20) {
    g.fillStyle = theme.muted;
    g.font = theme.font;
    g.textAlign = 'center';
    g.fillText('No data yet: press play or step', width / 2, height / 2);
    return null;
  }
  const first = Math.min(...series.map((s) => s.x[0]).filter(Number.isFinite));
  const last = Math.max(...series.map((s) => s.x[s.x.length - 1]).filter(Number.isFinite));
  const xDomain = [first, last > first ? last : first + 1];
  // Room for the widest y tick label and the rotated axis label left of it.
  const probe = createAxes({ x: xDomain, y: yRange, box, yScale });
  const { yLabels } = axisTicks(g, probe, theme, { xTicks: [] });
  g.save();
  g.font = theme.smallFont;
  const widest = Math.max(0, ...yLabels.map((t) => g.measureText(t).width));
  g.restore();
  const left = Math.max(lineMargin.left, Math.ceil(widest + 5 + 6 + (yLabel ? 16 : 2)));
  box.width -= left - box.left;
  box.left = left;
  const axes = createAxes({ x: xDomain, y: yRange, box, yScale });
  drawAxes(g, axes, theme, { xLabel, yLabel });
  clipToBox(g, axes);
  for (const h of hLines) {
    if (!axes.drawableY(h.y)) continue;
    drawSeries(g, axes, [axes.x0, axes.x1], [h.y, h.y], {
      color: h.color,
      dash: h.dash ?? [6, 4],
      width: 1.5,
    });
  }
  for (const s of series) drawSeries(g, axes, s.x, s.y, s);
  drawMarks(g, axes, theme, vLines, xDomain);
  g.restore();
  return axes;
}

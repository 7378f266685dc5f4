// Data <-> pixel mapping (d3-scale) and axis drawing: grid, ticks whose labels fit, labels.
import { makeScale, fitTicks, formatLogTick, keepWithin } from './ticks.js';

/** Widens the shorter range so that one data unit spans the same pixels on both axes. */
export function fitEqual([x0, x1], [y0, y1], width, height) {
  const perPixel = Math.max((x1 - x0) / width, (y1 - y0) / height);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return {
    x: [cx - (perPixel * width) / 2, cx + (perPixel * width) / 2],
    y: [cy - (perPixel * height) / 2, cy + (perPixel * height) / 2],
  };
}

/** A symlog constant for values: a tenth of the smallest magnitude that matters, as 10^k. */
export function symlogConstant(lo, hi) {
  const reach = Math.max(Math.abs(lo), Math.abs(hi));
  if (!(reach > 0)) return 1;
  return 10 ** Math.floor(Math.log10(reach) - 3);
}

/**
 * A mapping from the data box {x: [x0, x1], y: [y0, y1]} to the pixel box
 * {left, top, width, height}. yScale: 'linear' (default), 'log' (values > 0) or 'symlog'
 * (any sign: linear near 0, logarithmic beyond yConstant); yLog: true is yScale 'log'.
 */
export function createAxes({
  x,
  y,
  box,
  yLog = false,
  yScale = yLog ? 'log' : 'linear',
  yConstant,
  equal = false,
}) {
  const ranges = equal ? fitEqual(x, y, box.width, box.height) : { x, y };
  const [x0, x1] = ranges.x;
  const [y0, y1] = ranges.y;
  const constant = yConstant ?? symlogConstant(y0, y1);
  const sx = makeScale('linear', [x0, x1], [box.left, box.left + box.width]);
  const sy = makeScale(yScale, [y0, y1], [box.top + box.height, box.top], constant);
  return {
    x0,
    x1,
    y0,
    y1,
    box,
    yLog: yScale === 'log',
    yScale,
    sx,
    sy,
    px: (v) => sx(v),
    py: (v) => sy(v),
    invX: (p) => sx.invert(p),
    invY: (p) => sy.invert(p),
    /** Whether a value can be drawn on the y axis (a log axis has no room for v ≤ 0). */
    drawableY: (v) => Number.isFinite(v) && (yScale !== 'log' || v > 0),
    unitsPerPixel: (x1 - x0) / box.width,
  };
}

// The font's line height for tick labels stacked on a y axis (11 px text).
const labelHeight = 12;

/**
 * Ticks for both axes whose labels fit their axis, measured with the canvas's small font:
 * {xs, xLabels, ys, yLabels}. Explicit xTicks / yTicks (values) are labelled as given.
 */
export function axisTicks(g, axes, theme, { xTicks, yTicks, format } = {}) {
  const label = (v) => (format ? format(v) : formatLogTick(v));
  // The labels are measured as they are drawn: in the small font, while fitTicks runs.
  g.save();
  g.font = theme.smallFont;
  const x = xTicks
    ? { values: xTicks, labels: xTicks.map(label) }
    : fitTicks(axes.sx, 'linear', {
        length: axes.box.width,
        size: (text) => g.measureText(text).width,
        gap: 10,
        bounds: canvasSpanX(g),
      });
  g.restore();
  const y = yTicks
    ? { values: yTicks, labels: yTicks.map(label) }
    : fitTicks(axes.sy, axes.yScale, {
        length: axes.box.height,
        size: () => labelHeight,
        gap: 8,
        target: Math.max(2, Math.round(axes.box.height / 45)),
      });
  if (format && !xTicks) x.labels = x.values.map(format);
  if (format && !yTicks) y.labels = y.values.map(format);
  return { xs: x.values, xLabels: x.labels, ys: y.values, yLabels: y.labels };
}

/** The canvas's horizontal extent in the context's current coordinates: [left, right]. */
function canvasSpanX(g) {
  const t = g.getTransform?.();
  if (!t?.a || !g.canvas) return undefined;
  return [-t.e / t.a, (g.canvas.width - t.e) / t.a];
}

/** Frame, grid lines, ticks and axis labels in the theme's colours. Returns the ticks. */
export function drawAxes(
  g,
  axes,
  theme,
  { xLabel = '', yLabel = '', xTicks, yTicks, format } = {},
) {
  const { box } = axes;
  const ticks = axisTicks(g, axes, theme, { xTicks, yTicks, format });
  const { xs, ys, xLabels, yLabels } = ticks;
  g.save();
  g.lineWidth = 1;
  g.strokeStyle = theme.grid;
  g.beginPath();
  for (const v of xs) {
    const p = Math.round(axes.px(v)) + 0.5;
    g.moveTo(p, box.top);
    g.lineTo(p, box.top + box.height);
  }
  for (const v of ys) {
    const p = Math.round(axes.py(v)) + 0.5;
    g.moveTo(box.left, p);
    g.lineTo(box.left + box.width, p);
  }
  g.stroke();
  g.strokeStyle = theme.axis;
  g.strokeRect(box.left + 0.5, box.top + 0.5, box.width - 1, box.height - 1);
  g.fillStyle = theme.muted;
  g.font = theme.smallFont;
  g.textAlign = 'center';
  g.textBaseline = 'top';
  // A label at either end keeps to the canvas, as fitTicks placed it.
  const span = canvasSpanX(g);
  xs.forEach((v, i) => {
    const x = keepWithin(axes.px(v), g.measureText(xLabels[i]).width, span);
    g.fillText(xLabels[i], x, box.top + box.height + 4);
  });
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  let widest = 0;
  ys.forEach((v, i) => {
    g.fillText(yLabels[i], box.left - 5, axes.py(v));
    widest = Math.max(widest, g.measureText(yLabels[i]).width);
  });
  g.fillStyle = theme.fg;
  g.font = theme.font;
  g.textAlign = 'center';
  g.textBaseline = 'bottom';
  if (xLabel) g.fillText(xLabel, box.left + box.width / 2, box.top + box.height + 34);
  // Left of the widest tick label, or where the tick labels would have been.
  const beside = box.left - 5 - Math.max(widest, 12) - 6;
  if (yLabel.length <= 2) {
    // A one-letter label reads better upright, left of the tick labels.
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    g.fillText(yLabel, beside, box.top + box.height / 2);
  } else if (yLabel) {
    g.translate(beside, box.top + box.height / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = 'bottom';
    g.fillText(yLabel, 0, 0);
  }
  g.restore();
  return ticks;
}

/** Restricts drawing to the plot box; call g.restore() afterwards. */
export function clipToBox(g, axes) {
  g.save();
  g.beginPath();
  g.rect(axes.box.left, axes.box.top, axes.box.width, axes.box.height);
  g.clip();
}

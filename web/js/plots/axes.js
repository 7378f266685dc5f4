// Data <-> pixel mapping and axis drawing (ticks, grid, labels).

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(min, max, count = 5) {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.999);
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks = [];
  for (let v = first; v <= max + step * 1e-9; v += step)
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/**
 * Powers of ten in [min, max] (min > 0); adds 2× and 5× when fewer than three decades,
 * and falls back to linear round numbers within a single decade.
 */
export function logTicks(min, max) {
  if (!(min > 0) || !(max > min)) return [min];
  if (max / min < 10) return niceTicks(min, max, 4).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const multiples = hi - lo < 3 ? [1, 2, 5] : [1];
  const ticks = [];
  for (let p = lo; p <= hi; p++) {
    for (const m of multiples) {
      const v = m * 10 ** p;
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(Number(v.toPrecision(12)));
    }
  }
  return ticks;
}

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

/**
 * A mapping from the data box {x: [x0, x1], y: [y0, y1]} to the pixel box
 * {left, top, width, height}; yLog maps y through log10 (values must be > 0).
 */
export function createAxes({ x, y, box, yLog = false, equal = false }) {
  const ranges = equal ? fitEqual(x, y, box.width, box.height) : { x, y };
  const [x0, x1] = ranges.x;
  const [y0, y1] = ranges.y;
  const ty = yLog ? (v) => Math.log10(v) : (v) => v;
  const ly0 = ty(y0);
  const ly1 = ty(y1);
  return {
    x0,
    x1,
    y0,
    y1,
    box,
    yLog,
    px: (v) => box.left + ((v - x0) / (x1 - x0)) * box.width,
    py: (v) => box.top + box.height - ((ty(v) - ly0) / (ly1 - ly0)) * box.height,
    invX: (p) => x0 + ((p - box.left) / box.width) * (x1 - x0),
    invY: (p) => {
      const t = ly0 + ((box.top + box.height - p) / box.height) * (ly1 - ly0);
      return yLog ? 10 ** t : t;
    },
    unitsPerPixel: (x1 - x0) / box.width,
  };
}

function tickLabel(v, format) {
  if (format) return format(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e4 || a < 1e-2))
    return v.toExponential(0).replace('e+', 'e').replace('-', '−');
  return String(v).replace('-', '−');
}

/** Frame, grid lines, ticks and axis labels in the theme's colours. */
export function drawAxes(
  g,
  axes,
  theme,
  { xLabel = '', yLabel = '', xTicks, yTicks, format } = {},
) {
  const { box } = axes;
  // Asks for twice as many ticks when rounding left fewer than three.
  const linear = (lo, hi, count) => {
    const ticks = niceTicks(lo, hi, count);
    return ticks.length >= 3 ? ticks : niceTicks(lo, hi, 2 * count);
  };
  const xs = xTicks ?? linear(axes.x0, axes.x1, Math.max(3, Math.round(box.width / 70)));
  const ys =
    yTicks ??
    (axes.yLog
      ? logTicks(axes.y0, axes.y1)
      : linear(axes.y0, axes.y1, Math.max(3, Math.round(box.height / 45))));
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
  for (const v of xs) g.fillText(tickLabel(v, format), axes.px(v), box.top + box.height + 4);
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (const v of ys) g.fillText(tickLabel(v, format), box.left - 5, axes.py(v));
  g.fillStyle = theme.fg;
  g.font = theme.font;
  g.textAlign = 'center';
  g.textBaseline = 'bottom';
  if (xLabel) g.fillText(xLabel, box.left + box.width / 2, box.top + box.height + 34);
  if (yLabel.length <= 2) {
    // A one-letter label reads better upright, left of the tick labels.
    g.textBaseline = 'middle';
    g.fillText(yLabel, box.left - 36, box.top + box.height / 2);
  } else {
    g.translate(box.left - 38, box.top + box.height / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = 'bottom';
    g.fillText(yLabel, 0, 0);
  }
  g.restore();
  return { xs, ys };
}

/** Restricts drawing to the plot box; call g.restore() afterwards. */
export function clipToBox(g, axes) {
  g.save();
  g.beginPath();
  g.rect(axes.box.left, axes.box.top, axes.box.width, axes.box.height);
  g.clip();
}

// Drawing shared by the two classification labs (logistic, moons): rows of maps over the input
// plane with the data on top, grouped bars, and histories of methods stepped side by side.
import { createAxes, drawAxes, clipToBox } from '../plots/axes.js';
import { drawBarValue, barTop, drawSlotLabel, fitText } from '../plots/bars.js';
import { drawContours } from '../plots/contour.js';
import { roleColors } from '../plots/colormaps.js';
import { axesKey } from '../plots/layer_cache.js';

/** The engine's node-sampled grid {values, nx, ny, x0, x1, y0, y1} for one array of views. */
function planeGrid(views, values) {
  return {
    values,
    nx: views.gridNx,
    ny: views.gridNy,
    x0: views.gridX0,
    x1: views.gridX1,
    y0: views.gridY0,
    y1: views.gridY1,
  };
}

/**
 * Training points [x0, y0, ...] with labels 0/1: filled in their class colour, thinly outlined.
 * cache: a layer cache (plots/layer_cache.js) that keeps them rasterized between paints.
 */
export function drawData(g, axes, xy, labels, theme, radius = 2.6, cache = null) {
  const paint = (c) => {
    c.save();
    c.lineWidth = 0.5;
    c.strokeStyle = theme.fg;
    for (const cls of [0, 1]) {
      c.fillStyle = cls ? roleColors.class1 : roleColors.class0;
      c.beginPath();
      for (let i = 0; i < labels.length; i++) {
        if ((labels[i] > 0.5 ? 1 : 0) !== cls) continue;
        const x = axes.px(xy[2 * i]);
        const y = axes.py(xy[2 * i + 1]);
        c.moveTo(x + radius, y);
        c.arc(x, y, radius, 0, 2 * Math.PI);
      }
      // A faint outline keeps a point visible on a background of its own colour without the
      // outlines of a dense cloud turning it black.
      c.globalAlpha = 0.45;
      c.stroke();
      c.globalAlpha = 1;
      c.fill();
    }
    c.restore();
  };
  if (!cache) return paint(g);
  cache.draw(g, { key: `${axesKey(axes)} ${theme.fg} ${radius}`, data: [xy, labels] }, paint);
}

const mapGap = 12;
const mapMargin = { left: 34, right: 4, top: 34, bottom: 30 };

/**
 * How `count` square maps share a panel `width` pixels wide: as many columns as keep each map
 * at least `minCell` wide, then rows. {cols, rows, cell, cellHeight, height}.
 */
export function mapLayout(width, count, minCell = 150) {
  const cols = Math.max(1, Math.min(count, Math.floor((width + mapGap) / (minCell + mapGap))));
  const rows = Math.ceil(count / cols);
  const cell = (width - mapGap * (cols - 1)) / cols;
  const cellHeight = cell - mapMargin.left - mapMargin.right + mapMargin.top + mapMargin.bottom;
  return { cols, rows, cell, cellHeight, height: rows * cellHeight + (rows - 1) * mapGap };
}

/** The panel aspect (a function of its width) that gives `count` maps square plot boxes. */
export const mapRowAspect = (count) => (width) =>
  width / Math.max(1, mapLayout(width, count).height);

/**
 * Equal-aspect maps over the same plane, one per method, in a row or, on a narrow panel, in
 * rows of fewer (see mapLayout). maps: [{title, color, values, subtitle}]; style: {colormap,
 * vmin, vmax, contour: level or null}; draw(g, axes, i) adds overlays. heatmaps: one
 * createHeatmap() per map (each keeps its own small canvas).
 */
export function drawMapRow(g, size, theme, views, maps, heatmaps, style, draw) {
  const margin = mapMargin;
  const layout = mapLayout(size.width, maps.length);
  const cellHeight = Math.min(
    layout.cellHeight,
    (size.height - mapGap * (layout.rows - 1)) / layout.rows,
  );
  const extent = { x: [views.gridX0, views.gridX1], y: [views.gridY0, views.gridY1] };
  maps.forEach((map, i) => {
    const left = (i % layout.cols) * (layout.cell + mapGap);
    const top = Math.floor(i / layout.cols) * (cellHeight + mapGap);
    // Square plot boxes: the maps keep the plane's aspect and fill their frames.
    const side = Math.min(
      layout.cell - margin.left - margin.right,
      cellHeight - margin.top - margin.bottom,
    );
    const box = { left: left + margin.left, top: top + margin.top, width: side, height: side };
    if (box.width < 20 || box.height < 20) return;
    const axes = createAxes({ ...extent, box, equal: true });
    g.fillStyle = map.color;
    g.font = `600 ${theme.font}`;
    g.textAlign = 'left';
    g.textBaseline = 'alphabetic';
    const room = layout.cell - margin.left + margin.left / 2;
    g.fillText(fitText(g, map.title, room), left + margin.left / 2, top + 14);
    if (map.subtitle) {
      g.fillStyle = theme.muted;
      g.font = theme.smallFont;
      g.fillText(fitText(g, map.subtitle, room), left + margin.left / 2, top + 28);
    }
    drawAxes(g, axes, theme, { xLabel: '', yLabel: '' });
    clipToBox(g, axes);
    if (map.values) {
      const grid = planeGrid(views, map.values);
      heatmaps[i].draw(g, axes, grid, style);
      if (style.contour != null)
        drawContours(g, axes, grid, [style.contour], { color: theme.fg, width: 1.4, dash: [4, 3] });
    }
    draw?.(g, axes, i);
    g.restore();
  });
}

/**
 * Grouped bars: groups [{label, color}] (one per method) × measures [{label, values[]}],
 * measures side by side, one bar per method within each; y from 0.
 */
export function drawGroupedBars(
  g,
  size,
  theme,
  groups,
  measures,
  { yLabel = '', format = (v) => v.toFixed(3) } = {},
) {
  const box = { left: 52, top: 12, width: size.width - 64, height: size.height - 56 };
  const all = measures.flatMap((m) => m.values).filter(Number.isFinite);
  if (all.length === 0 || box.width < 40 || box.height < 30) return;
  const slot = box.width / measures.length;
  const barWidth = Math.min(34, (slot * 0.8) / groups.length);
  const top = barTop(
    g,
    theme.smallFont,
    Math.max(...all),
    all.map(format),
    barWidth,
    box.height,
    1.18,
  );
  const axes = createAxes({ x: [0, measures.length], y: [0, top], box });
  drawAxes(g, axes, theme, { xLabel: '', yLabel, xTicks: [] });
  measures.forEach((measure, m) => {
    const start = box.left + m * slot + (slot - barWidth * groups.length) / 2;
    groups.forEach((group, k) => {
      const v = measure.values[k];
      if (!Number.isFinite(v)) return;
      const x = start + k * barWidth;
      const y = axes.py(v);
      g.fillStyle = group.color;
      g.fillRect(x + 1, y, barWidth - 2, axes.py(0) - y);
      g.fillStyle = theme.fg;
      g.font = theme.smallFont;
      drawBarValue(g, format(v), x + barWidth / 2, y, barWidth);
    });
    g.fillStyle = theme.fg;
    g.font = theme.font;
    drawSlotLabel(g, measure.label, box.left + (m + 0.5) * slot, box.top + box.height + 8, slot);
  });
}

/**
 * ySrc (recorded at steps xSrc) read at the steps xTarget: the last recorded value at or before
 * each step, NaN past the series' own last step. Methods with different budgets share one axis.
 */
export function alignSeries(xTarget, xSrc, ySrc) {
  const out = new Float32Array(xTarget.length).fill(NaN);
  if (!xSrc || xSrc.length === 0) return out;
  let j = 0;
  for (let i = 0; i < xTarget.length; i++) {
    const t = xTarget[i];
    if (t < xSrc[0] || t > xSrc[xSrc.length - 1]) continue;
    while (j + 1 < xSrc.length && xSrc[j + 1] <= t) j++;
    out[i] = ySrc[j];
  }
  return out;
}

/** The longer of several step arrays: the shared x axis of a multi-method loss curve. */
export function longestSteps(...steps) {
  return steps
    .filter(Boolean)
    .reduce(
      (a, b) => (b.length && b[b.length - 1] > (a[a.length - 1] ?? -1) ? b : a),
      new Float32Array(0),
    );
}

// The gallery card's picture of the logistic lab, drawn in closed form (no training).
import { createAxes } from '../plots/axes.js';
import { drawEllipse } from '../plots/ellipse.js';
import { drawMarker } from '../plots/scatter.js';
import { drawSeries } from '../plots/lines.js';
import { roleColors } from '../plots/colormaps.js';
import {
  columns,
  densityOpacity,
  dots,
  fillField,
  labelPanel,
  normalFrom,
  sketchRandom,
} from '../sketch.js';

/** Predictive maps get softer along the decision line for Laplace and VI; weight space shows the exact posterior (shaded) and the Gaussian approximations. */
export function drawPreview(g, box, theme) {
  const [left, right] = columns(box, 2);
  const mapAxes = createAxes({ x: [-4.5, 4.5], y: [-4.5, 4.5], box: left, equal: true });
  fillField(
    g,
    mapAxes,
    (x, y) => 1 / (1 + Math.exp((-1.2 * (x + y)) / (1 + 0.08 * (x - y) ** 2))),
    'diverging',
  );
  const normal = normalFrom(sketchRandom(7));
  for (const [cx, color] of [
    [-1.5, roleColors.class0],
    [1.5, roleColors.class1],
  ]) {
    const pts = [];
    for (let i = 0; i < 24; i++) pts.push(cx + 0.8 * normal(), cx + 0.8 * normal());
    dots(g, mapAxes, pts, color, theme);
  }
  drawSeries(g, mapAxes, [-6, 6], [6, -6], { color: theme.fg, width: 1.2, dash: [4, 3] });
  const weights = createAxes({ x: [0.2, 3.2], y: [0.2, 3.2], box: right, equal: true });
  fillField(
    g,
    weights,
    (x, y) =>
      Math.exp(
        -((x - 1.5) ** 2 / 0.3 + (y - 1.6) ** 2 / 0.3 - ((x - 1.5) * (y - 1.6)) / 0.25) / 2,
      ) * (x + y > 1.2 ? 1 : 0.4),
    'viridis',
    4,
    densityOpacity,
  );
  drawEllipse(g, weights, [1.65, 1.7], [0.25, 0.2, 0.2, 0.25], 1.5, {
    color: roleColors.laplace,
    width: 2,
  });
  drawEllipse(g, weights, [1.55, 1.6], [0.12, 0, 0, 0.12], 1.5, {
    color: roleColors.vi,
    width: 2,
  });
  drawMarker(g, weights.px(1.75), weights.py(1.8), 'cross', 9, {
    stroke: roleColors.map,
    lineWidth: 2.5,
  });
  labelPanel(g, right, 'weights', theme);
}

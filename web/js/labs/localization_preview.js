// The gallery card's picture of the localization lab, drawn in closed form (no training).
import { createAxes } from '../plots/axes.js';
import { drawEllipse } from '../plots/ellipse.js';
import { drawMarker } from '../plots/scatter.js';
import { okabeIto, roleColors } from '../plots/colormaps.js';
import { densityOpacity, fillField } from '../sketch.js';

/** The sensors, the exact posterior as a density, and the ellipses of q and its iterate average. */
export function drawPreview(g, box, theme) {
  const axes = createAxes({ x: [-2.6, 4.6], y: [-0.4, 4.2], box, equal: true });
  const sensors = [
    [0.5, 1],
    [3.5, 1],
    [2, 3],
  ];
  const target = [-1, 2];
  const density = (x, y) =>
    Math.exp(
      -((x + 0.95) ** 2 / 0.09 + (y - 1.95) ** 2 / 0.3 - ((x + 0.95) * (y - 1.95)) / 0.12) / 2,
    );
  fillField(g, axes, density, 'viridis', 4, densityOpacity);
  g.lineWidth = 1;
  for (const [sx, sy] of sensors) {
    g.strokeStyle = okabeIto.skyBlue;
    g.beginPath();
    g.arc(
      axes.px(sx),
      axes.py(sy),
      Math.hypot(sx - target[0], sy - target[1]) / axes.unitsPerPixel,
      0,
      2 * Math.PI,
    );
    g.stroke();
    drawMarker(g, axes.px(sx), axes.py(sy), 'triangle', 12, { fill: theme.fg });
  }
  drawEllipse(g, axes, [-0.95, 1.95], [0.09, 0.04, 0.04, 0.3], 1.5, {
    color: theme.fg,
    dash: [4, 3],
    width: 1.5,
  });
  drawEllipse(g, axes, [-0.85, 1.9], [0.05, 0, 0, 0.16], 1.5, {
    color: roleColors.current,
    width: 2,
  });
  drawEllipse(g, axes, [-0.95, 1.97], [0.05, 0, 0, 0.17], 1.5, {
    color: roleColors.averaged,
    width: 2,
  });
  drawMarker(g, axes.px(target[0]), axes.py(target[1]), 'star', 12, {
    fill: okabeIto.orange,
    stroke: theme.fg,
    lineWidth: 1,
  });
}

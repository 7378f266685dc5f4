// The gallery card's picture of the regression lab, drawn in closed form (no training).
import { createAxes } from '../plots/axes.js';
import { drawPoints } from '../plots/scatter.js';
import { drawSeries } from '../plots/lines.js';
import { roleColors } from '../plots/colormaps.js';
import { normalFrom, range, sketchRandom } from '../sketch.js';

/** A sine with its data, the mle and vi curves and the bnn band widening away from the data. */
export function drawPreview(g, box, theme) {
  const axes = createAxes({ x: [-4, 4], y: [-2.2, 2.2], box });
  const xs = range(80, -4, 4);
  const f = (x) => Math.sin(x);
  const width = (x) => 0.15 + 0.1 * Math.max(0, Math.abs(x) - 1.5) ** 2;
  g.fillStyle = `${roleColors.bnn}33`;
  g.beginPath();
  xs.forEach((x, i) =>
    i
      ? g.lineTo(axes.px(x), axes.py(f(x) + width(x)))
      : g.moveTo(axes.px(x), axes.py(f(x) + width(x))),
  );
  [...xs].reverse().forEach((x) => g.lineTo(axes.px(x), axes.py(f(x) - width(x))));
  g.fill();
  const uniform = sketchRandom(4);
  const normal = normalFrom(uniform);
  const data = [];
  for (let i = 0; i < 70; i++) {
    const x = (uniform() - 0.5) * 3.4;
    data.push(x, f(x) + 0.12 * normal());
  }
  drawPoints(g, axes, data, { color: theme.fg, radius: 1.6, alpha: 0.7 });
  const clampSlope = (x, slope) =>
    Math.abs(x) < 1.7 ? f(x) : f(Math.sign(x) * 1.7) + slope * (x - Math.sign(x) * 1.7);
  drawSeries(
    g,
    axes,
    xs,
    xs.map((x) => clampSlope(x, -0.15)),
    { color: roleColors.vi, width: 1.8 },
  );
  drawSeries(
    g,
    axes,
    xs,
    xs.map((x) => clampSlope(x, 0.6)),
    { color: roleColors.mle, width: 1.8, dash: [5, 3] },
  );
  drawSeries(g, axes, xs, xs.map(f), { color: roleColors.bnn, width: 2 });
}

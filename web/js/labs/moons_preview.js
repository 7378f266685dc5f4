// The gallery card's picture of the moons lab, drawn in closed form (no training).
import { createAxes } from '../plots/axes.js';
import { roleColors } from '../plots/colormaps.js';
import {
  columns,
  dots,
  fillField,
  labelPanel,
  normalFrom,
  range,
  sketchRandom,
} from '../sketch.js';

function twoMoons(count, seed) {
  const normal = normalFrom(sketchRandom(seed));
  return [0, 1].map((flip) =>
    range(count, 0, Math.PI).flatMap((t) => [
      (flip ? 1 - Math.cos(t) : Math.cos(t)) + 0.08 * normal(),
      (flip ? 0.5 - Math.sin(t) : Math.sin(t)) + 0.08 * normal(),
    ]),
  );
}

/** The Bayesian network grows unsure away from the moons; dropout stays confident. */
export function drawPreview(g, box, theme) {
  const panels = columns(box, 2);
  const [red, blue] = twoMoons(26, 11);
  const points = [...red, ...blue];
  const distance = (x, y) => {
    let best = Infinity;
    for (let i = 0; i < points.length; i += 2)
      best = Math.min(best, Math.hypot(x - points[i], y - points[i + 1]));
    return best;
  };
  // p(class 1): the upper moon (class 0) lies above the curve y = 0.25 + 0.5 cos(πx).
  const boundary = (x, y) => 1 / (1 + Math.exp(3 * (y - 0.25 - 0.5 * Math.cos(Math.PI * x))));
  const fields = [
    (x, y) => 0.5 + (boundary(x, y) - 0.5) * Math.exp(-2 * Math.max(0, distance(x, y) - 0.25) ** 2),
    (x, y) => 1 / (1 + Math.exp(-9 * (boundary(x, y) - 0.5))),
  ];
  panels.forEach((panel, i) => {
    const axes = createAxes({ x: [-1.35, 2.35], y: [-0.9, 1.4], box: panel, equal: true });
    fillField(g, axes, fields[i], 'diverging');
    dots(g, axes, red, roleColors.class0, theme);
    dots(g, axes, blue, roleColors.class1, theme);
    labelPanel(g, panel, i === 0 ? 'BNN' : 'MC dropout', theme);
  });
}

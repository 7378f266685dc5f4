// The gallery card's picture of the VAE lab, drawn in closed form (no training).
import { createAxes } from '../plots/axes.js';
import { drawPoints } from '../plots/scatter.js';
import { drawSeries } from '../plots/lines.js';
import { colorAt, roleColors } from '../plots/colormaps.js';
import { normalFrom, range, sketchRandom } from '../sketch.js';

/**
 * Samples from the decoder coloured by z, over grey data, and the place where the encoder cuts
 * the circle.
 */
export function drawPreview(g, box, theme) {
  const axes = createAxes({ x: [-1.7, 1.7], y: [-1.35, 1.35], box, equal: true });
  const uniform = sketchRandom(5);
  const normal = normalFrom(uniform);
  const data = [];
  for (let i = 0; i < 160; i++) {
    const t = 2 * Math.PI * uniform();
    data.push(Math.cos(t) + 0.1 * normal(), Math.sin(t) + 0.1 * normal());
  }
  drawPoints(g, axes, data, { color: theme.muted, radius: 1.6, alpha: 0.5 });
  for (const z of range(140, -2.6, 2.6)) {
    const angle = Math.PI - 1.15 * z;
    const [r, gr, b] = colorAt('viridis', (z + 2.6) / 5.2);
    g.fillStyle = `rgb(${r}, ${gr}, ${b})`;
    g.beginPath();
    g.arc(axes.px(Math.cos(angle)), axes.py(Math.sin(angle)), 2.2, 0, 2 * Math.PI);
    g.fill();
  }
  drawSeries(g, axes, [0.75, 1.45], [0, 0], { color: roleColors.vi, width: 2, dash: [4, 3] });
}

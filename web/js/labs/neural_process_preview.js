// The gallery card's picture of the neural process lab, drawn in closed form (no training).
import { createAxes } from '../plots/axes.js';
import { drawMarker } from '../plots/scatter.js';
import { drawSeries } from '../plots/lines.js';
import { okabeIto } from '../plots/colormaps.js';
import { range, sketchRandom } from '../sketch.js';

/** Function samples through five points of a sine, fanning out away from them. */
export function drawPreview(g, box, theme) {
  const axes = createAxes({ x: [-4, 4], y: [-2.2, 2.2], box });
  const xs = range(60, -4, 4);
  const uniform = sketchRandom(3);
  for (let k = 0; k < 14; k++) {
    const a = (uniform() - 0.5) * 1.2;
    const b = (uniform() - 0.5) * 0.8;
    drawSeries(
      g,
      axes,
      xs,
      xs.map(
        (x) =>
          Math.sin(x) * (1 + 0.1 * a) + (a * Math.max(0, -x - 2) + b * Math.max(0, x - 2)) * 0.6,
      ),
      { color: okabeIto.blue, width: 1, alpha: 0.35 },
    );
  }
  for (const x of [-2, -1, 0, 1, 2])
    drawMarker(g, axes.px(x), axes.py(Math.sin(x)), 'circle', 7, { fill: theme.fg });
}

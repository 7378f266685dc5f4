// Heatmaps: the grid is written at its own (low) resolution into a small canvas and
// scaled up with smoothing, rather than painted cell by cell.
import { lut } from './colormaps.js';

/**
 * Returns a drawer owning its small canvas. grid: {values, nx, ny, x0, x1, y0, y1} with
 * values[row * nx + col], row 0 at y0 (the bottom) and nodes at the grid's edges.
 * options: colormap, vmin, vmax, and opacity(t) -> alpha in [0, 1] for normalised t.
 */
export function createHeatmap() {
  const image = document.createElement('canvas');
  const context = image.getContext('2d');
  return {
    draw(g, axes, grid, { colormap = 'viridis', vmin = 0, vmax = 1, opacity = () => 1 } = {}) {
      const { values, nx, ny, x0, x1, y0, y1 } = grid;
      if (image.width !== nx || image.height !== ny) {
        image.width = nx;
        image.height = ny;
      }
      const pixels = context.createImageData(nx, ny);
      const colors = lut(colormap);
      const span = vmax - vmin || 1;
      for (let row = 0; row < ny; row++) {
        const target = (ny - 1 - row) * nx; // images run top-down, the grid bottom-up
        for (let col = 0; col < nx; col++) {
          const t = (values[row * nx + col] - vmin) / span;
          const u = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
          const c = Math.round(u * 255) * 3;
          const o = 4 * (target + col);
          pixels.data[o] = colors[c];
          pixels.data[o + 1] = colors[c + 1];
          pixels.data[o + 2] = colors[c + 2];
          pixels.data[o + 3] = Math.round(255 * opacity(u));
        }
      }
      context.putImageData(pixels, 0, 0);
      // Node-centred samples: each pixel covers half a cell beyond the outer nodes.
      const hx = nx > 1 ? (x1 - x0) / (nx - 1) / 2 : 0;
      const hy = ny > 1 ? (y1 - y0) / (ny - 1) / 2 : 0;
      const left = axes.px(x0 - hx);
      const top = axes.py(y1 + hy);
      g.save();
      g.imageSmoothingEnabled = true;
      g.imageSmoothingQuality = 'high';
      g.drawImage(image, left, top, axes.px(x1 + hx) - left, axes.py(y0 - hy) - top);
      g.restore();
    },
  };
}

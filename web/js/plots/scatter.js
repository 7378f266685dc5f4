// Points and markers.
import { axesKey } from './layer_cache.js';

/** A marker centred at pixel (x, y): circle, triangle, star, cross, diamond or square. */
export function drawMarker(
  g,
  x,
  y,
  shape,
  size,
  { fill = null, stroke = null, lineWidth = 1.5 } = {},
) {
  g.beginPath();
  const r = size / 2;
  switch (shape) {
    case 'triangle':
      g.moveTo(x, y - r * 1.15);
      g.lineTo(x + r, y + r * 0.75);
      g.lineTo(x - r, y + r * 0.75);
      g.closePath();
      break;
    case 'star':
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        const rr = i % 2 === 0 ? r * 1.2 : r * 0.5;
        if (i === 0) g.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        else g.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      g.closePath();
      break;
    case 'cross':
      g.moveTo(x - r, y - r);
      g.lineTo(x + r, y + r);
      g.moveTo(x + r, y - r);
      g.lineTo(x - r, y + r);
      break;
    case 'diamond':
      g.moveTo(x, y - r);
      g.lineTo(x + r, y);
      g.lineTo(x, y + r);
      g.lineTo(x - r, y);
      g.closePath();
      break;
    case 'square':
      g.rect(x - r, y - r, size, size);
      break;
    default:
      g.arc(x, y, r, 0, 2 * Math.PI);
  }
  if (fill && shape !== 'cross') {
    g.fillStyle = fill;
    g.fill();
  }
  if (stroke || shape === 'cross') {
    g.strokeStyle = stroke ?? fill;
    g.lineWidth = lineWidth;
    g.stroke();
  }
}

/**
 * Interleaved points [x0, y0, x1, y1, ...] as small filled dots. cache: a layer cache
 * (layer_cache.js) that keeps them rasterized between paints, for points that stay put.
 */
export function drawPoints(g, axes, xy, { color, radius = 2, alpha = 1, cache = null } = {}) {
  const paint = (c) => {
    c.save();
    c.globalAlpha = alpha;
    c.fillStyle = color;
    c.beginPath();
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const x = axes.px(xy[i]);
      const y = axes.py(xy[i + 1]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      c.moveTo(x + radius, y);
      c.arc(x, y, radius, 0, 2 * Math.PI);
    }
    c.fill();
    c.restore();
  };
  if (!cache) return paint(g);
  cache.draw(g, { key: `${axesKey(axes)} ${color} ${radius} ${alpha}`, data: [xy] }, paint);
}

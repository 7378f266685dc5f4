// What the gallery's preview pictures are drawn with: a seeded sketch generator, fields in a
// colour map, side-by-side panels, and the canvas set-up. Each lab's picture is its own
// labs/<name>_preview.js, in the labs' own colours.
import { drawMarker } from './plots/scatter.js';
import { colorAt } from './plots/colormaps.js';

/** A small seeded generator of uniforms in [0, 1), so a sketch looks the same every time. */
export function sketchRandom(seed) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Standard normal draws (Box–Muller) from a uniform generator. */
export function normalFrom(uniform) {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export const range = (n, a, b) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** A field of values in [0, 1] in colour map `map`; `opacity(value)` fades low values out. */
export function fillField(g, axes, field, map, step = 5, opacity = null) {
  const { left, top, width, height } = axes.box;
  for (let py = top; py < top + height; py += step) {
    for (let px = left; px < left + width; px += step) {
      const value = field(axes.invX(px + step / 2), axes.invY(py + step / 2));
      const [r, gr, b] = colorAt(map, value);
      g.globalAlpha = opacity ? opacity(value) : 1;
      g.fillStyle = `rgb(${r}, ${gr}, ${b})`;
      g.fillRect(px, py, Math.min(step, left + width - px), Math.min(step, top + height - py));
    }
  }
  g.globalAlpha = 1;
}

export const densityOpacity = (u) => Math.min(1, 1.6 * Math.sqrt(u));

/** The box split into n side-by-side panels with a gap between them. */
export function columns(box, n, gap = 4) {
  const width = (box.width - gap * (n - 1)) / n;
  return range(n, 0, n - 1).map((i) => ({
    left: box.left + i * (width + gap),
    top: box.top,
    width,
    height: box.height,
  }));
}

/** A small caption in the panel's top left corner, on a translucent background. */
export function labelPanel(g, box, text, theme) {
  g.font = theme.smallFont;
  g.textAlign = 'left';
  g.fillStyle = theme.bg;
  g.globalAlpha = 0.8;
  g.fillRect(box.left + 4, box.top + 4, g.measureText(text).width + 8, 16);
  g.globalAlpha = 1;
  g.fillStyle = theme.fg;
  g.fillText(text, box.left + 8, box.top + 16);
}

/** Class dots with a thin outline, so they stand out on a probability map of their colour. */
export function dots(g, axes, xy, color, theme) {
  for (let i = 0; i + 1 < xy.length; i += 2) {
    drawMarker(g, axes.px(xy[i]), axes.py(xy[i + 1]), 'circle', 4.5, {
      fill: color,
      stroke: theme.bg,
      lineWidth: 0.8,
    });
  }
}

/** Draws a preview on a canvas of CSS size width × height: `draw(g, box, theme)` paints it. */
export function drawPreview(canvas, draw, theme, width, height) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.fillStyle = theme.bg;
  g.fillRect(0, 0, width, height);
  const box = { left: 0, top: 0, width, height };
  g.save();
  g.beginPath();
  g.rect(0, 0, width, height);
  g.clip();
  draw(g, box, theme);
  g.restore();
}

// Static preview pictures for the gallery cards, drawn from closed-form sketches of what
// each lab shows (no training needed), in the labs' own colours.
import { createAxes } from './plots/axes.js';
import { drawEllipse } from './plots/ellipse.js';
import { drawMarker, drawPoints } from './plots/scatter.js';
import { drawSeries } from './plots/lines.js';
import { colorAt, okabeIto, roleColors } from './plots/colormaps.js';

function sketchRandom(seed) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function normalFrom(uniform) {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function fillField(g, axes, field, map) {
  const step = 6;
  for (let py = axes.box.top; py < axes.box.top + axes.box.height; py += step) {
    for (let px = axes.box.left; px < axes.box.left + axes.box.width; px += step) {
      const [r, gr, b] = colorAt(map, field(axes.invX(px + step / 2), axes.invY(py + step / 2)));
      g.fillStyle = `rgb(${r}, ${gr}, ${b})`;
      g.fillRect(px, py, step, step);
    }
  }
}

const sketches = {
  localization(g, axes, theme) {
    const sensors = [[0.5, 1], [3.5, 1], [2, 3]];
    const target = [-1, 2];
    g.lineWidth = 1;
    for (const [sx, sy] of sensors) {
      const r = Math.hypot(sx - target[0], sy - target[1]);
      g.strokeStyle = okabeIto.skyBlue;
      g.beginPath();
      g.arc(axes.px(sx), axes.py(sy), r / axes.unitsPerPixel, 0, 2 * Math.PI);
      g.stroke();
      drawMarker(g, axes.px(sx), axes.py(sy), 'triangle', 12, { fill: theme.fg });
    }
    drawEllipse(g, axes, [-0.95, 1.95], [0.05, 0.04, 0.04, 0.12], 2, { color: theme.fg, dash: [4, 3], width: 1.5 });
    drawEllipse(g, axes, [-0.9, 1.9], [0.02, 0, 0, 0.05], 2, { color: roleColors.current, width: 2 });
    drawMarker(g, axes.px(target[0]), axes.py(target[1]), 'star', 12, { fill: okabeIto.orange, stroke: theme.fg, lineWidth: 1 });
  },
  regression(g, axes, theme) {
    const xs = Array.from({ length: 80 }, (_, i) => -4 + (8 * i) / 79);
    const f = (x) => Math.sin(x);
    g.fillStyle = `${roleColors.bnn}33`;
    g.beginPath();
    xs.forEach((x, i) => { const w = 0.15 + 0.12 * x * x; (i ? g.lineTo : g.moveTo).call(g, axes.px(x), axes.py(f(x) + w)); });
    [...xs].reverse().forEach((x) => g.lineTo(axes.px(x), axes.py(f(x) - 0.15 - 0.12 * x * x)));
    g.fill();
    const normal = normalFrom(sketchRandom(4));
    const data = [];
    for (let i = 0; i < 60; i++) { const x = normal() * 0.9; data.push(x, f(x) + 0.1 * normal()); }
    drawPoints(g, axes, data, { color: theme.fg, radius: 1.6, alpha: 0.7 });
    drawSeries(g, axes, xs, xs.map(f), { color: roleColors.bnn, width: 2 });
    drawSeries(g, axes, xs, xs.map((x) => (Math.abs(x) < 2 ? f(x) : f(Math.sign(x) * 2) + 0.6 * (x - Math.sign(x) * 2))), { color: roleColors.mle, width: 2, dash: [5, 3] });
  },
  logistic(g, axes, theme) {
    fillField(g, axes, (x, y) => 1 / (1 + Math.exp(-1.6 * (x + y))), 'diverging');
    const normal = normalFrom(sketchRandom(7));
    for (const [cx, color] of [[-2, roleColors.class0], [2, roleColors.class1]]) {
      const pts = [];
      for (let i = 0; i < 40; i++) pts.push(cx + 0.8 * normal(), cx + 0.8 * normal());
      drawPoints(g, axes, pts, { color, radius: 2.2 });
    }
    drawSeries(g, axes, [-6, 6], [6, -6], { color: theme.fg, width: 1.5, dash: [4, 3] });
  },
  moons(g, axes) {
    const field = (x, y) => {
      const d = Math.min(Math.hypot(x - 0, y - 0.25), Math.hypot(x - 1, y - 0.25)) - 1;
      return Math.min(1, Math.max(0, 0.25 + 0.35 * Math.abs(d) + 0.05 * Math.hypot(x - 0.5, y) ** 2));
    };
    fillField(g, axes, field, 'viridis');
    const normal = normalFrom(sketchRandom(11));
    for (const [flip, color] of [[0, roleColors.class0], [1, roleColors.class1]]) {
      const pts = [];
      for (let i = 0; i < 50; i++) {
        const t = Math.PI * (i / 49);
        const x = flip ? 1 - Math.cos(t) : Math.cos(t);
        const y = flip ? 0.5 - Math.sin(t) : Math.sin(t);
        pts.push(x + 0.05 * normal(), y + 0.05 * normal());
      }
      drawPoints(g, axes, pts, { color, radius: 2.2 });
    }
  },
  vae(g, axes) {
    const normal = normalFrom(sketchRandom(5));
    for (let i = 0; i < 260; i++) {
      const z = normal();
      const [r, gr, b] = colorAt('viridis', (z + 2.5) / 5);
      g.fillStyle = `rgb(${r}, ${gr}, ${b})`;
      g.beginPath();
      g.arc(axes.px(Math.cos(z) + 0.1 * normal()), axes.py(Math.sin(z) + 0.1 * normal()), 2, 0, 2 * Math.PI);
      g.fill();
    }
  },
  neural_process(g, axes, theme) {
    const xs = Array.from({ length: 60 }, (_, i) => -4 + (8 * i) / 59);
    const uniform = sketchRandom(3);
    for (let k = 0; k < 14; k++) {
      const a = (uniform() - 0.5) * 1.2;
      const b = (uniform() - 0.5) * 0.8;
      drawSeries(g, axes, xs, xs.map((x) => Math.sin(x) * (1 + 0.1 * a) + (a * Math.max(0, -x - 2) + b * Math.max(0, x - 2)) * 0.6), { color: okabeIto.blue, width: 1, alpha: 0.35 });
    }
    const data = [-2, -1, 0, 1, 2].flatMap((x) => [x, Math.sin(x)]);
    for (let i = 0; i < data.length; i += 2) drawMarker(g, axes.px(data[i]), axes.py(data[i + 1]), 'circle', 7, { fill: theme.fg });
  },
};

const extents = {
  localization: { x: [-2.2, 4.5], y: [-0.2, 4.2], equal: true },
  regression: { x: [-4, 4], y: [-2.2, 2.2] },
  logistic: { x: [-4.5, 4.5], y: [-4.5, 4.5], equal: true },
  moons: { x: [-1.6, 2.6], y: [-1.2, 1.7], equal: true },
  vae: { x: [-1.9, 1.9], y: [-1.35, 1.35], equal: true },
  neural_process: { x: [-4, 4], y: [-2.2, 2.2] },
};

/** Draws lab `name`'s preview on a canvas of CSS size width × height. */
export function drawPreview(canvas, name, theme, width, height) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.fillStyle = theme.bg;
  g.fillRect(0, 0, width, height);
  const extent = extents[name];
  if (!extent) return;
  const axes = createAxes({ ...extent, box: { left: 0, top: 0, width, height } });
  g.save();
  sketches[name](g, axes, theme);
  g.restore();
}

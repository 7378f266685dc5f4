// Static preview pictures for the gallery cards: closed-form sketches of each lab's main
// picture (no training needed), in the labs' own colours. A lab without a sketch of its own
// (one the engine registers before the gallery knows it) gets a generic training curve.
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

const range = (n, a, b) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** A field of values in [0, 1] in colour map `map`; `opacity(value)` fades low values out. */
function fillField(g, axes, field, map, step = 5, opacity = null) {
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

const densityOpacity = (u) => Math.min(1, 1.6 * Math.sqrt(u));

/** The box split into n side-by-side panels with a gap between them. */
function columns(box, n, gap = 4) {
  const width = (box.width - gap * (n - 1)) / n;
  return range(n, 0, n - 1).map((i) => ({
    left: box.left + i * (width + gap),
    top: box.top,
    width,
    height: box.height,
  }));
}

function label(g, box, text, theme) {
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
function dots(g, axes, xy, color, theme) {
  for (let i = 0; i + 1 < xy.length; i += 2) {
    drawMarker(g, axes.px(xy[i]), axes.py(xy[i + 1]), 'circle', 4.5, {
      fill: color,
      stroke: theme.bg,
      lineWidth: 0.8,
    });
  }
}

function twoMoons(count, seed) {
  const normal = normalFrom(sketchRandom(seed));
  return [0, 1].map((flip) =>
    range(count, 0, Math.PI).flatMap((t) => [
      (flip ? 1 - Math.cos(t) : Math.cos(t)) + 0.08 * normal(),
      (flip ? 0.5 - Math.sin(t) : Math.sin(t)) + 0.08 * normal(),
    ]),
  );
}

const sketches = {
  localization(g, box, theme) {
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
  },
  regression(g, box, theme) {
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
  },
  // Predictive maps get softer along the decision line for Laplace and VI; weight space shows
  // the exact posterior (shaded) and the Gaussian approximations.
  logistic(g, box, theme) {
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
    label(g, right, 'weights', theme);
  },
  // The Bayesian network grows unsure away from the moons; dropout stays confident.
  moons(g, box, theme) {
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
      (x, y) =>
        0.5 + (boundary(x, y) - 0.5) * Math.exp(-2 * Math.max(0, distance(x, y) - 0.25) ** 2),
      (x, y) => 1 / (1 + Math.exp(-9 * (boundary(x, y) - 0.5))),
    ];
    panels.forEach((panel, i) => {
      const axes = createAxes({ x: [-1.35, 2.35], y: [-0.9, 1.4], box: panel, equal: true });
      fillField(g, axes, fields[i], 'diverging');
      dots(g, axes, red, roleColors.class0, theme);
      dots(g, axes, blue, roleColors.class1, theme);
      label(g, panel, i === 0 ? 'BNN' : 'MC dropout', theme);
    });
  },
  // Samples from the decoder coloured by z, over grey data, and the place where the encoder
  // cuts the circle.
  vae(g, box, theme) {
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
  },
  neural_process(g, box, theme) {
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
  },
};

// A noisy loss falling to a plateau, with its moving average.
function genericSketch(g, box, theme) {
  const axes = createAxes({
    x: [0, 1],
    y: [0, 1.1],
    box: { left: box.left + 16, top: box.top + 14, width: box.width - 32, height: box.height - 28 },
  });
  const xs = range(120, 0, 1);
  const normal = normalFrom(sketchRandom(17));
  const trend = xs.map((x) => 0.15 + 0.8 * Math.exp(-5 * x));
  drawSeries(
    g,
    axes,
    xs,
    trend.map((y) => y + 0.05 * normal()),
    { color: theme.fg, width: 1, alpha: 0.3 },
  );
  drawSeries(g, axes, xs, trend, { color: theme.fg, width: 2 });
}

/** Whether lab `name` has a sketch of its own (others get the generic curve). */
export function hasPreview(name) {
  return Object.hasOwn(sketches, name);
}

/** Draws lab `name`'s preview on a canvas of CSS size width × height. */
export function drawPreview(canvas, name, theme, width, height) {
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
  (hasPreview(name) ? sketches[name] : genericSketch)(g, box, theme);
  g.restore();
}

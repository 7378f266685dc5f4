// "Your own data" on a lab's plot: the points of a points field (config `field`), edited with
// the pointer and keyboard (../plots/point_editor.js), drawn as rings, committed as a restart
// change through ctx.setConfig so the last run stays as the faded trace.
import { h } from '../dom.js';
import { enablePointEditing } from '../plots/point_editor.js';
import { formatPoints, parsePoints } from '../points.js';

/**
 * A button in `panel`'s tools choosing the class of the points a click adds (Shift-click adds
 * the other). Returns {classFor(event)}.
 */
export function classToggle(panel, colors) {
  let current = 1;
  const swatch = h('span', { className: 'class-swatch', attrs: { 'aria-hidden': 'true' } });
  const text = h('span');
  const button = h(
    'button',
    {
      className: 'class-toggle',
      attrs: {
        type: 'button',
        'data-testid': 'class-toggle',
        title: 'The class of the points a click adds (Shift-click adds the other class)',
      },
      on: {
        click: () => {
          current = 1 - current;
          show();
        },
      },
    },
    [swatch, text],
  );
  function show() {
    text.textContent = `Click adds class ${current}`;
    swatch.style.background = colors[current];
    button.setAttribute('aria-pressed', String(current === 1));
  }
  show();
  panel.tools.append(button);
  return { classFor: (event) => (event.shiftKey ? 1 - current : current) };
}

/**
 * Makes `panel`'s canvas edit the points of `field`. axes() gives the panel's last drawn axes;
 * newPoint(x, y, event) the point to add (default [x, y]); toPoint(coordinates) the drawn
 * point of a field's point (default itself); fallback() the points an empty field stands for,
 * which a first edit starts from (default none). Returns the editor plus
 * draw(g, axes, colorOf), which draws the points (colorOf(point) -> CSS colour).
 */
export function attachOwnPoints(
  panel,
  ctx,
  { field, axes, newPoint = (x, y) => [x, y], toPoint = (p) => p, fallback = () => [] },
) {
  const spec = ctx.schema[field];
  const live = h('p', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
  panel.figure.append(live);
  const current = () => {
    const parsed = parsePoints(spec, ctx.config()[field] ?? '');
    const points = parsed.ok ? parsed.points.map(toPoint) : [];
    return points.length > 0 ? points : fallback();
  };
  const editor = enablePointEditing(panel.canvas, {
    axes,
    points: current,
    newPoint,
    onChange: (points) => {
      ctx.setConfig({ [field]: formatPoints(spec, points.slice(0, spec.maxPoints)) });
      panel.redraw();
    },
    onPreview: () => panel.redraw(),
    announce: (text) => {
      live.textContent = text;
    },
  });
  return {
    editor,
    draw(g, a, theme, colorOf = () => theme.fg) {
      const shown = editor.shown;
      g.save();
      g.lineWidth = 1.2;
      shown.forEach((p, i) => {
        const x = a.px(p[0]);
        const y = a.py(p[1]);
        g.beginPath();
        g.moveTo(x + 5, y);
        g.arc(x, y, 5, 0, 2 * Math.PI);
        g.fillStyle = colorOf(p);
        g.globalAlpha = 0.5;
        g.fill();
        g.globalAlpha = 1;
        g.strokeStyle = theme.fg;
        g.stroke();
        if (editor.selected === i) {
          g.beginPath();
          g.arc(x, y, 9, 0, 2 * Math.PI);
          g.setLineDash([3, 2]);
          g.stroke();
          g.setLineDash([]);
        }
      });
      g.restore();
    },
  };
}

// Legend keys, as small SVGs in the page and as canvas drawings for exported images.
// An item is {label, color, shape} with shape one of: line, dash, dot, ring, triangle,
// star, swatch, gradient (gradient takes `colors`, a list of CSS colours).
import { drawMarker } from './scatter.js';

const svgNs = 'http://www.w3.org/2000/svg';
const keyWidth = 22;
const keyHeight = 12;

function svgElement(tag, attributes) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function svgKey(item) {
  const svg = svgElement('svg', {
    width: keyWidth,
    height: keyHeight,
    viewBox: `0 0 ${keyWidth} ${keyHeight}`,
    'aria-hidden': 'true',
  });
  const c = item.color;
  const mid = keyHeight / 2;
  switch (item.shape) {
    case 'dash':
      svg.append(
        svgElement('line', {
          x1: 1,
          y1: mid,
          x2: 21,
          y2: mid,
          stroke: c,
          'stroke-width': 2,
          'stroke-dasharray': '5 3',
        }),
      );
      break;
    case 'dot':
      svg.append(svgElement('circle', { cx: 11, cy: mid, r: 3, fill: c }));
      break;
    case 'ring':
      svg.append(
        svgElement('circle', {
          cx: 11,
          cy: mid,
          r: 4.5,
          fill: 'none',
          stroke: c,
          'stroke-width': 1.5,
        }),
      );
      break;
    case 'triangle':
      svg.append(svgElement('path', { d: 'M11 1 L17 11 L5 11 Z', fill: c }));
      break;
    case 'star':
      svg.append(
        svgElement('path', {
          d: 'M11 0.5 L13 4.5 L17.5 5 L14 8 L15 12 L11 10 L7 12 L8 8 L4.5 5 L9 4.5 Z',
          fill: c,
        }),
      );
      break;
    case 'swatch':
      svg.append(svgElement('rect', { x: 3, y: 1, width: 16, height: 10, rx: 2, fill: c }));
      break;
    case 'gradient': {
      const id = `g${Math.random().toString(36).slice(2, 9)}`;
      const gradient = svgElement('linearGradient', { id });
      item.colors.forEach((color, i) =>
        gradient.append(
          svgElement('stop', {
            offset: `${(100 * i) / (item.colors.length - 1)}%`,
            'stop-color': color,
          }),
        ),
      );
      svg.append(
        gradient,
        svgElement('rect', { x: 1, y: 1, width: 20, height: 10, rx: 2, fill: `url(#${id})` }),
      );
      break;
    }
    default:
      svg.append(
        svgElement('line', { x1: 1, y1: mid, x2: 21, y2: mid, stroke: c, 'stroke-width': 2.5 }),
      );
  }
  return svg;
}

/** Fills `list` (a <ul>) with the legend's items. */
export function renderLegend(list, items) {
  list.replaceChildren(
    ...items.map((item) => {
      const entry = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = item.label;
      entry.append(svgKey(item), label);
      return entry;
    }),
  );
}

/** Draws one legend key at (x, y) (top-left) on a canvas context. */
export function drawKey(g, item, x, y) {
  const mid = y + keyHeight / 2;
  g.save();
  g.strokeStyle = item.color;
  g.fillStyle = item.color;
  switch (item.shape) {
    case 'dash':
    case 'line':
      g.lineWidth = item.shape === 'line' ? 2.5 : 2;
      g.setLineDash(item.shape === 'dash' ? [5, 3] : []);
      g.beginPath();
      g.moveTo(x + 1, mid);
      g.lineTo(x + 21, mid);
      g.stroke();
      break;
    case 'gradient': {
      const gradient = g.createLinearGradient(x + 1, 0, x + 21, 0);
      item.colors.forEach((color, i) => gradient.addColorStop(i / (item.colors.length - 1), color));
      g.fillStyle = gradient;
      g.fillRect(x + 1, y + 1, 20, 10);
      break;
    }
    case 'swatch':
      g.fillRect(x + 3, y + 1, 16, 10);
      break;
    case 'ring':
      drawMarker(g, x + 11, mid, 'circle', 9, { stroke: item.color });
      break;
    case 'dot':
      drawMarker(g, x + 11, mid, 'circle', 6, { fill: item.color });
      break;
    default:
      drawMarker(g, x + 11, mid, item.shape, 11, { fill: item.color });
  }
  g.restore();
  return keyWidth;
}

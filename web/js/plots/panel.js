// A plot panel: title, a canvas drawn at the device pixel ratio, an HTML legend and a
// one-line caption. The owner supplies draw(g, size, theme); the panel calls it after
// resizes and theme changes, and at most once per animation frame after redraw().
import { readTheme, onThemeChange } from './theme.js';
import { renderLegend } from './legend.js';
import { recordText } from './textboxes.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/**
 * options: title, caption, label (canvas's accessible name), aspect (width / height, or a
 * function of the width giving it), minHeight, maxHeight() (CSS pixels, may change with the
 * layout), legend items. The canvas's `textBoxes` lists where its last paint put text
 * (see textboxes.js), for the layout tests.
 */
export function createPanel(parent, options) {
  const { title, caption = '', label = title, aspect = 1.5, minHeight = 160 } = options;
  const figure = element('figure', 'panel');
  const head = element('div', 'panel-head');
  const heading = element('h2', 'panel-title', title);
  const tools = element('div', 'panel-tools');
  head.append(heading, tools);
  const holder = element('div', 'panel-canvas');
  const canvas = element('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  holder.append(canvas);
  const legendList = element('ul', 'legend');
  const captionNode = element('figcaption', 'caption', caption);
  figure.append(head, holder, legendList, captionNode);
  parent.append(figure);

  const state = {
    draw: null,
    size: { width: 0, height: 0 },
    theme: null,
    queued: false,
    legend: [],
    context: null,
    description: label,
    status: '',
  };

  // The accessible name: the owner's description, then the run's status. Each writer keeps its
  // own part, so a panel that re-describes itself after the run ends keeps the status, and the
  // page's status updates never restore a stale description.
  function writeLabel() {
    const { description, status } = state;
    const text = status ? `${description.replace(/\.*$/, '')}. ${status}` : description;
    if (canvas.getAttribute('aria-label') !== text) canvas.setAttribute('aria-label', text);
  }
  canvas.textBoxes = [];

  function paint() {
    state.queued = false;
    const { width, height } = state.size;
    if (!state.draw || width === 0 || height === 0) return;
    state.theme ??= readTheme(figure);
    if (!state.context) {
      state.context = canvas.getContext('2d');
      recordText(state.context, canvas.textBoxes);
    }
    const g = state.context;
    canvas.textBoxes.length = 0;
    const dpr = canvas.width / width;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = state.theme.bg;
    g.fillRect(0, 0, width, height);
    state.draw(g, state.size, state.theme);
  }

  // width: the holder's content width, from the ResizeObserver's entry when it calls (reading
  // clientWidth there would force a layout for every panel after the previous one resized).
  function resize(width = holder.clientWidth) {
    width = Math.floor(width);
    const limit = options.maxHeight?.() ?? Infinity;
    const ratio = typeof aspect === 'function' ? aspect(width) : aspect;
    const height = Math.floor(Math.max(minHeight, Math.min(width / ratio, limit)));
    const dpr = window.devicePixelRatio || 1;
    if (
      width === state.size.width &&
      height === state.size.height &&
      canvas.width === Math.round(width * dpr)
    )
      return;
    state.size = { width, height };
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    paint();
  }

  // Observing also sizes the panel: the first callback comes after the page's first layout.
  const observer = new ResizeObserver((entries) => resize(entries.at(-1).contentRect.width));
  observer.observe(holder);
  const stopTheme = onThemeChange(() => {
    state.theme = null;
    paint();
  });

  return {
    figure,
    canvas,
    tools,
    title,
    get size() {
      return state.size;
    },
    get caption() {
      return captionNode.textContent;
    },
    get legend() {
      return state.legend;
    },
    /** Paints at once if the panel has its size, else when the observer gives it. */
    setDraw(draw) {
      state.draw = draw;
      paint();
    },
    redraw() {
      if (state.queued) return;
      state.queued = true;
      requestAnimationFrame(paint);
    },
    /** Re-reads the width and the height limit (maxHeight may follow the window). */
    resize: () => resize(),
    setLegend(items) {
      state.legend = items;
      renderLegend(legendList, items);
    },
    setCaption(text) {
      captionNode.textContent = text;
    },
    /** What the canvas shows now, in words (its owner's part of the text alternative). */
    setLabel(text) {
      state.description = text;
      writeLabel();
    },
    /** Where the run stands, appended to the description (the page's part). */
    setStatus(text) {
      state.status = text;
      writeLabel();
    },
    get label() {
      return canvas.getAttribute('aria-label');
    },
    destroy() {
      observer.disconnect();
      stopTheme();
      figure.remove();
    },
  };
}

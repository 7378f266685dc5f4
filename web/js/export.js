// Exports: a plot panel as a PNG (its canvas with title, legend and caption drawn in),
// the metric history as CSV, and the config with the current metrics as JSON.
import { download } from './dom.js';
import { drawKey } from './plots/legend.js';
import { readTheme } from './plots/theme.js';

// The `history*` arrays of one object as named columns, step first.
function historyColumns(object, prefix) {
  const keys = Object.keys(object).filter(
    (key) => key.startsWith('history') && ArrayBuffer.isView(object[key]),
  );
  keys.sort((a, b) => (a === 'historyStep' ? -1 : b === 'historyStep' ? 1 : 0));
  return keys.map((key) => ({
    name: prefix + key.replace(/^history/, '').replace(/^./, (c) => c.toLowerCase()),
    values: object[key],
  }));
}

/**
 * CSV of every `history*` view array, step first. A lab that trains several methods keeps one
 * history per method (views.vi.historyStep, …): their columns are prefixed with the method
 * ("vi.step", "vi.loss") and side by side, a shorter one padded with empty cells.
 */
export function historyCsv(views) {
  let columns = historyColumns(views, '');
  if (columns.length === 0)
    for (const [key, value] of Object.entries(views))
      if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Array.isArray(value))
        columns = columns.concat(historyColumns(value, `${key}.`));
  const rows = Math.max(0, ...columns.map((c) => c.values.length));
  const lines = [columns.map((c) => c.name).join(',')];
  for (let i = 0; i < rows; i++)
    lines.push(columns.map((c) => (i < c.values.length ? String(c.values[i]) : '')).join(','));
  return `${lines.join('\n')}\n`;
}

function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/**
 * The state needed to reproduce and compare a run, as pretty-printed JSON: the current config,
 * and for a steered run the config it started from and its schedule of changes [{step, set}]
 * (`vilab run <lab> --schedule run.json` replays them).
 */
export function snapshotJson({
  lab,
  config,
  startConfig = config,
  schedule = [],
  metrics,
  url,
  exportedAt = new Date().toISOString(),
}) {
  const run = { lab, config, startConfig, schedule, metrics: plain(metrics), url, exportedAt };
  return `${JSON.stringify(run, null, 2)}\n`;
}

function legendRows(g, items, width, theme) {
  g.font = theme.smallFont;
  const rows = [[]];
  let x = 0;
  for (const item of items) {
    const w = 28 + g.measureText(item.label).width + 14;
    if (x + w > width && rows.at(-1).length) {
      rows.push([]);
      x = 0;
    }
    rows.at(-1).push({ item, x });
    x += w;
  }
  return rows;
}

/** Renders a panel (title, plot, legend, caption) onto a new canvas at the plot's pixel ratio. */
export function panelImage(panel) {
  const theme = readTheme(panel.figure);
  const source = panel.canvas;
  const { width } = panel.size;
  const scale = source.width / width;
  const pad = 12;
  const measure = document.createElement('canvas').getContext('2d');
  const rows = legendRows(measure, panel.legend, width, theme);
  const legendHeight = panel.legend.length ? rows.length * 18 + 6 : 0;
  const height = 28 + panel.size.height + legendHeight + 26;
  const out = document.createElement('canvas');
  out.width = Math.round((width + 2 * pad) * scale);
  out.height = Math.round((height + pad) * scale);
  const g = out.getContext('2d');
  g.scale(scale, scale);
  g.fillStyle = theme.bg;
  g.fillRect(0, 0, width + 2 * pad, height + pad);
  g.fillStyle = theme.fg;
  g.font = `600 ${theme.font}`;
  g.textBaseline = 'top';
  g.fillText(panel.title, pad, pad);
  g.drawImage(source, pad, 28 + pad / 2, width, panel.size.height);
  let y = 28 + pad / 2 + panel.size.height + 6;
  g.font = theme.smallFont;
  for (const row of rows) {
    for (const { item, x } of row) {
      const color = item.color === 'currentColor' ? theme.fg : item.color;
      drawKey(g, { ...item, color }, pad + x, y);
      g.fillStyle = theme.fg;
      g.fillText(item.label, pad + x + 26, y);
    }
    y += 18;
  }
  g.fillStyle = theme.muted;
  g.fillText(panel.caption, pad, y + 6, width);
  return out;
}

export function downloadPanelPng(panel, fileName) {
  panelImage(panel).toBlob((blob) => download(blob, fileName), 'image/png');
}

export function downloadText(text, fileName, type) {
  download(new Blob([text], { type }), fileName);
}

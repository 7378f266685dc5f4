// Calibration panels. Reliability diagrams (the classifiers of logistic and moons): observed
// frequency of class 1 against the mean predicted p(y = 1) in ten equal-width bins, on held-out
// and on far-away points, each method's expected calibration error (ECE) in the legend. Coverage
// (regression): observed coverage of the central intervals against their nominal level.
import { createPanel } from '../plots/panel.js';
import { renderLinePlot } from '../plots/lines.js';
import { drawMarker } from '../plots/scatter.js';

const sets = [
  { key: 'heldOut', metric: 'eceHeldOut', title: 'held out' },
  { key: 'far', metric: 'eceFar', title: 'far away' },
];
const diagonal = { x: [0, 1], y: [0, 1] };
const narrow = 480; // below this width (CSS px) the two diagrams stack

const ece = (value) => (Number.isFinite(value) ? value.toFixed(3) : '–');

/** The non-empty bins of a reliability view as a line: x mean predicted, y observed. */
export function binCurve(bins) {
  const x = [];
  const y = [];
  for (let b = 0; b < (bins?.count.length ?? 0); b++) {
    if (bins.count[b] > 0) {
      x.push(bins.predicted[b]);
      y.push(bins.observed[b]);
    }
  }
  return { x, y };
}

/** Legend and text alternative of the reliability panel from the metrics. */
export function reliabilitySummary(methods, metrics) {
  return methods.map((m) => {
    const values = metrics?.[m.key] ?? {};
    return `${m.title}: ECE ${ece(values.eceHeldOut)} held out, ${ece(values.eceFar)} far`;
  });
}

// Draws the diagonal and each method's binned curve, with a dot per non-empty bin.
function drawCurves(g, size, theme, curves, xLabel, yLabel) {
  const axes = renderLinePlot(g, size, theme, {
    xLabel,
    yLabel,
    series: [
      { ...diagonal, color: theme.muted, dash: [5, 4], width: 1.2 },
      ...curves.map((c) => ({ x: c.x, y: c.y, color: c.color, width: 2 })),
    ],
  });
  if (!axes) return;
  for (const c of curves)
    for (let i = 0; i < c.x.length; i++)
      if (Number.isFinite(c.y[i]))
        drawMarker(g, axes.px(c.x[i]), axes.py(c.y[i]), 'circle', 5, { fill: c.color });
}

/**
 * A wide, optional panel with two reliability diagrams (held out | far away; stacked on narrow
 * screens). methods: [{key, title, color}]; getFrame() gives the latest {views, metrics} or
 * null. views[key].reliability.{heldOut, far} hold {count, predicted, observed} per bin.
 */
export function createReliabilityPanel(container, { methods, caption, getFrame }) {
  const panel = createPanel(container, {
    title: 'Calibration: predicted probability vs observed frequency',
    caption,
    label: 'Reliability diagrams on held-out and far-away points, one curve per method',
    aspect: (width) => (width < narrow ? 0.75 : 2.2),
    minHeight: 200,
  });
  panel.figure.classList.add('optional', 'wide');
  let legendText = '';
  const setLegend = (lines) => {
    const text = lines.join('\n');
    if (text === legendText) return;
    legendText = text;
    panel.setLegend([
      ...methods.map((m, i) => ({ label: lines[i], shape: 'line', color: m.color })),
      { label: 'perfectly calibrated', shape: 'dash', color: 'currentColor' },
    ]);
    panel.setLabel(`Reliability diagrams on held-out and far-away points. ${lines.join('; ')}.`);
  };
  setLegend(reliabilitySummary(methods, null));
  panel.setDraw((g, size, theme) => {
    const frame = getFrame();
    setLegend(reliabilitySummary(methods, frame?.metrics));
    const stacked = size.width < narrow;
    const part = stacked
      ? { width: size.width, height: size.height / 2 }
      : { width: size.width / 2, height: size.height };
    sets.forEach((set, i) => {
      const curves = methods.map((m) => ({
        ...binCurve(frame?.views[m.key]?.reliability?.[set.key]),
        color: m.color,
      }));
      g.save();
      g.translate(stacked ? 0 : i * part.width, stacked ? i * part.height : 0);
      drawCurves(g, part, theme, curves, `predicted p(y = 1), ${set.title}`, 'observed frequency');
      g.restore();
    });
  });
  return panel;
}

/**
 * Regression's coverage panel: observed against nominal coverage of each method's central
 * intervals on the validation set. methods: [{key, title, color}]; getFrame() as above, with
 * views.coverageLevels and views[key].coverage, metrics[key].coverageError.
 */
export function createCoveragePanel(container, { methods, caption, getFrame }) {
  const panel = createPanel(container, {
    title: 'Coverage: nominal vs observed',
    caption,
    label: 'Observed coverage of each method’s central intervals against their nominal level',
    aspect: (width) => (width < narrow ? 1.1 : 2),
    minHeight: 200,
  });
  panel.figure.classList.add('optional', 'wide');
  let legendText = '';
  panel.setDraw((g, size, theme) => {
    const frame = getFrame();
    const lines = methods.map((m) => {
      const gap = frame?.metrics?.[m.key]?.coverageError;
      return `${m.title}: mean gap ${Number.isFinite(gap) ? gap.toFixed(3) : '–'}`;
    });
    if (lines.join('\n') !== legendText) {
      legendText = lines.join('\n');
      panel.setLegend([
        ...methods.map((m, i) => ({ label: lines[i], shape: 'line', color: m.color })),
        { label: 'calibrated', shape: 'dash', color: 'currentColor' },
      ]);
      panel.setLabel(
        `Observed against nominal coverage on the validation set. ${lines.join('; ')}.`,
      );
    }
    const levels = frame?.views.coverageLevels;
    // Coverage is 0 at level 0 and 1 at level 1 for any predictive: the curves start and end there.
    const curve = (values) => ({
      x: [0, ...(levels ?? []), 1],
      y: [0, ...(values ?? []), 1],
    });
    renderLinePlot(g, size, theme, {
      xLabel: 'nominal coverage',
      yLabel: 'observed coverage',
      series: [
        { ...diagonal, color: theme.muted, dash: [5, 4], width: 1.2 },
        ...(levels
          ? methods.map((m) => ({
              ...curve(frame.views[m.key]?.coverage),
              color: m.color,
              width: 2,
            }))
          : []),
      ],
    });
  });
  return panel;
}

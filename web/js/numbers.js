// The numbers column: the live loss curve (with a log-scale toggle) and the lab's metrics,
// each with its unit and a one-line meaning.
import { h, uniqueId } from './dom.js';
import { createPanel } from './plots/panel.js';
import { renderLinePlot, withTrend } from './plots/lines.js';
import { formatMetric, getPath } from './format.js';
import { createMetricTrace } from './series.js';

/** The default loss curve: −ELBO (or the loss) from the engine's history, when the lab has one. */
export function defaultLossCurve(views) {
  if (!views.historyStep) return null;
  if (views.historyElbo) {
    return {
      x: views.historyStep,
      yLabel: 'loss = −ELBO (nats)',
      series: [
        {
          label: '−ELBO',
          y: Float32Array.from(views.historyElbo, (v) => -v),
          color: 'fg',
          trend: true,
        },
      ],
    };
  }
  if (!views.historyLoss) return null;
  return {
    x: views.historyStep,
    yLabel: 'loss',
    series: [{ label: 'loss', y: views.historyLoss, color: 'fg', trend: true }],
  };
}

/**
 * view: the lab's view module (metrics, lossCurve). Returns {update(frame), panel}.
 * panel is the loss plot, included in exports.
 */
export function createNumbers(container, view) {
  // For a lab without a view of its own whose views have no loss history either, the curve
  // is built here from the frames' metrics (bounded, see series.js).
  // marks: live changes of this run [{x: step, label}]; previous: the last run's curve, drawn
  // faded after a restart until the next one.
  const state = { frame: null, log: true, trace: createMetricTrace(), marks: [], previous: null };
  const curveOf = (frame) =>
    view.lossCurve
      ? view.lossCurve(frame.views)
      : (defaultLossCurve(frame.views) ?? state.trace.curve());
  const panel = createPanel(container, {
    title: view.lossTitle ?? 'Loss',
    caption:
      view.lossCaption ??
      'Lower is better; a noisy curve is the price of one-sample gradient estimates.',
    label: 'Loss curve over training steps',
    aspect: 1.45,
    minHeight: 180,
  });
  const toggleId = uniqueId('log-scale');
  const toggle = h('input', {
    attrs: { type: 'checkbox', id: toggleId, checked: true },
    on: {
      change: () => {
        state.log = toggle.checked;
        panel.redraw();
      },
    },
  });
  const toggleText = h('span', { text: 'log scale' });
  panel.tools.append(
    h('label', { className: 'toggle', attrs: { for: toggleId, title: 'Logarithmic y axis' } }, [
      toggle,
      toggleText,
    ]),
  );

  panel.setDraw((g, size, theme) => {
    const curve = state.frame && curveOf(state.frame);
    const colour = (c) => (c === 'fg' ? theme.fg : c);
    const series = curve
      ? curve.series.flatMap((s) =>
          s.trend
            ? withTrend(curve.x, s.y, colour(s.color))
            : [{ x: curve.x, y: s.y, color: colour(s.color), width: 1.25 }],
        )
      : [];
    const previous = (state.previous?.series ?? []).map((s) => ({
      x: state.previous.x,
      y: s.y,
      color: colour(s.color),
      width: 1,
      alpha: 0.25,
      dash: [4, 3],
    }));
    const axes = renderLinePlot(g, size, theme, {
      series: [...previous, ...series],
      vLines: state.marks,
      xLabel: 'step',
      yLabel: curve?.yLabel ?? '',
      yLog: state.log,
    });
    // Once the loss goes below zero a log axis cannot show it: the plot switches to a
    // symmetric log (logarithmic beyond ±c, linear near 0) and the toggle says so.
    const symlog = axes?.yScale === 'symlog';
    toggleText.textContent = symlog ? 'symlog scale' : 'log scale';
    toggleText.parentElement.title = symlog
      ? 'Symmetric log y axis: the loss went below 0, so it is logarithmic beyond ±c and linear near 0'
      : 'Logarithmic y axis';
  });
  const curveLegend = view.lossLegend ?? [
    {
      label: '−ELBO, one-sample estimates (faint) and their moving average',
      color: 'currentColor',
      shape: 'line',
    },
  ];
  panel.setLegend(curveLegend);

  const rows = (view.metrics ?? []).map((metric) => {
    const value = h('td', { className: 'metric-value', text: '—' });
    const row = h('tr', { attrs: { 'data-metric': metric.key } }, [
      h('th', { attrs: { scope: 'row' }, text: metric.label }),
      value,
    ]);
    const meaning = h('tr', { className: 'meaning-row' }, [
      h('td', { text: metric.meaning ?? '', attrs: { colspan: 2 } }),
    ]);
    return { metric, value, rows: [row, meaning] };
  });
  const table = h('table', { className: 'metrics' }, [
    h('caption', { text: 'Metrics' }),
    h(
      'tbody',
      {},
      rows.flatMap((r) => r.rows),
    ),
  ]);
  container.append(
    h('section', { className: 'metrics-card', attrs: { 'aria-label': 'Metrics' } }, [table]),
  );

  return {
    panel,
    /** The marks of this run's live changes, [{x: step, label}], for the labs' own plots. */
    marks: () => state.marks,
    /** Marks the step where a live setting changed, e.g. "lr 0.01 → 0.001". */
    markChange(step, label) {
      state.marks = [...state.marks, { x: step, label }].slice(-12);
      // What the panel marks, for its text alternative and for tests.
      container.dataset.lossMarks = state.marks.map((m) => `${m.x}: ${m.label}`).join('; ');
      panel.redraw();
    },
    /** A new run: the current curve stays as a faded trace until the next restart. */
    restart() {
      const curve = state.frame && curveOf(state.frame);
      state.previous = curve && curve.x.length > 0 ? curve : state.previous;
      state.marks = [];
      state.trace = createMetricTrace();
      container.dataset.lossMarks = '';
      container.dataset.fadedTrace = String(state.previous?.x.length ?? 0);
      panel.redraw();
    },
    update(frame) {
      state.frame = frame;
      if (!view.lossCurve && !defaultLossCurve(frame.views)) state.trace.add(frame);
      panel.redraw();
      for (const { metric, value } of rows) {
        const v = getPath(frame.metrics, metric.key);
        // Before the first step the engine reports NaN for estimates it has not made yet.
        const missing = v === undefined || (typeof v === 'number' && Number.isNaN(v));
        const text = missing ? '—' : formatMetric(v, metric.digits ?? 4);
        value.textContent = metric.unit && !missing ? `${text} ${metric.unit}` : text;
      }
    },
  };
}

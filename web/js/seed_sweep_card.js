// The "Run 8 seeds" card in the numbers column: a button that trains the current settings on
// seeds s … s + 7 in a worker of its own (seed_sweep_worker.js), its progress and a Cancel
// button, then the spread of the loss curves and a table of the final metrics across seeds.
// A lab offers it by declaring `seedSweep: {metrics: [keys]}` in its view (labs/README.md);
// for the others the button is disabled and the card says why.
import { h, uniqueId } from './dom.js';
import { createPanel } from './plots/panel.js';
import { renderLinePlot, movingAverage } from './plots/lines.js';
import { downloadText } from './export.js';
import { formatCount } from './format.js';
import { defaultLossCurve } from './numbers.js';
import { sweepMessage, sweepSeeds, sweepSize } from './seed_sweep.js';
import {
  curveSpread,
  divergedText,
  metricSummary,
  seedCsv,
  spreadFit,
  spreadLogScale,
  summaryText,
} from './seed_stats.js';
import { words } from './seed_sweep_text.js';

const stats = ['mean', 'sd', 'min', 'max'];

const newWorker = () =>
  new Worker(new URL('./seed_sweep_worker.js', import.meta.url), { type: 'module' });

// The settings that decide a run's numbers: view fields (what is drawn) do not.
function trainingSettings(schema, config) {
  return JSON.stringify(
    Object.keys(config)
      .filter((key) => schema[key]?.kind !== 'view')
      .sort()
      .map((key) => [key, config[key]]),
  );
}

function seedRange(seeds) {
  return seeds.length > 1 ? `${seeds[0]}–${seeds.at(-1)}` : String(seeds[0]);
}

/**
 * container: the numbers column. options: view (the lab's view module), lab, schema,
 * config() (the page's current settings). Returns {panel, exports(), onConfigChange(config)};
 * panel is null until a sweep has drawn something.
 */
export function createSeedSweep(container, { view, lab, schema, config }) {
  const offered = Array.isArray(view.seedSweep?.metrics);
  const state = {
    worker: null,
    running: false,
    id: 0,
    seeds: [],
    runs: [],
    settings: null,
    spread: null,
  };
  const titleId = uniqueId('seeds-title');
  const reasonId = uniqueId('seeds-reason');
  const run = h('button', {
    text: `Run ${sweepSize} seeds`,
    attrs: {
      type: 'button',
      'data-testid': 'run-seeds',
      disabled: !offered,
      'aria-describedby': offered ? null : reasonId,
      title: offered
        ? `The current settings on seeds s to s + ${sweepSize - 1}, s being the current seed`
        : null,
    },
    on: { click: () => start() },
  });
  const cancel = h('button', {
    text: words.cancel,
    attrs: {
      type: 'button',
      'data-testid': 'cancel-seeds',
      title: words.cancelTitle,
      hidden: true,
    },
    on: { click: () => stop() },
  });
  const progress = h('progress', {
    attrs: { max: sweepSize, value: 0, hidden: true, 'aria-label': 'Seeds finished' },
  });
  const status = h('p', {
    className: 'seeds-status',
    attrs: { role: 'status', 'data-testid': 'seeds-status' },
  });
  const detail = h('p', { className: 'seeds-detail', attrs: { 'aria-hidden': 'true' } });
  const stale = h('p', { className: 'seeds-note', text: words.stale, attrs: { hidden: true } });
  const card = h('section', { className: 'seeds-card', attrs: { 'aria-labelledby': titleId } }, [
    h('h2', { className: 'seeds-title', text: words.title, attrs: { id: titleId } }),
    offered
      ? h('p', { className: 'seeds-hint', text: words.hint })
      : h('p', { className: 'seeds-hint', attrs: { id: reasonId } }, [
          words.notOffered,
          h('code', { text: `vilab run ${lab} --seed S` }),
        ]),
    h('div', { className: 'seeds-actions' }, [run, cancel]),
    progress,
    status,
    detail,
    stale,
  ]);
  container.append(card);
  if (!offered) return { panel: null, exports: () => [], onConfigChange() {} };

  const keys = view.seedSweep.metrics;
  const specs = keys.map((key) => view.metrics?.find((m) => m.key === key) ?? { key, label: key });
  // The spread's panel is made with the first finished seed: until then the card holds no
  // canvas (the page's tests count the numbers column's plots).
  const spreadHolder = h('div', { className: 'seeds-spread', attrs: { hidden: true } });
  const table = h('table', { className: 'seeds-table', attrs: { hidden: true } });
  const diverged = h('p', { className: 'seeds-diverged', attrs: { hidden: true } });
  card.append(spreadHolder, table, diverged);

  const curveOf = (history) =>
    view.lossCurve ? view.lossCurve(history) : defaultLossCurve(history);

  // Noisy one-sample estimates are drawn as their moving averages, each seed's and the median.
  const smooth = (s, y) =>
    s.trend ? movingAverage(y, Math.max(3, Math.round(y.length / 30) | 1)) : y;

  function drawSpread(g, size, theme) {
    const raw = curveSpread(
      state.runs.map((r) => curveOf(r.history)),
      state.runs.map((r) => r.diverged),
    );
    const shown = raw && {
      ...raw,
      series: raw.series.map((s) => ({
        ...s,
        runs: s.runs.map((r) => ({ ...r, y: smooth(s, r.y) })),
        median: { x: s.median.x, y: smooth(s, s.median.y) },
      })),
    };
    const colour = (c) => (c === 'fg' ? theme.fg : c);
    const lines = (shown?.series ?? []).flatMap((s) => [
      ...s.runs.map((r) => ({
        x: r.x,
        y: r.y,
        color: colour(s.color),
        width: 1,
        alpha: 0.45,
        dash: r.diverged ? [4, 3] : [],
      })),
      { x: s.median.x, y: s.median.y, color: colour(s.color), width: 2.4 },
    ]);
    const fitY = spreadFit(shown);
    renderLinePlot(g, size, theme, {
      series: lines,
      xLabel: 'step',
      yLabel: shown?.yLabel ?? '',
      yLog: spreadLogScale(fitY),
      fitY,
    });
  }

  function spreadPanel() {
    if (state.spread) return state.spread;
    state.spread = createPanel(spreadHolder, {
      title: words.spreadTitle,
      caption: words.spreadCaption,
      label: words.spreadLabel,
      aspect: 1.45,
      minHeight: 180,
    });
    state.spread.figure.dataset.testid = 'seeds-spread';
    spreadHolder.hidden = false;
    state.spread.setDraw(drawSpread);
    return state.spread;
  }

  // The caption tells thin (a seed) from thick (the median); the legend names the series of a
  // lab that trains several methods, and the dashed line once a seed has diverged.
  function legend() {
    const shown = curveSpread(state.runs.map((r) => curveOf(r.history)));
    const items =
      (shown?.series ?? []).length > 1
        ? shown.series.map((s) => ({
            label: s.label,
            shape: 'line',
            color: s.color === 'fg' ? 'currentColor' : s.color,
          }))
        : [];
    if (state.runs.some((r) => r.diverged))
      items.push({ label: words.spreadDiverged, shape: 'dash', color: 'currentColor' });
    spreadPanel().setLegend(items);
  }

  // A metric's label spans the row above its four values, so that the table fits the narrow
  // numbers column (and a phone) without breaking words.
  function drawTable() {
    const finished = state.runs.filter((r) => !r.diverged).length;
    const head = h(
      'tr',
      {},
      stats.map((stat) => h('th', { text: stat, attrs: { scope: 'col' } })),
    );
    const groups = specs.map((spec) => {
      const summary = metricSummary(state.runs, spec.key);
      return h('tbody', { attrs: { 'data-seed-metric': spec.key } }, [
        h('tr', {}, [
          h('th', {
            text: spec.unit ? `${spec.label} (${spec.unit})` : spec.label,
            attrs: { scope: 'rowgroup', colspan: stats.length },
          }),
        ]),
        h(
          'tr',
          {},
          stats.map((stat) =>
            h('td', { className: 'seeds-value', text: summaryText(summary[stat]) }),
          ),
        ),
      ]);
    });
    table.replaceChildren(
      h('caption', {
        text: `Final metrics over ${finished} finished of ${state.runs.length} seeds (${seedRange(state.seeds.slice(0, state.runs.length))})`,
      }),
      h('thead', {}, [head]),
      ...groups,
    );
    table.hidden = false;
    const list = divergedText(state.runs);
    diverged.textContent = list
      ? `Diverged: ${list}. Their last good values are not in the table.`
      : '';
    diverged.hidden = !list;
  }

  // Focus follows the button that replaces the focused one (Run is disabled while the seeds
  // run, Cancel hidden after), so a keyboard user is never dropped to the page's start.
  function setRunning(running) {
    const focused = document.activeElement;
    state.running = running;
    run.disabled = running;
    cancel.hidden = !running;
    progress.hidden = !running;
    if (running && focused === run) cancel.focus();
    if (!running && focused === cancel) run.focus();
  }

  function onMessage({ data }) {
    if (!state.running || data.id !== state.id) return;
    const total = state.seeds.length;
    if (data.type === sweepMessage.progress) {
      const steps = view.totalSteps?.(state.config);
      progress.value = data.index + (steps > 0 ? Math.min(data.step / steps, 0.99) : 0);
      detail.textContent = `step ${formatCount(data.step)}${steps ? ` of ${formatCount(steps)}` : ''}`;
      const text = `Seed ${data.index + 1} of ${total} (seed ${data.seed}) is training.`;
      if (status.textContent !== text) status.textContent = text;
    } else if (data.type === sweepMessage.seed) {
      state.runs.push(data.run);
      progress.value = state.runs.length;
      card.dataset.seedsDone = String(state.runs.length);
      spreadHolder.hidden = false;
      legend();
      spreadPanel().redraw();
      drawTable();
    } else if (data.type === sweepMessage.done) {
      setRunning(false);
      detail.textContent = '';
      status.textContent = `${state.runs.length} of ${total} seeds finished (seeds ${seedRange(state.seeds)}).`;
    } else if (data.type === sweepMessage.error) {
      setRunning(false);
      status.textContent = `${words.failed}${data.message}`;
    }
  }

  function ensureWorker() {
    if (state.worker) return state.worker;
    state.worker = newWorker();
    state.worker.addEventListener('message', onMessage);
    state.worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      state.worker.terminate();
      state.worker = null;
      if (!state.running) return;
      setRunning(false);
      status.textContent = `${words.failed}${event.message || 'the worker stopped'}`;
    });
    return state.worker;
  }

  function start() {
    if (state.running) return;
    const current = config();
    Object.assign(state, {
      id: state.id + 1,
      config: current,
      seeds: sweepSeeds(current.seed, schema.seed.max),
      runs: [],
      settings: trainingSettings(schema, current),
    });
    card.dataset.seedsDone = '0';
    for (const node of [stale, spreadHolder, table, diverged]) node.hidden = true;
    progress.value = 0;
    setRunning(true);
    status.textContent = `Seed 1 of ${state.seeds.length} (seed ${state.seeds[0]}) is training.`;
    detail.textContent = '';
    ensureWorker().postMessage({
      type: sweepMessage.start,
      id: state.id,
      lab,
      config: current,
      seeds: state.seeds,
    });
  }

  function stop() {
    if (!state.running) return;
    state.worker?.postMessage({ type: sweepMessage.cancel });
    setRunning(false);
    detail.textContent = '';
    status.textContent = `Cancelled: ${state.runs.length} of ${state.seeds.length} seeds finished.`;
  }

  return {
    get panel() {
      return state.runs.length > 0 ? state.spread : null;
    },
    /** The Export dialog's entry for the seeds' table, once there is one. */
    exports: () =>
      state.runs.length === 0
        ? []
        : [
            {
              label: 'Final metrics per seed (CSV)',
              run: () =>
                downloadText(seedCsv(state.runs, keys), `vilab-${lab}-seeds.csv`, 'text/csv'),
            },
          ],
    onConfigChange(current) {
      stale.hidden =
        state.runs.length === 0 || trainingSettings(schema, current) === state.settings;
    },
  };
}

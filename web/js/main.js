// Lab page wiring: reads the URL, starts the engine worker, builds the controls, plots and
// numbers for the lab's view module, and routes messages between them. No lab logic here.
import { h } from './dom.js';
import { createEngineClient } from './client.js';
import { createParallelClient, workerCount } from './parallel_client.js';
import { fromWorker } from './protocol.js';
import { queryText, readUrlState, writeUrlState } from './state.js';
import { createNotices } from './notices.js';
import { createControls, createSeedControl } from './controls.js';
import { createTransport, defaultSpeed } from './transport.js';
import { createNumbers } from './numbers.js';
import { createDialogs } from './dialogs.js';
import { exportActions } from './exports.js';
import { loadView } from './labs/index.js';
import { createPace, recordCost, targetFps, measureFrameCost } from './pacing.js';
import { postHeightToParent } from './frame_height.js';
import { runAnnouncement, canvasStatus } from './announce.js';
import { displayKeys, readDisplay, writeDisplay, boxValue, boxChecked } from './display_state.js';
import { classifyChange, changeLabel, recordChange } from './steering.js';
import { runState } from './run_state.js';
import { createTryThis } from './try_this.js';
import { createSeedSweep } from './seed_sweep_card.js';
import { createReplyQueue } from './reply_queue.js';
import { createDeferredTex } from './deferred_tex.js';
import { fetchBuiltCatalog } from './built_catalog.js';

const byId = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);
const embed = query.get('embed') === '1';
// An embed that web/embed.js sizes to its content: its layout must not follow the frame's
// height (which follows the content), so it is laid out for a 600-pixel frame.
const autoHeight = embed && query.get('autoheight') === '1';
document.body.classList.toggle('embed', embed);
if (window.parent !== window) postHeightToParent(document.body);
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const notices = createNotices(byId('messages'));
const banner = byId('diverged-banner');

const page = {
  started: false,
  engineReady: false, // between the worker's `ready` and its crash
  catalogText: null, // the catalog the page was built from, as JSON
  lab: null,
  info: null,
  schema: null,
  defaults: null,
  config: null,
  lastGood: null,
  view: null,
  plots: null,
  numbers: null,
  controls: null,
  seed: null,
  transport: null,
  playing: false,
  frame: null,
  speed: defaultSpeed,
  configuresInFlight: 0,
  // Play, Pause and Step pressed before the lab is first open (heldUntilOpen).
  heldControls: [],
  // The run's starting settings and the view and live changes made since, [{step, set}]: the
  // JSON export carries both, so `vilab run --schedule` replays a steered run.
  runConfig: null,
  schedule: [],
  interactive: false,
  pace: createPace(),
  runKind: null,
  labelsAt: 0,
  display: [],
};

// Frames per second the worker sends (see pacing.js): fewer with prefers-reduced-motion or
// when drawing is expensive, one a second in a hidden tab.
function settings() {
  return {
    maxFps: targetFps(page.pace, { reduced: reducedMotion.matches, hidden: document.hidden }),
    speed: page.speed,
  };
}

function paceFrames() {
  measureFrameCost((ms) => {
    if (recordCost(page.pace, ms)) client.settings(settings());
  });
}

function urlFor(embedMode, { keepAutoHeight = false } = {}) {
  const params = new URLSearchParams(
    writeUrlState({
      lab: page.lab,
      config: page.config,
      defaults: page.defaults,
      schema: page.schema,
      embed: embedMode,
    }),
  );
  if (keepAutoHeight && autoHeight) params.set('autoheight', '1');
  if (keepAutoHeight && query.has('workers')) params.set('workers', query.get('workers'));
  writeDisplay(params, displayValues(), displayDefaults());
  return `${location.origin}${location.pathname}?${queryText(params)}`;
}

// Display toggles (see display_state.js): the panels' check boxes and selects and the speed.
function displayValues() {
  return Object.fromEntries(
    page.display.map(({ key, control }) => [
      key,
      control.type === 'checkbox' ? boxValue(control.checked) : control.value,
    ]),
  );
}

function displayDefaults() {
  return Object.fromEntries(page.display.map(({ key, initial }) => [key, initial]));
}

function controlName(control) {
  if (control.dataset.urlKey) return control.dataset.urlKey;
  if (control.getAttribute('aria-label')) return control.getAttribute('aria-label');
  return control.closest('label')?.textContent ?? control.id;
}

function bindDisplay() {
  const controls = [
    ...document.querySelectorAll('.panel-tools input[type="checkbox"], .panel-tools select'),
    document.querySelector('[data-testid="speed"]'),
  ].filter(Boolean);
  const keys = displayKeys(controls.map(controlName));
  page.display = controls.map((control, i) => ({
    key: keys[i],
    control,
    initial: control.type === 'checkbox' ? boxValue(control.checked) : control.value,
  }));
  const wanted = readDisplay(location.search, keys);
  for (const { key, control } of page.display) {
    if (!(key in wanted)) continue;
    if (control.type === 'checkbox') control.checked = boxChecked(wanted[key]);
    else if ([...control.options].some((o) => o.value === wanted[key])) control.value = wanted[key];
    else continue;
    control.dispatchEvent(new Event('change'));
  }
  for (const { control } of page.display)
    control.addEventListener('change', () => {
      if (page.lastGood) history.replaceState(null, '', urlFor(embed, { keepAutoHeight: true }));
    });
}

// A change of view or live settings steers the running lab (its step, weights and curves are
// kept); a restart setting starts a new run, leaving the last one's loss curve faded.
function setConfig(partial) {
  const { changes, restart } = classifyChange(page.schema, page.config, partial);
  if (Object.keys(changes).length === 0) return;
  page.config = { ...page.config, ...changes };
  hideBanner();
  if (!restart && page.lastGood && page.configuresInFlight === 0) {
    client.steer(changes);
    return;
  }
  // While the engine restarts the change is kept; the restarted engine opens page.config.
  if (client.configure(page.config)) page.configuresInFlight += 1;
}

// Settings changed from outside the controls (the "Try this" card, a point dragged on a plot, the
// Continue button, Reset to original): the controls show them at once, whether the change
// restarts the run or steers it.
function applySettings(partial) {
  setConfig(partial);
  page.controls.setValues(page.config);
  page.seed.set(page.config.seed);
}

function onSteered(msg) {
  const before = page.lastGood;
  page.lastGood = msg.config;
  page.schedule = recordChange(page.schedule, msg.step, msg.changes);
  const label = changeLabel(page.schema, before, msg.changes);
  if (label) {
    page.numbers.markChange(msg.step, label);
    if (page.frame) onFrame(page.frame); // the labs' plots show the mark at once, paused or not
  }
  if (page.configuresInFlight > 0) return;
  history.replaceState(null, '', urlFor(embed, { keepAutoHeight: true }));
  byId('open-full').href = urlFor(false);
  notices.remove('config');
  page.plots.onConfigChange?.(page.config);
  page.seeds?.onConfigChange(page.config);
}

// Answers to earlier configure messages must not overwrite controls the user has changed
// since; the controls follow the engine only once every configure has been answered.
function settled(msg) {
  if (msg.during === 'configure') {
    page.configuresInFlight = Math.max(0, page.configuresInFlight - 1);
  }
  return page.configuresInFlight === 0;
}

function showBanner(text) {
  banner.replaceChildren(h('strong', { text: 'Training stopped. ' }), h('span', { text }));
  banner.hidden = false;
}

function hideBanner() {
  banner.hidden = true;
}

// Canvas heights that keep the page within the window: in embed mode the main plot and two
// stacked side panels (title, legend and paddings are about 220 and 90 pixels) fit 900 × 600.
const frameHeight = () => (autoHeight ? 600 : window.innerHeight);

function maxPlotHeight() {
  return embed ? frameHeight() - 220 : Math.max(360, window.innerHeight - 140);
}

function maxSidePlotHeight() {
  return embed ? Math.max(120, (frameHeight() - 80) / 2 - 110) : Infinity;
}

function setHeader() {
  byId('lab-title').textContent = page.info.title;
  byId('lab-question').textContent = page.info.question ?? '';
  byId('lab-source').textContent = page.info.source ? `Based on: ${page.info.source}` : '';
  document.title = `${page.info.title} — VI Lab`;
  const full = byId('open-full');
  full.href = urlFor(false);
}

// The explanation and the "Try this" card are written at once with their formulas as TeX
// source; KaTeX (600 KB) typesets them once the first frame is on screen (typesetExplanation).
// Without KaTeX the formulas stay TeX source.
const tex = createDeferredTex();

function renderExplanation() {
  page.view.explanation(byId('explanation-body'), tex);
  if (embed || !page.view.explanationBlocks) return;
  const card = createTryThis({
    blocks: page.view.explanationBlocks,
    schema: page.schema,
    katex: tex,
    config: () => page.config,
    setConfig: applySettings,
  });
  // Right under the main plot, so that it is on the first screen of plots.
  if (card) byId('plot-grid').querySelector('.main-plot')?.after(card);
}

function loadStylesheet(href) {
  return new Promise((resolve, reject) => {
    const link = h('link', { attrs: { rel: 'stylesheet', href } });
    link.addEventListener('load', resolve);
    link.addEventListener('error', () => reject(new Error(`${href} did not load`)));
    document.head.append(link);
  });
}

// KaTeX's module and its styles, fetched together; the formulas are typeset once both are in.
let typesetting = null;
function typesetExplanation() {
  typesetting ??= Promise.all([
    import('../vendor/katex/katex.mjs'),
    loadStylesheet('vendor/katex/katex.min.css'),
  ])
    .then(([{ default: katex }]) => tex.typeset(katex))
    .catch((error) =>
      notices.show(`The explanation could not be typeset (${error.message}).`, {
        kind: 'warning',
        key: 'katex',
      }),
    );
  return typesetting;
}

function buildControls() {
  const column = byId('settings');
  page.seed = createSeedControl(byId('seed'), { spec: page.schema.seed, onChange: setConfig });
  page.controls = createControls(column, {
    schema: page.schema,
    defaults: page.defaults,
    onChange: setConfig,
  });
  byId('reset-original').addEventListener('click', () => applySettings({ ...page.defaults }));
}

// On a narrow screen the plots sit below the header and the play bar: pressing Play brings the
// main plot into view (under the sticky bar) when most of it is below the window.
function showMainPlot() {
  const plot = document.querySelector('#plot-grid .panel');
  if (!plot) return;
  const rect = plot.getBoundingClientRect();
  if (rect.top < window.innerHeight * 0.6 && rect.bottom > 0) return;
  plot.scrollIntoView({ block: 'start', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
}

// The page is built from the build-time catalog while the engine loads, so its Play, Pause and
// Step can be pressed before the engine has the lab open; the engine's clients drop requests
// until then, so those wait here and go out, in order, once it is open (onOpened).
function heldUntilOpen(send) {
  if (page.lastGood) send();
  else page.heldControls.push(send);
}

function buildTransport() {
  page.transport = createTransport(byId('transport'), {
    onPlay: () => {
      heldUntilOpen(() => client.play());
      showMainPlot();
    },
    onPause: () => heldUntilOpen(() => client.pause()),
    onStep: (n) => heldUntilOpen(() => client.step(n)),
    onReset: () => {
      hideBanner();
      client.reset();
    },
    onSpeed: (speed) => {
      page.speed = speed;
      client.settings(settings());
    },
  });
  if (embed) {
    byId('plots').prepend(byId('transport'));
    byId('transport').append(byId('open-full'));
  }
}

function buildDialogs() {
  const dialogs = createDialogs({
    getShareUrl: () => urlFor(false),
    getEmbedUrl: () => urlFor(true),
    getTitle: () => `VI Lab — ${page.info.title}`,
    getExports: () => [
      ...exportActions(
        page,
        [...page.plots.panels, page.numbers.panel, page.seeds?.panel].filter(Boolean),
      ),
      ...(page.seeds?.exports() ?? []),
    ],
  });
  byId('share-button').addEventListener('click', dialogs.openShare);
  byId('embed-button').addEventListener('click', dialogs.openEmbed);
  byId('export-button').addEventListener('click', dialogs.openExport);
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve));

// Builds the page from the engine's catalog: the build-time copy (catalog.json) when it came,
// else the worker's `ready`; the engine opens the lab as soon as both it and the URL's settings
// are ready, while the page loads the view and builds the plots (its replies wait in `replies`).
async function start({ labs, catalog }) {
  page.started = true;
  page.catalogText = JSON.stringify({ labs, catalog });
  const state = readUrlState(location.search, labs, catalog);
  for (const warning of state.warnings) notices.show(warning, { kind: 'warning' });
  if (!state.lab) {
    notices.show('The engine has no labs registered.', { kind: 'error' });
    return;
  }
  Object.assign(page, { lab: state.lab, config: state.config, ...catalog[state.lab] });
  if (page.engineReady) openLab();
  page.view = (page.lab === requestedLab && (await requestedView)) || (await loadView(page.lab));
  setHeader();
  buildControls();
  buildTransport();
  // Between the long steps of the build the page reads its messages: the engine's `ready` that
  // came meanwhile gets its `open` at once, not after the whole build.
  await nextTask();
  const ctx = {
    info: page.info,
    schema: page.schema,
    defaults: page.defaults,
    embed,
    reducedMotion: reducedMotion.matches,
    config: () => page.config,
    setConfig: applySettings,
    maxPlotHeight,
    maxSidePlotHeight,
    newSeed: () => page.seed.draw(),
  };
  page.plots = page.view.createPlots(byId('plot-grid'), ctx);
  await nextTask();
  page.numbers = createNumbers(byId('numbers'), page.view);
  // "Run 8 seeds": its own worker, so this run is untouched (the numbers column is hidden in
  // an embed).
  if (!embed)
    page.seeds = createSeedSweep(byId('numbers'), {
      view: page.view,
      lab: page.lab,
      schema: page.schema,
      config: () => page.config,
    });
  bindDisplay();
  buildDialogs();
  renderExplanation();
  document.body.classList.remove('loading');
  client.settings(settings());
  replies.release();
}

function onOpened(msg) {
  page.lastGood = msg.config;
  for (const send of page.heldControls.splice(0)) send();
  page.runConfig = msg.config;
  page.schedule = [];
  if (msg.during !== 'open') page.numbers.restart();
  if (!settled(msg)) return;
  page.config = msg.config;
  page.controls.setValues(msg.config);
  page.seed.set(msg.config.seed);
  history.replaceState(null, '', urlFor(embed, { keepAutoHeight: true }));
  byId('open-full').href = urlFor(false);
  notices.remove('config');
  hideBanner();
  page.plots.onConfigChange?.(msg.config);
  page.seeds?.onConfigChange(msg.config);
}

// The page is interactive once the first frame is on screen: the panels paint in the
// animation frame after the message, so the mark goes in the one after that.
function markInteractive() {
  if (page.interactive) return;
  page.interactive = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      performance.mark('vilab:interactive');
      document.body.dataset.interactive = 'true';
      typesetExplanation();
    }),
  );
}

function startPage(catalog) {
  start(catalog).catch((error) =>
    notices.show(`The lab could not be set up: ${error.message}`, { kind: 'error' }),
  );
}

function openLab() {
  client.settings(settings());
  client.open(page.lab, page.config);
}

// The engine is ready (at first, or restarted after a crash).
function onReady(msg) {
  page.engineReady = true;
  if (!page.started) return startPage(msg);
  if (page.catalogText !== JSON.stringify({ labs: msg.labs, catalog: msg.catalog }))
    notices.show('This page and its engine come from different builds: reload the page.', {
      kind: 'error',
      key: 'catalog',
    });
  if (!page.lab) return;
  openLab();
  page.transport?.setEnabled(true);
}

// Replies to the early `open` wait until start() has built the plots.
const replies = createReplyQueue((msg) => {
  if (msg.type === fromWorker.opened) onOpened(msg);
  else if (msg.type === fromWorker.steered) onSteered(msg);
  else if (msg.type === fromWorker.frame) onFrame(msg);
  else if (msg.type === fromWorker.status) onStatus(msg);
  else if (msg.type === fromWorker.error) onError(msg);
});

// The live region says when training starts, stops, finishes or diverges, with the headline
// result; the plots' text alternatives follow the run (at most once a second while training).
function announce(stateKind, stateText, metrics) {
  const text = runAnnouncement(page.runKind, stateKind, { view: page.view, metrics });
  page.runKind = stateKind;
  if (text) byId('announcer').textContent = text;
  const now = performance.now();
  if (stateKind === 'playing' && now - page.labelsAt < 1000 && page.labelsAt > 0) return;
  page.labelsAt = now;
  const panels = [...page.plots.panels, page.numbers.panel];
  panels.forEach((panel, i) =>
    panel.setStatus?.(canvasStatus({ view: page.view, metrics, stateText, main: i === 0 })),
  );
}

function onFrame(msg) {
  // The run's live changes ride along, for the labs' own plots over steps to mark.
  page.frame = { ...msg, config: page.config, marks: page.numbers.marks() };
  markInteractive();
  if (msg.playing && !document.hidden) paceFrames();
  page.plots.update(page.frame);
  page.numbers.update(page.frame);
  const [stateText, stateKind] = runState(msg.metrics, msg.views, page.playing);
  page.transport.setStatus({
    step: msg.metrics.step,
    totalSteps: page.view.totalSteps?.(page.config) ?? null,
    stepsPerSec: msg.stepsPerSec,
    stateText,
    stateKind,
  });
  announce(stateKind, stateText, msg.metrics);
  if (msg.metrics.diverged)
    showBanner(msg.metrics.message || `Training diverged at step ${msg.metrics.divergedAt}.`);
}

function onStatus(msg) {
  page.playing = msg.playing;
  page.transport.setPlaying(msg.playing);
  if (page.frame) onFrame(page.frame);
}

function onError(msg) {
  notices.show(`These settings were not applied: ${msg.message}`, { kind: 'error', key: 'config' });
  if (!settled(msg)) return;
  if (page.lastGood) {
    page.config = page.lastGood;
    page.controls.setValues(page.lastGood);
    page.seed.set(page.lastGood.seed);
  } else if (msg.during === 'open') {
    page.config = { ...page.defaults };
    client.open(page.lab, page.config);
  }
}

// The settings that differ from the lab's original ones, as "name = value" (seed aside).
function changedSettings(config) {
  return Object.keys(config ?? {})
    .filter((key) => key !== 'seed' && config[key] !== page.defaults?.[key])
    .map((key) => `${key} = ${config[key]}`);
}

// A restart never loses a run silently, and a config that stops the engine is not reopened:
// the engine's restart opens the last settings that worked (client.js counts crashes until a
// lab opens, so nothing restarts in a loop), and the notice says what to change.
function onCrash(reason, willRestart, { hung = false, during = null } = {}) {
  page.playing = false;
  page.engineReady = false;
  replies.drop(); // what the dead worker said before the plots existed is out of date
  if (!willRestart && page.view) typesetExplanation(); // no first frame will come
  // Answers to configure messages sent to the dead worker will never come.
  page.configuresInFlight = 0;
  page.transport?.setPlaying(false);
  page.transport?.setEnabled(false);
  const reached = page.frame?.metrics?.step ?? 0;
  const lost =
    reached > 0 ? ` The run had reached step ${reached}; it starts again from step 0.` : '';
  const changed = changedSettings(page.config);
  const advice = changed.length
    ? ` Settings changed from the original: ${changed.join(', ')}; smaller values make the engine's work lighter.`
    : '';
  let restored = '';
  const building = during === 'open' || during === 'configure';
  if (willRestart && building && page.lastGood && page.lastGood !== page.config) {
    page.config = page.lastGood;
    restored = ' The last settings that worked have been restored.';
  }
  notices.show(
    willRestart
      ? `The training engine ${hung ? 'stopped answering' : 'stopped unexpectedly'} (${reason}). It has been restarted.${restored}${lost}${advice}`
      : `The training engine keeps failing (${reason}).${advice} Reload the page to try again; the labs need WebAssembly and module workers.`,
    { kind: 'error', key: 'crash' },
  );
}

// The engine's catalog as scripts/build_web.mjs wrote it from the same module: with it the page
// is built, and the lab's workers start, while the engine is still loading. Without it, start()
// waits for the worker's `ready`.
const builtCatalog = fetchBuiltCatalog();

// Labs that train several methods train them in parallel workers (parallel_client.js), one per
// core the machine reports (`?workers=N` sets the count, 1 to 8).
const workers = workerCount(query.get('workers'), navigator.hardwareConcurrency);
if (workers.warning) notices.show(workers.warning, { kind: 'warning' });
const client = (workers.count > 1 ? createParallelClient : createEngineClient)({
  workers: workers.count,
  forced: workers.forced,
  lab: query.get('lab'),
  catalog: builtCatalog,
  onCrash,
  onMessage(msg) {
    if (msg.type === fromWorker.ready) onReady(msg);
    else replies.push(msg);
  },
});

// The lab the URL names is most likely the one to show: its view loads while the engine starts
// (start() loads another if the URL's lab is not in the engine's catalog).
const requestedLab = query.get('lab');
const requestedView = requestedLab ? loadView(requestedLab).catch(() => null) : null;

builtCatalog.then((catalog) => {
  if (catalog && !page.started) startPage(catalog);
});

reducedMotion.addEventListener('change', () => client.settings(settings()));
document.addEventListener('visibilitychange', () => client.settings(settings()));
window.addEventListener('resize', () => {
  const panels = [...(page.plots?.panels ?? []), page.numbers?.panel, page.seeds?.panel];
  for (const panel of panels.filter(Boolean)) panel.resize();
});

// Play / pause / step / reset, the speed limit and the step counter, with the keyboard
// shortcuts space, → (Shift+→ for 100 steps) and r.
import { h } from './dom.js';
import { icon } from './icons.js';
import { formatCount, formatRate } from './format.js';

export const speeds = Object.freeze([
  { label: '100 steps/s', value: 100 },
  { label: '1 000 steps/s', value: 1000 },
  { label: '10 000 steps/s', value: 10000 },
  { label: 'As fast as possible', value: Infinity },
]);
export const defaultSpeed = 1000;

function ignoresShortcuts(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target;
  return (
    target instanceof Element &&
    Boolean(target.closest('input, select, textarea, button, a, dialog, [contenteditable]'))
  );
}

/** handlers: onPlay, onPause, onStep(n), onReset, onSpeed(stepsPerSecond). */
export function createTransport(container, handlers) {
  const mode = { playing: false, enabled: true };
  const play = h('button', {
    className: 'transport-play primary',
    attrs: {
      type: 'button',
      title: 'Play (Space)',
      'aria-keyshortcuts': 'Space',
      'data-testid': 'play',
    },
    on: { click: () => (mode.playing ? handlers.onPause() : handlers.onPlay()) },
  });
  const step = h(
    'button',
    {
      className: 'transport-step',
      attrs: {
        type: 'button',
        title: 'Take one optimizer step (→); Shift+→ takes 100',
        'aria-keyshortcuts': 'ArrowRight Shift+ArrowRight',
        'data-testid': 'step',
      },
      on: { click: (event) => handlers.onStep(event.shiftKey ? 100 : 1) },
    },
    [icon('step'), h('span', { text: 'Step' })],
  );
  const reset = h(
    'button',
    {
      className: 'transport-reset',
      attrs: {
        type: 'button',
        title: 'Reset training to step 0, same settings and seed (R)',
        'aria-keyshortcuts': 'R',
        'data-testid': 'reset',
      },
      on: { click: () => handlers.onReset() },
    },
    [icon('reset'), h('span', { text: 'Reset' })],
  );
  const speed = h(
    'select',
    {
      attrs: {
        'aria-label': 'Training speed',
        title: 'Limit how many optimizer steps run per second, so training can be watched',
        'data-testid': 'speed',
        'data-url-key': 'speed',
      },
      on: { change: () => handlers.onSpeed(Number(speed.value)) },
    },
    speeds.map((s) =>
      h('option', {
        text: s.label,
        attrs: { value: String(s.value), selected: s.value === defaultSpeed },
      }),
    ),
  );
  const count = h('span', {
    className: 'step-count',
    attrs: { 'data-testid': 'step-count' },
    text: '0',
  });
  const total = h('span', { className: 'step-total' });
  const rate = h('span', {
    className: 'step-rate',
    attrs: { 'data-testid': 'step-rate' },
    text: '—',
  });
  const state = h('span', {
    className: 'run-state',
    attrs: { 'data-testid': 'run-state' },
    text: 'Ready',
  });
  container.replaceChildren(
    h('div', { className: 'transport-buttons' }, [play, step, reset]),
    // Two unbreakable parts: "Step 10,000 / 10,000" and "1,234 steps/s" (next to it when
    // there is room, on the next line otherwise), so the step line never breaks inside.
    h('div', { className: 'transport-status', attrs: { 'aria-live': 'off' } }, [
      h('span', { className: 'step-part', attrs: { 'data-testid': 'step-line' } }, [
        h('span', { className: 'step-label', text: 'Step ' }),
        count,
        total,
      ]),
      h('span', { className: 'rate-part' }, [rate, h('span', { text: ' steps/s' })]),
    ]),
    h('div', { className: 'transport-speed' }, [h('span', { text: 'Speed' }), speed]),
    state,
  );

  function setPlaying(value) {
    mode.playing = value;
    play.replaceChildren(
      icon(value ? 'pause' : 'play', 22),
      h('span', { text: value ? 'Pause' : 'Play' }),
    );
    play.title = value ? 'Pause (Space)' : 'Play (Space)';
    play.setAttribute('aria-pressed', String(value));
  }
  setPlaying(false);

  document.addEventListener('keydown', (event) => {
    if (!mode.enabled || ignoresShortcuts(event)) return;
    if (event.key === ' ') {
      event.preventDefault();
      (mode.playing ? handlers.onPause : handlers.onPlay)();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      handlers.onStep(event.shiftKey ? 100 : 1);
    } else if (event.key === 'r' || event.key === 'R') {
      event.preventDefault();
      handlers.onReset();
    }
  });

  return {
    setPlaying,
    /** Off while the engine restarts: the buttons and shortcuts do nothing then. */
    setEnabled(value) {
      mode.enabled = value;
      for (const button of [play, step, reset]) button.disabled = !value;
    },
    /** step, totalSteps (or null), stepsPerSec, and a state word: Ready, Training, Paused, Finished, Diverged. */
    setStatus({ step: current, totalSteps, stepsPerSec, stateText, stateKind }) {
      count.textContent = formatCount(current);
      total.textContent = totalSteps ? ` / ${formatCount(totalSteps)}` : '';
      rate.textContent = formatRate(stepsPerSec);
      state.textContent = stateText;
      state.dataset.kind = stateKind;
    },
    get speed() {
      return Number(speed.value);
    },
  };
}

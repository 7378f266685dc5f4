// Lab 1's sensors as the "sensors" points field: the plane's handles (1 to 6 sensors and the
// target), and adding and removing sensors besides dragging them (../plots/drag.js drags): a
// click on an empty spot adds one, a right-click, a long press (touch) or Delete on a selected
// sensor removes one.
import { formatPoints, parsePoints } from '../points.js';

const longPressMs = 600;
const clickSlop = 5; // pixels
const hitRadius = 14;

/** The sensors of a config (or the ones being dragged) as [[x, y], …]. */
export function sensorsOf(spec, text) {
  const parsed = parsePoints(spec, text);
  return parsed.ok ? parsed.points : [];
}

/** The sensors' text with sensor `index` at (x, y), rounded to the hundredth. */
export function withSensorAt(spec, sensors, index, x, y) {
  const next = sensors.map((p) => [...p]);
  next[index] = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
  return formatPoints(spec, next);
}

/**
 * Adds and removes sensors on the plane's canvas. options: spec (the field's schema entry),
 * axes(), sensors() -> [[x, y], …], dragging() -> the handle drag.js is dragging (or null),
 * selected() -> the handle the keyboard selected, commit(text, said).
 * Returns {get removing()}: true from a long press's removal until the finger lifts, so that
 * the drag it started moves nothing.
 */
export function enableSensorEditing(canvas, { spec, axes, sensors, dragging, selected, commit }) {
  const state = { press: null, timer: null, removing: false };
  const position = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { px: event.clientX - rect.left, py: event.clientY - rect.top };
  };
  const indexOf = (id) => (id && /^s\d+$/.test(id) ? Number(id.slice(1)) - 1 : null);

  function hit({ px, py }) {
    const a = axes();
    if (!a) return null;
    let best = null;
    let bestDistance = hitRadius;
    sensors().forEach(([x, y], i) => {
      const d = Math.hypot(a.px(x) - px, a.py(y) - py);
      if (d <= bestDistance) {
        best = i;
        bestDistance = d;
      }
    });
    return best;
  }

  function remove(index) {
    const all = sensors();
    if (all.length <= spec.minPoints) {
      commit(null, `At least ${spec.minPoints} sensor is needed; sensor ${index + 1} stays`);
      return;
    }
    const rest = all.filter((_, i) => i !== index);
    commit(formatPoints(spec, rest), `Sensor ${index + 1} removed; ${rest.length} left`);
  }

  // Registered after drag.js's listener, so dragging() already says whether a handle was hit.
  canvas.addEventListener('pointerdown', (event) => {
    state.removing = false;
    if (event.button !== 0) return;
    const at = position(event);
    const index = indexOf(dragging());
    state.press = { ...at, index, moved: false };
    if (index !== null && event.pointerType === 'touch')
      state.timer = setTimeout(() => {
        state.removing = true;
        remove(index);
      }, longPressMs);
  });
  canvas.addEventListener('pointermove', (event) => {
    const press = state.press;
    if (!press) return;
    const at = position(event);
    if (Math.hypot(at.px - press.px, at.py - press.py) > clickSlop) {
      press.moved = true;
      clearTimeout(state.timer);
    }
  });
  canvas.addEventListener('pointerup', (event) => {
    clearTimeout(state.timer);
    const press = state.press;
    state.press = null;
    const a = axes();
    if (!press || press.moved || press.index !== null || !a || dragging() !== null) return;
    if (event.button !== 0 || state.removing) return;
    const at = position(event);
    const inside =
      at.px >= a.box.left &&
      at.px <= a.box.left + a.box.width &&
      at.py >= a.box.top &&
      at.py <= a.box.top + a.box.height;
    if (!inside) return;
    const all = sensors();
    if (all.length >= spec.maxPoints) {
      commit(null, `At most ${spec.maxPoints} sensors; remove one first`);
      return;
    }
    const added = [...all, [a.invX(at.px), a.invY(at.py)]];
    commit(
      formatPoints(
        spec,
        added.map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100]),
      ),
      `Sensor ${added.length} added`,
    );
  });
  canvas.addEventListener('pointercancel', () => {
    clearTimeout(state.timer);
    state.press = null;
  });
  canvas.addEventListener('contextmenu', (event) => {
    const index = hit(position(event));
    if (index === null) return;
    event.preventDefault();
    remove(index);
  });
  canvas.addEventListener('keydown', (event) => {
    if (event.key !== 'Delete' && event.key !== 'Backspace') return;
    const index = indexOf(selected());
    if (index === null) return;
    event.preventDefault();
    remove(index);
  });
  return {
    get removing() {
      return state.removing;
    },
  };
}

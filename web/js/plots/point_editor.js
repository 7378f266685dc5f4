// Editing a plot's own points with a pointer or the keyboard: click (or tap) an empty spot to add
// a point, drag a point to move it, and remove it by right-click, a long press (touch), or Delete
// with it selected. With the canvas focused, Tab-free keys work too: "n" selects the next point,
// the arrow keys move it (Shift: five times further), Delete or Backspace removes it.

const longPressMs = 600; // a touch held this long on a point, without moving, removes it
const clickSlop = 5; // pixels a press may move and still count as a click

/**
 * options: axes() -> the plot's current axes, or a list of axes over the same plane (side-by-side
 * maps; null before the first frame); points() -> the
 * committed points, each an array whose first two entries are x and y; newPoint(x, y, event) ->
 * the point to add (e.g. with a class); onChange(points) commits an edit; onPreview() redraws
 * while a point is dragged; announce(text) for screen readers; keyStep (an arrow key's move, as a
 * fraction of the axis' span); radius
 * (pixels). Returns {get selected(), get shown()}: the selected index, and the points to draw
 * (the dragged position included).
 */
export function enablePointEditing(canvas, options) {
  const {
    axes,
    points,
    newPoint,
    onChange,
    onPreview = () => {},
    announce = () => {},
    keyStep = 0.01,
    radius = 10,
  } = options;
  const state = { press: null, working: null, selected: null, timer: null };
  if (canvas.tabIndex < 0) canvas.tabIndex = 0;
  canvas.classList.add('editable-points');

  const position = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { px: event.clientX - rect.left, py: event.clientY - rect.top };
  };
  const inBox = (a, { px, py }) =>
    px >= a.box.left &&
    px <= a.box.left + a.box.width &&
    py >= a.box.top &&
    py <= a.box.top + a.box.height;
  const describe = (p) => `(${p[0].toFixed(2)}, ${p[1].toFixed(2)})`;

  const allAxes = () => [axes() ?? []].flat();
  // The axes under the pointer (the one a press or a click acts in), or null.
  const axesAt = (at) => allAxes().find((a) => inBox(a, at)) ?? null;

  function hit(at) {
    let best = null;
    let bestDistance = radius;
    for (const a of allAxes())
      points().forEach((p, i) => {
        const d = Math.hypot(a.px(p[0]) - at.px, a.py(p[1]) - at.py);
        if (d <= bestDistance) {
          best = i;
          bestDistance = d;
        }
      });
    return best;
  }

  function commit(next, said) {
    state.working = null;
    onChange(next);
    announce(said);
  }

  function remove(index) {
    const removed = points()[index];
    state.selected = null;
    commit(
      points().filter((_, i) => i !== index),
      `Point ${describe(removed)} removed`,
    );
  }

  function clearTimer() {
    clearTimeout(state.timer);
    state.timer = null;
  }

  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const at = position(event);
    const index = hit(at);
    const a = axesAt(at) ?? (index === null ? null : allAxes()[0]);
    if (!a) return;
    event.preventDefault();
    canvas.focus({ preventScroll: true });
    canvas.setPointerCapture(event.pointerId);
    state.press = { ...at, index, moved: false, axes: a };
    if (index !== null) {
      state.selected = index;
      if (event.pointerType === 'touch')
        state.timer = setTimeout(() => {
          state.press = null;
          remove(index);
        }, longPressMs);
    }
  });

  canvas.addEventListener('pointermove', (event) => {
    const press = state.press;
    const at = position(event);
    if (!press) {
      canvas.classList.toggle('over-handle', hit(at) !== null);
      return;
    }
    const a = press.axes;
    if (Math.hypot(at.px - press.px, at.py - press.py) > clickSlop) {
      press.moved = true;
      clearTimer();
    }
    if (press.index === null || !press.moved) return;
    state.working = points().map((p) => [...p]);
    const dragged = state.working[press.index];
    dragged[0] = a.invX(at.px);
    dragged[1] = a.invY(at.py);
    canvas.classList.add('dragging');
    onPreview();
  });

  const release = (event) => {
    const press = state.press;
    clearTimer();
    state.press = null;
    canvas.classList.remove('dragging');
    if (!press) return;
    const a = press.axes;
    if (press.index !== null) {
      if (press.moved && state.working && event.type === 'pointerup')
        commit(state.working, `Point moved to ${describe(state.working[press.index])}`);
      state.working = null;
      onPreview();
      return;
    }
    if (press.moved || event.type !== 'pointerup') return;
    const at = position(event);
    const added = newPoint(a.invX(at.px), a.invY(at.py), event);
    state.selected = points().length;
    commit([...points(), added], `Point added at ${describe(added)}`);
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);

  canvas.addEventListener('contextmenu', (event) => {
    const index = hit(position(event));
    if (index === null) return;
    event.preventDefault();
    remove(index);
  });

  canvas.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const all = points();
    if (event.key === 'n' && all.length > 0) {
      event.preventDefault();
      state.selected = state.selected === null ? 0 : (state.selected + 1) % all.length;
      announce(
        `Point ${state.selected + 1} of ${all.length} selected at ${describe(all[state.selected])}`,
      );
      onPreview();
      return;
    }
    const index = state.selected;
    if (index === null || index >= all.length) return;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(index);
      return;
    }
    if (event.key === 'Escape') {
      state.selected = null;
      onPreview();
      return;
    }
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    if (!arrows[event.key]) return;
    event.preventDefault();
    const a = allAxes()[0];
    if (!a) return;
    const scale = event.shiftKey ? 5 * keyStep : keyStep;
    const next = all.map((p) => [...p]);
    next[index][0] += arrows[event.key][0] * scale * (a.x1 - a.x0);
    next[index][1] += arrows[event.key][1] * scale * (a.y1 - a.y0);
    commit(next, `Point moved to ${describe(next[index])}`);
  });

  return {
    get selected() {
      return state.selected;
    },
    get shown() {
      return state.working ?? points();
    },
  };
}

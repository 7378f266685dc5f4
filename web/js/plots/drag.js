// Dragging points of a plot with a pointer (mouse, pen or touch), plus a keyboard
// alternative: with the canvas focused, a handle's key (e.g. 1, 2, 3, t) selects it and
// the arrow keys move it (Shift for bigger steps).

/**
 * options: handles() -> [{id, x, y, key, name}] in data coordinates; axes() -> current
 * axes (or null); onMove(id, x, y, {final}) called while dragging and on release;
 * onSelect(id or null) when the keyboard selection changes; announce(text) for screen
 * readers; keyStep (data units, default 0.1).
 * Returns {get selected(), get dragging()}.
 */
export function enableDragging(canvas, options) {
  const {
    handles,
    axes,
    onMove,
    onSelect = () => {},
    announce = () => {},
    keyStep = 0.1,
    radius = 14,
  } = options;
  const state = { dragging: null, selected: null };

  function pointerPosition(event) {
    const rect = canvas.getBoundingClientRect();
    return { px: event.clientX - rect.left, py: event.clientY - rect.top };
  }

  function hit(px, py) {
    const a = axes();
    if (!a) return null;
    let best = null;
    let bestDistance = radius;
    for (const handle of handles()) {
      const d = Math.hypot(a.px(handle.x) - px, a.py(handle.y) - py);
      if (d <= bestDistance) {
        best = handle;
        bestDistance = d;
      }
    }
    return best;
  }

  function moveTo(event, final) {
    const a = axes();
    const { px, py } = pointerPosition(event);
    onMove(state.dragging, a.invX(px), a.invY(py), { final });
  }

  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return; // a right-click (a sensor's removal) moves nothing
    const { px, py } = pointerPosition(event);
    const handle = hit(px, py);
    if (!handle) return;
    event.preventDefault();
    state.dragging = handle.id;
    state.selected = handle.id;
    canvas.setPointerCapture(event.pointerId);
    canvas.classList.add('dragging');
  });
  canvas.addEventListener('pointermove', (event) => {
    if (state.dragging) {
      moveTo(event, false);
      return;
    }
    const { px, py } = pointerPosition(event);
    canvas.classList.toggle('over-handle', Boolean(hit(px, py)));
  });
  const release = (event) => {
    if (!state.dragging) return;
    moveTo(event, true);
    const handle = handles().find((item) => item.id === state.dragging);
    state.dragging = null;
    canvas.classList.remove('dragging');
    if (handle)
      announce(`${handle.name} moved to (${handle.x.toFixed(2)}, ${handle.y.toFixed(2)})`);
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);

  canvas.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const byKey = handles().find((handle) => handle.key === event.key.toLowerCase());
    if (byKey) {
      event.preventDefault();
      state.selected = byKey.id;
      announce(
        `${byKey.name} selected at (${byKey.x.toFixed(2)}, ${byKey.y.toFixed(2)}); arrow keys move it`,
      );
      onSelect(byKey.id);
      return;
    }
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const handle = handles().find((item) => item.id === state.selected);
    if (!arrows[event.key] || !handle) return;
    event.preventDefault();
    const step = event.shiftKey ? keyStep * 5 : keyStep;
    const [dx, dy] = arrows[event.key];
    onMove(handle.id, handle.x + dx * step, handle.y + dy * step, { final: true });
    announce(
      `${handle.name} at (${(handle.x + dx * step).toFixed(2)}, ${(handle.y + dy * step).toFixed(2)})`,
    );
  });
  canvas.addEventListener('blur', () => {
    state.selected = null;
    onSelect(null);
  });

  return {
    get selected() {
      return state.selected;
    },
    get dragging() {
      return state.dragging;
    },
  };
}

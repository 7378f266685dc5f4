// The settings column, generated from a lab's schema: one control per field, grouped
// Data / Model / Training / Display, each with its label, value, unit, help and range.
import { h, uniqueId } from './dom.js';
import { parseValue, rangeText } from './state.js';
import { formatNumber, roundForUrl } from './format.js';
import { icon } from './icons.js';

const groupOrder = ['Data', 'Model', 'Training', 'Display'];
const sliderSteps = 200;

function isLog(spec) {
  return spec.scale === 'log' && spec.min > 0;
}

function hasSlider(spec) {
  return (
    (spec.type === 'number' || spec.type === 'integer') &&
    Number.isFinite(spec.min) &&
    Number.isFinite(spec.max)
  );
}

function toSlider(spec, value) {
  return isLog(spec) ? Math.log10(value) : value;
}

function fromSlider(spec, position) {
  const value = isLog(spec) ? 10 ** position : position;
  const clamped = Math.min(spec.max, Math.max(spec.min, value));
  return spec.type === 'integer' ? Math.round(clamped) : roundForUrl(clamped);
}

function describeRange(spec) {
  return `Range: ${rangeText(spec)}${isLog(spec) ? ' (log-scaled slider)' : ''}.`;
}

function buildField(key, spec, label, commit) {
  const id = uniqueId(`field-${key.replace(/\W/g, '-')}`);
  const helpId = `${id}-help`;
  const rangeId = `${id}-range`;
  const described = `${helpId} ${rangeId}`;
  const field = h('div', { className: `field field-${spec.type}`, attrs: { 'data-field': key } });
  const help = h('p', { className: 'field-help', text: spec.help ?? '', attrs: { id: helpId } });
  const range = h('p', {
    className: 'field-range',
    text: describeRange(spec),
    attrs: { id: rangeId },
  });
  const error = h('p', { className: 'field-error', attrs: { role: 'alert' } });
  const title = `${spec.help ?? label} ${describeRange(spec)}`;
  // Help and range float over the column on hover/focus, so showing them never moves a control.
  const tip = h('div', { className: 'field-tip' }, [help, range]);
  const api = { field, key, spec };

  if (spec.type === 'boolean') {
    const box = h('input', {
      attrs: { type: 'checkbox', id, 'aria-describedby': described, title },
      on: { change: () => commit(key, box.checked) },
    });
    field.append(
      h('div', { className: 'field-head' }, [box, h('label', { text: label, attrs: { for: id } })]),
      tip,
    );
    api.set = (value) => {
      box.checked = Boolean(value);
    };
    return api;
  }
  if (spec.type === 'choice') {
    const select = h(
      'select',
      {
        attrs: { id, 'aria-describedby': described, title },
        on: { change: () => commit(key, select.value) },
      },
      spec.choices.map((choice) => h('option', { text: choice, attrs: { value: choice } })),
    );
    field.append(
      h('div', { className: 'field-head' }, [
        h('label', { text: label, attrs: { for: id } }),
        select,
      ]),
      tip,
    );
    api.set = (value) => {
      select.value = value;
    };
    return api;
  }

  if (spec.type === 'points')
    return buildPointsField(api, { id, described, title, label, error, tip, commit });

  const number = h('input', {
    className: 'field-input',
    attrs: {
      type: 'text',
      inputmode: 'decimal',
      id,
      'aria-describedby': described,
      title,
      spellcheck: 'false',
      autocomplete: 'off',
    },
  });
  const unit = h('span', { className: 'field-unit', text: spec.unit ?? '' });
  field.append(
    h('div', { className: 'field-head' }, [
      h('label', { text: label, attrs: { for: id } }),
      h('span', { className: 'field-value' }, [number, unit]),
    ]),
  );
  let slider = null;
  if (hasSlider(spec)) {
    const lo = toSlider(spec, spec.min);
    const hi = toSlider(spec, spec.max);
    const step =
      spec.type === 'integer' && !isLog(spec)
        ? Math.max(1, Math.round((hi - lo) / 1000))
        : (hi - lo) / sliderSteps;
    slider = h('input', {
      className: 'field-slider',
      attrs: {
        type: 'range',
        min: lo,
        max: hi,
        step,
        title,
        'aria-label': `${label} slider`,
        'aria-describedby': described,
      },
      on: {
        input: () => {
          number.value = formatNumber(fromSlider(spec, Number(slider.value)), 6).replace('−', '-');
        },
        change: () => commit(key, fromSlider(spec, Number(slider.value))),
      },
    });
    field.append(slider);
  }
  number.addEventListener('change', () => {
    const parsed = parseValue(spec, number.value.replace('−', '-'));
    number.setAttribute('aria-invalid', String(!parsed.ok));
    error.textContent = parsed.ok ? '' : `${label}: ${parsed.reason}.`;
    if (parsed.ok) commit(key, parsed.value);
  });
  field.append(error, tip);
  api.set = (value) => {
    number.value = String(value);
    number.setAttribute('aria-invalid', 'false');
    error.textContent = '';
    if (slider) slider.value = String(toSlider(spec, value));
  };
  return api;
}

// A points field: how many points, their text (editable, checked like a URL value) and a button
// back to the exercise's data. The plots add, move and remove the points themselves.
function buildPointsField(api, { id, described, title, label, error, tip, commit }) {
  const { field, key, spec } = api;
  const count = h('span', { className: 'points-count' });
  const text = h('input', {
    className: 'field-input points-text',
    attrs: {
      type: 'text',
      id,
      'aria-describedby': described,
      title,
      spellcheck: 'false',
      autocomplete: 'off',
    },
  });
  const reset = h('button', {
    className: 'points-reset',
    text: 'Reset to the exercise’s data',
    attrs: { type: 'button' },
    on: { click: () => commit(key, spec.default) },
  });
  text.addEventListener('change', () => {
    const parsed = parseValue(spec, text.value.trim());
    text.setAttribute('aria-invalid', String(!parsed.ok));
    error.textContent = parsed.ok ? '' : `${label}: ${parsed.reason}.`;
    if (parsed.ok) commit(key, parsed.value);
  });
  field.append(
    h('div', { className: 'field-head' }, [h('label', { text: label, attrs: { for: id } }), count]),
    text,
    reset,
    error,
    tip,
  );
  api.set = (value) => {
    text.value = value;
    const parsed = parseValue(spec, value);
    const n = parsed.ok ? (value === '' ? 0 : value.split('_').length) : 0;
    count.textContent = n === 0 ? 'none' : `${n}`;
    reset.disabled = value === spec.default;
    text.setAttribute('aria-invalid', 'false');
    error.textContent = '';
  };
  return api;
}

/**
 * Builds the controls into `container`, each labelled with its schema field's label.
 * onChange(partialConfig) is called when the user commits a value. Returns {setValues(config)}.
 */
export function createControls(container, { schema, defaults, onChange }) {
  const fields = [];
  const commit = (key, value) => onChange({ [key]: value });
  const keys = Object.keys(schema).filter((key) => key !== 'seed');
  const groups = [
    ...groupOrder,
    ...new Set(keys.map((key) => schema[key].group ?? 'Other')),
  ].filter((group, i, all) => all.indexOf(group) === i);
  const sections = [];
  for (const group of groups) {
    const inGroup = keys.filter((key) => (schema[key].group ?? 'Other') === group);
    if (inGroup.length === 0) continue;
    const built = inGroup.map((key) =>
      buildField(key, schema[key], schema[key].label ?? key, commit),
    );
    fields.push(...built);
    sections.push(
      h('fieldset', { className: 'group', attrs: { 'data-group': group } }, [
        h('legend', { text: group }),
        ...built.map((f) => f.field),
      ]),
    );
  }
  container.replaceChildren(...sections);
  return {
    setValues(config) {
      for (const f of fields) {
        f.set(config[f.key]);
        const changed = config[f.key] !== defaults[f.key];
        f.field.classList.toggle('changed', changed);
        const original = defaults[f.key] === '' ? 'data' : `value, ${defaults[f.key]}`;
        f.field.title = changed ? `Changed from the original exercise's ${original}` : '';
      }
    },
  };
}

/** The seed row: number field and a dice button that draws a fresh seed in the schema's range. */
export function createSeedControl(container, { spec, onChange }) {
  const id = uniqueId('seed');
  const max = spec.max;
  const input = h('input', {
    className: 'field-input',
    attrs: {
      id,
      type: 'text',
      inputmode: 'numeric',
      title: `Random seed: same seed and settings give the same run. ${describeRange(spec)}`,
    },
  });
  const error = h('p', { className: 'field-error', attrs: { role: 'alert' } });
  input.addEventListener('change', () => {
    const parsed = parseValue(spec, input.value);
    error.textContent = parsed.ok ? '' : `Seed: ${parsed.reason}.`;
    input.setAttribute('aria-invalid', String(!parsed.ok));
    if (parsed.ok) onChange({ seed: parsed.value });
  });
  const draw = () => onChange({ seed: crypto.getRandomValues(new Uint32Array(1))[0] % (max + 1) });
  const dice = h(
    'button',
    {
      className: 'dice icon-button',
      attrs: {
        type: 'button',
        title: 'New random seed (new data and a new run)',
        'aria-label': 'Draw a new random seed',
      },
      on: { click: draw },
    },
    [icon('dice')],
  );
  container.append(
    h('div', { className: 'seed-row' }, [
      h('label', { text: 'Seed', attrs: { for: id } }),
      input,
      dice,
    ]),
    error,
  );
  return {
    set: (seed) => {
      input.value = String(seed);
      error.textContent = '';
    },
    draw,
  };
}

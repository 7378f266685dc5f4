// The "Try this" card beside the plots: the lab's Explore questions that name a setting, each
// with a button that applies it (labelled from the schema, so with the page's own words), and
// one Undo that puts back the settings the last try changed.
import { h } from './dom.js';
import { inline, questionParts } from './explain.js';
import { formatNumber } from './format.js';

/** "Label value" for each field of a try, from the schema: the words the controls show. */
export function describeSetting(schema, set) {
  return Object.entries(set)
    .map(([field, value]) => {
      const spec = schema[field];
      const shown = spec.type === 'boolean' ? (value ? 'on' : 'off') : formatNumber(value);
      return `${spec.label} ${shown}`;
    })
    .join(', ');
}

/** The settings a try changes, as they are now: what Undo restores. */
export function previousValues(config, set) {
  return Object.fromEntries(Object.keys(set).map((field) => [field, config[field]]));
}

/**
 * The card, for the caller to place; null when no question can be tried. `config()` gives the
 * current settings and `setConfig(partial)` changes them, as the controls do (so the URL
 * follows).
 */
export function createTryThis({ blocks, schema, katex, config, setConfig }) {
  const tries = blocks
    .flatMap((block) => block.questions ?? [])
    .filter((question) => !Array.isArray(question) && question.set);
  if (tries.length === 0) return null;
  const undone = []; // the settings before each try, latest last
  const undo = h('button', {
    className: 'try-undo',
    text: 'Undo',
    attrs: { type: 'button', disabled: true, title: 'Put back the settings the last try changed' },
    on: {
      click: () => {
        const previous = undone.pop();
        if (previous) setConfig(previous);
        undo.disabled = undone.length === 0;
      },
    },
  });
  const items = tries.map((question) => {
    const setting = describeSetting(schema, question.set);
    const button = h('button', {
      className: 'try-button',
      text: `Try: ${setting}`,
      attrs: { type: 'button' },
      on: {
        click: () => {
          undone.push(previousValues(config(), question.set));
          setConfig({ ...question.set });
          undo.disabled = false;
        },
      },
    });
    return h('li', {}, [h('p', {}, inline(questionParts(question), katex)), button]);
  });
  return h('section', { className: 'try-this wide', attrs: { 'aria-label': 'Try this' } }, [
    h('div', { className: 'try-head' }, [h('h2', { text: 'Try this' }), undo]),
    h('ol', {}, items),
  ]);
}

// Fallback view for a lab that has no view file yet: every numeric metric in a table,
// the default loss curve in the numbers column, and a note in place of the plots.
import { h } from '../dom.js';

export default {
  name: 'generic',
  metrics: [],
  explanation(container) {
    container.replaceChildren(h('p', { text: 'This lab does not have its explanation yet.' }));
  },
  createPlots(container, ctx) {
    const list = h('dl', { className: 'generic-metrics' });
    container.append(
      h('section', { className: 'panel generic' }, [
        h('h3', { className: 'panel-title', text: 'Plots for this lab are on their way' }),
        h('p', {
          className: 'caption',
          text: `The engine runs "${ctx.info.name}" already; meanwhile here are its raw metrics.`,
        }),
        list,
      ]),
    );
    return {
      panels: [],
      update(frame) {
        const rows = [];
        for (const [key, value] of Object.entries(frame.metrics)) {
          if (typeof value === 'object' && !ArrayBuffer.isView(value)) continue;
          rows.push(
            h('dt', { text: key }),
            h('dd', {
              text: ArrayBuffer.isView(value) ? Array.from(value).join(', ') : String(value),
            }),
          );
        }
        list.replaceChildren(...rows);
      },
    };
  },
};

// The Export dialog's actions for the lab page: each plot as PNG, history CSV, run JSON.
import { downloadPanelPng, downloadText, historyCsv, snapshotJson } from './export.js';

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function exportActions(page, panels) {
  const prefix = `vilab-${page.lab}`;
  const actions = panels.map((panel) => ({
    label: `Plot: ${panel.title} (PNG)`,
    run: () => downloadPanelPng(panel, `${prefix}-${slug(panel.title)}.png`),
  }));
  if (page.frame) {
    actions.push({
      label: 'Metric history (CSV)',
      run: () => downloadText(historyCsv(page.frame.views), `${prefix}-history.csv`, 'text/csv'),
    });
    actions.push({
      label: 'Settings and current metrics (JSON)',
      run: () =>
        downloadText(
          snapshotJson({
            lab: page.lab,
            config: page.config,
            startConfig: page.runConfig ?? page.config,
            schedule: page.schedule ?? [],
            metrics: page.frame.metrics,
            url: location.href,
          }),
          `${prefix}-run.json`,
          'application/json',
        ),
    });
  }
  return actions;
}

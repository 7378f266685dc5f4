import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyCsv, snapshotJson } from '../../../web/js/export.js';
import { escapeAttribute, iframeSnippet } from '../../../web/js/dialogs.js';

test('historyCsv writes every history array as a column, step first', () => {
  const views = {
    historyElbo: new Float32Array([-3, -2]),
    historyStep: new Float32Array([1, 2]),
    historyKl: new Float32Array([0.5, 0.25]),
    density: new Float32Array(4),
    gridNx: 2,
  };
  assert.equal(historyCsv(views), 'step,elbo,kl\n1,-3,0.5\n2,-2,0.25\n');
  assert.equal(historyCsv({}), '\n');
});

test('historyCsv writes the history of every method of a several-method lab, prefixed', () => {
  const views = {
    x: new Float32Array(3),
    mle: { historyStep: new Float32Array([1, 2, 3]), historyLoss: new Float32Array([3, 2, 1]) },
    vi: { historyLoss: new Float32Array([9]), historyStep: new Float32Array([1]), lower: [] },
  };
  assert.equal(historyCsv(views), 'mle.step,mle.loss,vi.step,vi.loss\n1,3,1,9\n2,2,,\n3,1,,\n');
});

test('snapshotJson turns typed arrays into plain arrays, nested too', () => {
  const json = JSON.parse(
    snapshotJson({
      lab: 'localization',
      config: { lr: 0.01 },
      url: 'http://x/',
      metrics: {
        mean: new Float32Array([0.5, 1]),
        vi: { var: new Float32Array([2]) },
        done: false,
      },
      exportedAt: 'then',
    }),
  );
  assert.deepEqual(json, {
    lab: 'localization',
    config: { lr: 0.01 },
    startConfig: { lr: 0.01 },
    schedule: [],
    url: 'http://x/',
    exportedAt: 'then',
    metrics: { mean: [0.5, 1], vi: { var: [2] }, done: false },
  });
});

test('the iframe snippet escapes what it quotes', () => {
  assert.equal(escapeAttribute('a"<b>&'), 'a&quot;&lt;b&gt;&amp;');
  assert.equal(
    iframeSnippet('http://h/lab.html?lab=x&embed=1', 'VI Lab — "x"'),
    '<iframe src="http://h/lab.html?lab=x&amp;embed=1" width="900" height="600" title="VI Lab — &quot;x&quot;" loading="lazy" style="border:0"></iframe>',
  );
});

test('snapshotJson records where a steered run started and its schedule of changes', () => {
  const json = JSON.parse(
    snapshotJson({
      lab: 'localization',
      config: { lr: 0.001 },
      startConfig: { lr: 0.01 },
      schedule: [{ step: 100, set: { lr: 0.001 } }],
      metrics: {},
      url: 'http://x/',
    }),
  );
  assert.deepEqual(json.startConfig, { lr: 0.01 });
  assert.deepEqual(json.schedule, [{ step: 100, set: { lr: 0.001 } }]);
  assert.deepEqual(json.config, { lr: 0.001 });
});

// The benchmark command's JSON contract (not its speed): one row per build and method, with the
// keys the README's table and other tools read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bench = path.join(root, 'scripts', 'bench.mjs');

test("bench --json --lab gives a native and a wasm row of the lab's default run", () => {
  const rows = JSON.parse(
    execFileSync(process.execPath, [bench, '--json', '--lab', 'neural_process'], {
      encoding: 'utf8',
    }),
  );
  assert.deepEqual(
    rows.map((r) => `${r.lab} ${r.build}`),
    ['neural_process native', 'neural_process wasm'],
  );
  for (const row of rows) {
    assert.equal(row.steps, 9001);
    assert.ok(row.seconds > 0 && Number.isFinite(row.seconds));
    assert.ok(Math.abs(row.stepsPerSecond - row.steps / row.seconds) < 1e-6 * row.stepsPerSecond);
    assert.ok(row.gflops > 0, 'the lab counts the FLOPs of its products');
  }
});

test("bench --page adds the lab page's run: a row with time to done and to the final picture", () => {
  const rows = JSON.parse(
    execFileSync(process.execPath, [bench, '--json', '--page', '--lab', 'neural_process'], {
      encoding: 'utf8',
    }),
  );
  assert.deepEqual(
    rows.map((r) => `${r.lab} ${r.build}`),
    ['neural_process native', 'neural_process wasm', 'neural_process page'],
  );
  const [, wasm, page] = rows;
  assert.equal(page.steps, wasm.steps, 'the page trains the same default run to done');
  assert.ok(page.seconds > 0 && Number.isFinite(page.seconds));
  assert.ok(Math.abs(page.stepsPerSecond - page.steps / page.seconds) < 1e-6 * page.stepsPerSecond);
  assert.ok(page.refinedSeconds >= page.seconds, 'the final picture comes at or after done');
  assert.ok(page.interactiveSeconds > 0 && Number.isFinite(page.interactiveSeconds));
  assert.ok(page.frames >= 1, 'the page drew the run');
  assert.equal(page.workers, 1, 'a lab of one method trains in one worker');
  assert.ok(page.gflops > 0, "the worker reports the run's matrix products");
});

test('bench names a lab per method, as lab/method', () => {
  const rows = JSON.parse(
    execFileSync(process.execPath, [bench, '--json', '--lab', 'logistic'], { encoding: 'utf8' }),
  );
  assert.deepEqual([...new Set(rows.map((r) => r.lab))].sort(), ['logistic/map', 'logistic/vi']);
  assert.deepEqual([...new Set(rows.map((r) => r.build))].sort(), ['native', 'wasm']);
});

test('bench refuses an unknown lab with the known ones listed', () => {
  const run = spawnSync(process.execPath, [bench, '--lab', 'nope'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /unknown lab 'nope'; known labs: localization/);
});

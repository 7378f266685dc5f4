// The benchmark command's JSON contract (not its speed): one row per build and method, with the
// keys the README's table and other tools read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
    assert.ok(row.buildSeconds > 0 && Number.isFinite(row.buildSeconds), 'the construction timed');
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

test('bench --page --site times the pages of a site already built, and leaves the folder', () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'vilab-bench-site-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts/build_web.mjs'), '--out', site]);
    const args = ['--json', '--page', '--lab', 'neural_process', '--site', site];
    const rows = JSON.parse(execFileSync(process.execPath, [bench, ...args], { encoding: 'utf8' }));
    const page = rows.find((r) => r.build === 'page');
    assert.equal(page.site, site);
    assert.equal(page.steps, 9001);
    assert.ok(page.frames >= 1, 'the page drew the run');
    assert.ok(fs.existsSync(path.join(site, 'lab.html')), 'the folder is left in place');
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('bench refuses a --site that is not a built site, or without --page', () => {
  const cases = [
    [['--page', '--site', os.tmpdir()], /--site '.*' is not a built site \(it has no lab\.html\)/],
    [['--site', os.tmpdir()], /--site times pages: use it with --page/],
    [['--page', '--site'], /--site needs the folder of a built site/],
  ];
  for (const [args, message] of cases) {
    const run = spawnSync(process.execPath, [bench, ...args], { encoding: 'utf8' });
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message);
  }
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

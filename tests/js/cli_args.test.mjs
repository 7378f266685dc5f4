// The CLI reads numbers by the one grammar (tests/data/number_text.tsv, shared with the engine's
// and the page's tests), rejects a field given twice naming it, and rejects extra arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliPath } from './native_cli.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function cli(args) {
  const r = spawnSync(cliPath, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function corpus() {
  const text = fs.readFileSync(path.join(here, '../data/number_text.tsv'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      const input = line
        .slice(tab + 1)
        .replace(/\\x([0-9a-fA-F]{2})|\\\\/g, (m, hex) =>
          hex ? String.fromCharCode(parseInt(hex, 16)) : '\\',
        );
      return { expected: line.slice(0, tab), input: Buffer.from(input, 'latin1') };
    })
    .filter(({ input }) => !input.includes(0)); // a NUL cannot be passed in an argument
}

test('--set reads every corpus input with the grammar’s verdict', () => {
  for (const { expected, input } of corpus()) {
    const arg = Buffer.concat([Buffer.from('lr='), input]).toString('latin1');
    const r = spawnSync(cliPath, ['run', 'localization', '--steps', '0', '--set', arg], {
      encoding: 'latin1',
    });
    const notNumber = /'lr' = .* is not a (finite )?number/s.test(r.stderr);
    assert.equal(notNumber, expected === 'reject', `${JSON.stringify(arg)}: ${r.stderr}`);
    if (expected !== 'reject') assert.ok(r.status === 0 || /out of range/.test(r.stderr), r.stderr);
  }
});

test('--steps, --seed and normals read integers by the same grammar', () => {
  for (const bad of ['+5', ' 5', '5 ', '0x5', '5e', '1.5', 'inf']) {
    const steps = cli(['run', 'localization', '--steps', bad]);
    assert.equal(steps.status, 1, bad);
    assert.match(steps.stderr, /--steps = .*expected an integer/);
    const seed = cli(['run', 'localization', '--steps', '0', '--seed', bad]);
    assert.equal(seed.status, 1, bad);
    assert.match(seed.stderr, /'seed'/);
    assert.equal(cli(['normals', bad, '1']).status, 1, bad);
  }
  assert.equal(cli(['run', 'localization', '--steps', '1e1']).status, 0);
  assert.equal(cli(['normals', '3', '2.0']).stdout.split('\n').length, 3);
});

test('a field given twice is an error naming it, whichever way it is given', () => {
  for (const args of [
    ['--set', 'lr=0.1', '--set', 'lr=0.2'],
    ['--set', 'lr=0.1', '--set', 'lr=0.1'],
    ['--seed', '1', '--set', 'seed=2'],
    ['--seed', '1', '--seed', '1'],
  ]) {
    const r = cli(['run', 'localization', '--steps', '0', ...args]);
    assert.equal(r.status, 1, args.join(' '));
    const field = args[1].startsWith('lr') ? 'lr' : 'seed';
    assert.match(r.stderr, new RegExp(`field '${field}' is given twice`), r.stderr);
  }
  const steps = cli(['run', 'localization', '--steps', '0', '--steps', '1']);
  assert.match(steps.stderr, /--steps is given twice/);
});

test('extra arguments are an error for every command', () => {
  for (const args of [
    ['list', 'extra'],
    ['defaults', 'localization', 'extra'],
    ['schema', 'localization', 'extra'],
    ['run', 'localization', '--steps', '0', 'extra'],
    ['bench', '--lab', 'logistic', '--lab', 'logistic'],
    ['normals', '1', '2', '3'],
  ]) {
    const r = cli(args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.stderr, /extra|unexpected|twice|expected/, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
  }
});

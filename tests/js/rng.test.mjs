// The generator's stream is bit-identical in the native and the WebAssembly build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import { runCli } from './native_cli.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

test('the first 10 000 normals are bit-identical natively and in WebAssembly', () => {
  for (const seed of [0, 305]) {
    // %a hex floats from the CLI, parsed exactly.
    const native = runCli(['normals', String(seed), '10000'])
      .trim()
      .split('\n')
      .map(parseHexFloat);
    const wasm = vi.normals(seed, 10000);
    assert.equal(native.length, 10000);
    for (let i = 0; i < native.length; i++) {
      if (native[i] !== wasm[i])
        assert.fail(`seed ${seed}, draw ${i}: native ${native[i]} vs wasm ${wasm[i]}`);
    }
    const mean = wasm.reduce((s, x) => s + x, 0) / wasm.length;
    const variance = wasm.reduce((s, x) => s + (x - mean) ** 2, 0) / wasm.length;
    assert.ok(Math.abs(mean) < 0.04, `mean ${mean}`); // 4 standard errors of 1/√10000
    assert.ok(Math.abs(variance - 1) < 0.06, `variance ${variance}`); // 4 s.e. of √(2/10000)
  }
});

// Parses C's %a output (e.g. -0x1.8p-3) exactly.
function parseHexFloat(text) {
  const m = /^(-?)0x([01])\.?([0-9a-f]*)p([+-]\d+)$/.exec(text);
  if (!m) throw new Error(`not a hex float: ${text}`);
  const [, sign, lead, frac, exp] = m;
  let mantissa = Number(lead);
  for (let i = 0; i < frac.length; i++) mantissa += parseInt(frac[i], 16) / 16 ** (i + 1);
  const value = mantissa * 2 ** Number(exp);
  return sign ? -value : value;
}

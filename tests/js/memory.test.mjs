// 200 create / step / views / delete cycles of every lab leave the WebAssembly heap flat.
// The bytes in use are compared to the byte, so a leak of even 1 byte per cycle fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

// Display-only counts (samples drawn, Monte Carlo passes for the plots) at their minimum keep a
// cycle quick; the allocation paths are the same at any count.
function quickConfig(name) {
  const config = {};
  for (const [field, spec] of Object.entries(vi.schema(name))) {
    if (spec.group === 'Display' && spec.type === 'integer') config[field] = Math.max(spec.min, 1);
  }
  return config;
}

for (const name of vi.labs()) {
  test(`${name}: 200 cycles leave the heap size and the bytes in use flat`, () => {
    const config = quickConfig(name);
    const cycle = () => {
      const lab = new vi.Lab(name, config);
      lab.step(1);
      lab.views();
      lab.metrics();
      lab.delete();
    };
    // Warm-up: the allocator's free lists and the heap reach their working size.
    for (let i = 0; i < 20; i++) cycle();
    const before = vi.memory();
    for (let i = 0; i < 200; i++) cycle();
    const after = vi.memory();
    console.log(
      `# ${name}: heap ${before.heapBytes} -> ${after.heapBytes} bytes, ` +
        `in use ${before.inUseBytes} -> ${after.inUseBytes} bytes`,
    );
    assert.equal(after.heapBytes, before.heapBytes, `${name}: the heap grew`);
    // Flat to the byte: a leak of even 1 byte per cycle would show as 200 bytes here.
    assert.equal(after.inUseBytes, before.inUseBytes, `${name}: bytes in use changed`);
  });
}

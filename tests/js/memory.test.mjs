// 1 000 create / step / views / delete cycles of every lab leave the WebAssembly heap flat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);

function cycle(name) {
  const lab = new vi.Lab(name, {});
  lab.step(1);
  lab.views();
  lab.metrics();
  lab.delete();
}

test('1 000 cycles per lab leave the heap size and the bytes in use flat', () => {
  for (const name of vi.labs()) {
    // Warm-up: the allocator's free lists and the heap reach their working size.
    for (let i = 0; i < 20; i++) cycle(name);
    const before = vi.memory();
    for (let i = 0; i < 1000; i++) cycle(name);
    const after = vi.memory();
    console.log(`# ${name}: heap ${before.heapBytes} -> ${after.heapBytes} bytes, ` +
      `in use ${before.inUseBytes} -> ${after.inUseBytes} bytes`);
    assert.equal(after.heapBytes, before.heapBytes, `${name}: the heap grew`);
    // Flat to the byte: a leak of even 1 byte per cycle would show as 1 000 bytes here.
    assert.equal(after.inUseBytes, before.inUseBytes, `${name}: bytes in use changed`);
  }
});

// The web tests' stand-in module (web/fake_vilab.mjs) must not drift from the engine: the same
// lab, the same info fields, and the localization schema field for field (ranges, defaults,
// labels, help), so that what the page's code is tested against is what it meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadVilab } from './load_vilab.mjs';
import createFakeVilab from './web/fake_vilab.mjs';

const vi = await loadVilab(process.env.VILAB_WASM_DIR);
const fake = await createFakeVilab();

test("the fake's one lab is a registered lab, with the same info fields", () => {
  for (const name of fake.labs()) {
    assert.ok(Array.from(vi.labs()).includes(name), `${name} is registered`);
    assert.deepEqual(Object.keys(fake.info(name)).sort(), Object.keys(vi.info(name)).sort());
  }
});

test("the fake's schema and defaults are the engine's", () => {
  for (const name of fake.labs()) {
    assert.deepEqual(fake.schema(name), vi.schema(name));
    assert.deepEqual(fake.defaults(name), vi.defaults(name));
  }
});

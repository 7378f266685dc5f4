// Module hooks for tests that import the page's plot modules from web/: the page loads d3
// from vendor/d3.js, which scripts/build_web.mjs bundles at build time; here that import
// resolves to the bundle's entry (scripts/d3_entry.mjs), which Node reads from node_modules.
// Register with useVendor() before dynamically importing such a module.
import { register } from 'node:module';

const entry = new URL('../../../scripts/d3_entry.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('/vendor/d3.js')) return next(entry, context);
  return next(specifier, context);
}

let registered = false;
export function useVendor() {
  if (!registered) register(import.meta.url);
  registered = true;
}

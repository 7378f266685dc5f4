// The engine's catalog as scripts/build_web.mjs wrote it from the same module (catalog.json):
// the page builds from it while the engine loads, and the worker answers `ready` with it.

/** Resolves to the catalog ({labs, catalog}), or null when the site has none or it fails. */
export async function fetchBuiltCatalog() {
  try {
    const response = await fetch(new URL('../catalog.json', import.meta.url));
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// Loads a lab's view module: labs/<name>.js, named after the engine's registry key.

/** The default export of ./<name>.js for a lab the engine registers. */
export async function loadView(name) {
  if (!/^\w+$/.test(name)) throw new Error(`not a lab name: ${JSON.stringify(name)}`);
  return (await import(`./${name}.js`)).default;
}

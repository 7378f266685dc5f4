// Which view module draws which lab. A lab the engine registers without a view of its own
// gets the generic view (loss curve and metrics only) until its view file exists.
const views = {
  localization: () => import('./localization.js'),
  regression: () => import('./regression.js'),
  logistic: () => import('./logistic.js'),
  moons: () => import('./moons.js'),
  vae: () => import('./vae.js'),
  neural_process: () => import('./neural_process.js'),
};

export async function loadView(name) {
  const load = views[name] ?? (() => import('./generic.js'));
  return (await load()).default;
}

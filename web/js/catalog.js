// The six labs as the gallery presents them. The engine's vi.info() has the final word on
// titles and sources for labs it registers; these texts cover the ones still to come, and
// say in one sentence what each lab teaches.

export const catalog = Object.freeze([
  {
    name: 'localization',
    title: 'Neural VI for target localization',
    teaches:
      'Three sensors hear a hidden target through noise. A network learns a Gaussian guess of where it is; compare it with the exact posterior, and see why the last iterate keeps wandering.',
    source:
      'Deep Learning lab 5, part I: variational inference with neural networks on a toy example',
  },
  {
    name: 'regression',
    title: 'Point estimate vs predictive uncertainty',
    teaches:
      'Fit a cubic and a sine with a plain network, a variational regression and a Bayesian network, and find out whose error bars you can trust away from the data.',
    source: 'A "variational inference from scratch" tutorial and a notebook on networks and VAEs',
  },
  {
    name: 'logistic',
    title: 'Bayesian logistic regression: MAP, Laplace, VI',
    teaches:
      'Three ways to put uncertainty on a linear classifier, judged against the exact posterior over its weights — and what the loss scaling does to each.',
    source: 'Approximate inference in classification, part I',
  },
  {
    name: 'moons',
    title: 'Two moons: Bayesian neural network vs MC dropout',
    teaches:
      'On two interleaved moons, compare how sure a mean-field Bayesian network, MC dropout and a plain network are far from anything they have seen.',
    source: 'Approximate inference in classification, part II',
  },
  {
    name: 'vae',
    title: 'Variational autoencoder on a circle',
    teaches:
      'Squeeze noisy points on a circle into one latent number, and see where the encoder has to cut the circle — the price of amortization, measured against the exact likelihood.',
    source: 'A notebook on networks and VAEs, part 2',
  },
  {
    name: 'neural_process',
    title: 'Neural processes and their collapse',
    teaches:
      'Learn a distribution over functions from five points of a sine, and watch the latent uncertainty collapse as the KL term is driven to zero.',
    source: 'A blog post implementing neural processes',
  },
]);

export function catalogEntry(name) {
  return catalog.find((entry) => entry.name === name) ?? null;
}

/**
 * The gallery's cards once the engine has answered: the catalog's labs in order, with the
 * engine's title and source for those it registers, then any lab it registers that the
 * catalog does not know yet (its question stands in for the sentence on what it teaches).
 * `labs` is vi.labs(), `infos[name].info` is vi.info(name). Each card: {name, title,
 * teaches, source, available}.
 */
export function galleryCards(labs = [], infos = {}) {
  const fromEngine = (name) => infos[name]?.info ?? {};
  const known = catalog.map((entry) => {
    const info = fromEngine(entry.name);
    const available = labs.includes(entry.name);
    return {
      ...entry,
      available,
      title: (available && info.title) || entry.title,
      source: (available && info.source) || entry.source,
    };
  });
  const extra = labs
    .filter((name) => !catalogEntry(name))
    .map((name) => {
      const info = fromEngine(name);
      return {
        name,
        title: info.title || name,
        teaches: info.question || '',
        source: info.source || '',
        available: true,
      };
    });
  return [...known, ...extra];
}

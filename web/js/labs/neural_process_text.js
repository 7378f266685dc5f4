// The neural process lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'Learn a distribution over functions from five points of a sine, and watch the sampled functions collapse onto one curve while the KL term stays far from zero: on most seeds the decoder simply learns to ignore z.';
export const teachesClaim = 'neural_process.card-collapse';

/** The plots' captions. */
export const captions = {
  loss: 'Running median over 101 steps: the raw loss jumps with every random context.',
  main: 'Each line decodes one z ~ q(z | context). Filled points are the context: click anywhere to add a context point (x, sin x), drag it along x, right-click or Delete to remove it.',
  widths:
    'Solid: given all five points. Dashed: given a training context, averaged over every context a step can draw.',
  collapse:
    'The loss’s KL term, averaged over contexts, and the spread of the samples at x = −4, far from all data.',
  prior:
    'The decoder fed z from the standard normal instead of from q(z | context): untrained, the original’s first plot of function samples; now, what the prior means to the decoder after training.',
  thumbs:
    'Twenty samples under the configured context, every few thousand steps (as the original prints them).',
};
export const captionClaims = {
  loss: 'neural_process.caption-median',
  collapse: 'neural_process.caption-far',
  thumbs: 'neural_process.caption-thumbs',
};

export const explanationBlocks = [
  { h: 'A VAE for functions' },
  {
    p: [
      'A VAE encodes one data point into a latent ',
      { m: 'z' },
      '. A neural process encodes a whole function, given only as a few of its points, and can then be asked for its value anywhere. Here the function is ',
      { m: String.raw`y = \sin x` },
      ', seen at the five points ',
      { m: 'x = -2, -1, 0, 1, 2' },
      '.',
    ],
  },
  {
    p: [
      'Three small networks do the work. Each point ',
      { m: '(x_i, y_i)' },
      ' is encoded separately and the codes are averaged, so the order of the points does not matter; the average sets a Gaussian over ',
      { m: 'z' },
      ':',
    ],
  },
  {
    math: String.raw`r = \frac{1}{n}\sum_{i=1}^{n} h(x_i, y_i), \qquad q(z \mid \text{points}) = \mathcal{N}\big(\mu(r),\ \operatorname{diag} \operatorname{softplus}(s(r))^2\big).`,
  },
  {
    p: [
      'A decoder reads a location ',
      { m: 'x^*' },
      ' together with a sample of ',
      { m: 'z' },
      ' and predicts the value there with a fixed, very small noise: ',
      { m: String.raw`p(y^* \mid x^*, z) = \mathcal{N}\big(g(x^*, z),\ 0.005^2\big)` },
      '. Different samples of ',
      { m: 'z' },
      ' give different functions: the thin lines in the main plot.',
    ],
  },
  { h: 'Training' },
  {
    p: [
      {
        claim: 'neural_process.context-size',
        t: [
          'Every step splits the five points at random into a context of 1 to 3 points and the remaining targets.',
        ],
      },
      ' The loss asks the functions drawn from the posterior given all points to pass through the targets, and the posterior given all points to stay close to the one given the context alone:',
    ],
  },
  {
    math: String.raw`\text{loss} = -\frac{1}{S}\sum_{s=1}^{S} \sum_{t \in \text{targets}} \log p(y_t \mid x_t, z_s) + \mathrm{KL}\big(q(z \mid \text{all})\,\|\,q(z \mid \text{context})\big), \quad z_s \sim q(z \mid \text{all}),`,
  },
  {
    p: [
      'with ',
      { m: 'S = 10' },
      " samples. The second term plays the part of the VAE's KL to the prior, with the context posterior as a prior learned on the fly. ",
      { claim: 'neural_process.adam', t: ['Adam at learning rate 0.001 runs 9 001 steps.'] },
    ],
  },
  { h: 'The collapse the original warns about' },
  {
    p: [
      'A good answer would agree with the data near the five points and spread out where no data was ever seen, like a Gaussian process. Early in training the samples do something like that. But nothing in the loss rewards keeping that spread. ',
      {
        claim: 'neural_process.vae-kl',
        t: [
          "In a VAE the prior is fixed, and shrinking the posterior's width costs ",
          { m: String.raw`-\log \sigma` },
          ' in the KL.',
        ],
      },
      ' Here both Gaussians come out of the same networks, and there is a cheaper way out: the decoder can learn to ignore ',
      { m: 'z' },
      '. ',
      {
        claim: 'neural_process.collapse',
        t: [
          'Then every sample of ',
          { m: 'z' },
          ' gives the same function, so the functions collapse onto a single curve, even at ',
          { m: 'x = -4' },
          ', far from all data — while the KL stays well above zero and, on most seeds, the standard deviation of ',
          { m: 'z' },
          ' given all points stays of order 1 in some dimension.',
        ],
      },
    ],
  },
  {
    p: [
      'The side panels follow this: the posterior standard deviations given the context and given all points, and the KL between them, are averaged exactly over every context a training step can draw, so they are smooth curves. ',
      {
        claim: 'neural_process.spread-far',
        t: [
          'The spread of the samples at ',
          { m: 'x = -4' },
          ' measures the collapse directly: by the end of a default run it is less than a tenth of its value at step 0, on every seed.',
        ],
      },
    ],
  },
  {
    p: [
      'How fast and how completely this happens depends on the initialization, which the original shows by switching it: weights drawn from ',
      { m: String.raw`\mathcal{N}(0, 1)` },
      " (its default), the framework's fan-in uniform, or Xavier normal. With ",
      { m: String.raw`\mathcal{N}(0, 1)` },
      ' weights ',
      {
        claim: 'neural_process.kl-at-init',
        t: [
          'the KL is already huge at step 0 on most seeds (thousands of nats or more: one posterior is far narrower than the other in some dimension), and training lowers it by orders of magnitude without bringing it near zero.',
        ],
      },
      ' The loss curve shows a running median so that the spikes of unlucky contexts do not hide the trend, and the KL divides by a variance guarded with ',
      { m: '10^{-16}' },
      ', never by zero.',
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        {
          claim: 'neural_process.q-thumbnails',
          t: [
            'Play with the defaults and compare the thumbnails at 0, 3 000, 6 000 and 9 000 steps.',
          ],
        },
        ' ',
        {
          claim: 'neural_process.q-continue',
          t: [
            'Then press ',
            { b: 'Continue to 25,001' },
            ' and play again: what happens to the spread at ',
            { m: 'x = -4' },
            '?',
          ],
        },
      ],
      {
        ask: [
          'Click the data points to change the context of the plotted samples: keep only the one at ',
          { m: 'x = 0' },
          '. ',
          {
            claim: 'neural_process.q-context-width',
            t: [
              'Does conditioning on one point give wider functions at ',
              { m: 'x = -4' },
              ' than conditioning on all five, and does training close that gap?',
            ],
          },
        ],
        set: { contextMask: 4 },
      },
      {
        ask: [
          'Switch the ',
          { b: 'Weight initialization' },
          ' to xavier (then to default). ',
          {
            claim: 'neural_process.q-init-collapse',
            t: ['Which one collapses fastest, and what do the two z standard deviations do?'],
          },
        ],
        set: { init: 'xavier' },
      },
      {
        ask: [
          'Try a few seeds with the ',
          { b: 'Weight initialization' },
          ' normal. ',
          {
            claim: 'neural_process.q-kl-explodes',
            t: [
              'Find one where the KL ends thousands of times higher than on seed 0 (seed 1 does).',
            ],
          },
          ' What does the context-only standard deviation do?',
        ],
        set: { seed: 1 },
      },
    ],
  },
];

// The localization lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).
import { colorName, roleColors } from '../plots/colormaps.js';

const currentColour = colorName(roleColors.current);
const averagedColour = colorName(roleColors.averaged);
const capitalized = (word) => word[0].toUpperCase() + word.slice(1);

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'Three sensors hear a hidden target through noise. A network learns a Gaussian guess of where it is; compare it with the exact posterior, and see why the last iterate keeps wandering.';
export const teachesClaim = 'localization.card-wandering';

/** The plots' captions. */
export const captions = {
  loss: 'Noisy because each step sees one sample of z; watch its level, not its wiggles.',
  plane:
    'Drag the sensors (▲) or the target (★), or focus the plot and press a sensor’s number or T then the arrow keys. Click an empty spot to add a sensor; right-click, a long press or Delete removes one. Rings: the distance each reading implies.',
  closeUp: `Dashed: exact posterior (1σ, 2σ). ${capitalized(currentColour)}: q now. ${capitalized(averagedColour)}: q averaged over the second half.`,
  gap: `The ${currentColour} curve never settles at a constant learning rate; the average (${averagedColour}) does much better.`,
  // The gap panel's caption when training with the score-function estimator (estimator = score).
  gapScore: `With the score-function gradient neither curve comes near: q stays thousands of nats from the posterior, and averaging (${averagedColour}) does not rescue it.`,
  terms: 'ELBO = expected log-likelihood − KL(q ‖ prior): fitting the readings is paid for in KL.',
  elboGap:
    'The gap (solid, 256 draws a point) follows KL(q ‖ exact) (dashed, a coarse quadrature): the bound falls short of the evidence by how far q is from the posterior.',
  gradientNoise:
    'Total variance of the ELBO gradient (μ and log-scales of q) per estimate; both fall as 1/samples, the score function from far higher.',
};
export const captionClaims = {
  plane: 'localization.caption-keys',
  closeUp: 'localization.caption-close-up',
  gap: 'localization.caption-kl',
  gapScore: 'localization.caption-kl-score',
  elboGap: 'localization.caption-elbo-gap',
  gradientNoise: 'localization.caption-gradient-noise',
};

export const explanationBlocks = [
  { h: 'The model' },
  {
    p: [
      'A target sits at an unknown position ',
      { m: 'z' },
      ' in the plane. Each of ',
      { m: 'L = 3' },
      ' sensors at known positions ',
      { m: 's_i' },
      ' measures its signal ',
      { m: 'N' },
      ' times. The signal fades with the logarithm of the squared distance, and every reading carries Gaussian noise:',
    ],
  },
  {
    math: String.raw`x_{ij} \sim \mathcal{N}\!\big(-A \log \lVert s_i - z \rVert^2,\ \sigma^2\big), \qquad p(z) = \mathcal{N}(0, I).`,
  },
  {
    p: [
      'A single reading says how far the target is from its sensor: the faint circles show the distance ',
      { m: String.raw`\lVert s_i - z\rVert = e^{-x_{ij}/(2A)}` },
      ' implied by each reading. The circles of different sensors cross near the target, but with ',
      { m: String.raw`\sigma^2 = 5` },
      ' they are blurred, so the posterior ',
      { m: String.raw`p(z \mid X)` },
      ' is a small, tilted cloud. Because ',
      { m: 'z' },
      ' has only two coordinates we can compute that posterior exactly on a grid (the coloured density and the dashed ellipses) and grade any approximation against it.',
    ],
  },
  { h: 'The approximation' },
  {
    p: [
      'Instead we train a Gaussian guess whose mean and log-variance are the outputs of two small networks (one hidden layer of tanh units each) that read all ',
      { m: 'L \\cdot N = 15' },
      ' readings:',
    ],
  },
  {
    math: String.raw`q(z \mid X) = \mathcal{N}\!\big(\mu(X),\ \operatorname{diag} e^{\,\ell(X)}\big), \qquad \mu, \ell : \mathbb{R}^{15} \to \mathbb{R}^2.`,
  },
  {
    p: [
      'This is ',
      { i: 'amortized' },
      ' inference: the networks learn a map from data to a posterior rather than one posterior. They are fitted by maximizing the evidence lower bound',
    ],
  },
  {
    math: String.raw`\mathcal{L}(X) = \mathbb{E}_{q(z \mid X)}\big[\log p(X \mid z)\big] - \mathrm{KL}\big(q(z \mid X)\,\|\,p(z)\big) = \log p(X) - \mathrm{KL}\big(q(z \mid X)\,\|\,p(z \mid X)\big).`,
  },
  {
    p: [
      'The KL to the prior has a closed form for two Gaussians. The expectation is estimated from a reparameterized sample ',
      {
        m: String.raw`z = \mu + e^{\ell/2} \odot \varepsilon,\ \varepsilon \sim \mathcal{N}(0, I)`,
      },
      ', so gradients flow through ',
      { m: '\\mu' },
      ' and ',
      { m: '\\ell' },
      '. Since the evidence ',
      { m: '\\log p(X)' },
      ' does not depend on q, raising the ELBO is the same as lowering the KL from q to the exact posterior.',
    ],
  },
  {
    p: [
      { b: 'A correction to the original exercise. ' },
      'It drew one noise value and used it for both coordinates of ',
      { m: '\\varepsilon' },
      ', which samples only along a diagonal line of q and biases the gradient. Here each coordinate gets its own noise, the correct reparameterization; set ',
      { b: 'Sampling noise ε' },
      ' to shared to train as the original did.',
    ],
  },
  { h: 'Why the last iterate keeps wandering' },
  {
    p: [
      'Every step estimates the gradient from a single sample of ',
      { m: 'z' },
      ', so each step is noisy. ',
      {
        claim: 'localization.last-iterate',
        t: [
          `Adam rescales steps by the recent gradient size, and at a constant learning rate of 0.01 the parameters never come to rest: the current q (${currentColour}) keeps drifting around the exact posterior, and the KL from the final step's q to the exact posterior ranges from about 0.5 to 12 nats depending on the seed.`,
        ],
      },
    ],
  },
  {
    p: [
      {
        claim: 'localization.averaged',
        t: [
          'Averaging the network outputs ',
          { m: '\\mu' },
          ' and ',
          { m: '\\ell' },
          ` over the second half of training (${averagedColour}) cancels most of that noise: the averaged q lands near the best diagonal Gaussian, at a KL of about 0.3 nats.`,
        ],
      },
      ' ',
      {
        claim: 'localization.tilted',
        t: [
          'It cannot reach 0, because the exact posterior is tilted — its coordinates are correlated — and a diagonal q can only line up with the axes.',
        ],
      },
    ],
  },
  { h: 'Two ways to estimate the gradient' },
  {
    p: [
      'The reparameterized sample needs a path from the noise to ',
      { m: 'z' },
      '. The score function (REINFORCE) needs only the density of q: since ',
      { m: String.raw`\nabla_\lambda q = q\,\nabla_\lambda \log q` },
      ' for q’s parameters ',
      { m: '\\lambda' },
      ',',
    ],
  },
  {
    math: String.raw`\nabla_\lambda \mathcal{L} = \mathbb{E}_{q}\big[\big(\log p(X, z) - \log q(z)\big)\,\nabla_\lambda \log q(z)\big],`,
  },
  {
    p: [
      'averaged over the step’s samples of ',
      { m: 'z' },
      ', here with no baseline. Both estimators are unbiased, but ',
      {
        claim: 'localization.score-variance',
        t: [
          'at the trained q the score function’s variance is more than a hundred times the reparameterization’s at every sample count (the gradient-noise panel).',
        ],
      },
      ' ',
      {
        claim: 'localization.score-struggles',
        t: [
          'Set ',
          { b: 'Gradient estimator' },
          ' to score and Adam’s steps follow mostly noise: after the default 10 000 steps q is thousands of nats from the exact posterior (about 3 500 to 21 000 on seeds 0–4), where the reparameterized run ends between 0.5 and 5.4 nats.',
        ],
      },
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        'Press play with the defaults and watch the close-up. ',
        {
          claim: 'localization.q-colours',
          t: [`How do the ${currentColour} and ${averagedColour} KL values differ at the end?`],
        },
        ' Draw a few new seeds with the dice and compare.',
      ],
      {
        ask: [
          {
            claim: 'localization.q-levers',
            t: [
              'Raise ',
              { b: 'MC samples per step' },
              ' to 16, or switch on ',
              { b: 'Learning-rate decay' },
              '. Does the current q settle?',
            ],
          },
          ' What does each lever cost in steps per second?',
        ],
        set: { mcSamples: 16 },
      },
      [
        'Drag a sensor until two sensors and the target are nearly in a line. How does the exact posterior change shape, and how well can a diagonal Gaussian follow it?',
      ],
      {
        ask: [
          {
            claim: 'localization.q-prior-pull',
            t: [
              'Increase the ',
              { b: 'Noise variance σ²' },
              ' to 50, or cut the ',
              { b: 'Readings per sensor N' },
              ' to 1 and try a few seeds. When does the posterior start to lean on the prior, pulled toward (0, 0)?',
            ],
          },
        ],
        set: { noiseVar: 50 },
      },
      {
        ask: [
          {
            claim: 'localization.q-shared-noise',
            t: [
              'Set ',
              { b: 'Sampling noise ε' },
              ' to shared, the original template’s one ε for both coordinates, and press play. The samples from q now fall on one line through its mean.',
            ],
          },
          ' Which directions of the posterior does the objective then never probe, and is it still a bound on log p(X)?',
        ],
        set: { noise: 'shared' },
      },
      {
        ask: [
          'Set ',
          { b: 'Gradient estimator' },
          ' to score and press play, or switch it mid-run. Where does q go? Would more ',
          { b: 'MC samples per step' },
          ' fix it, when Adam divides every step by the gradient’s typical size?',
        ],
        set: { estimator: 'score' },
      },
    ],
  },
];

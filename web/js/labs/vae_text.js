// The VAE lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).
import { colorName, grey } from '../plots/colormaps.js';

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'Squeeze noisy points on a circle into one latent number, and see where the encoder has to cut the circle — the price of amortization, measured against the exact likelihood.';

/** The plots' captions. */
export const captions = {
  loss: 'Per point, per epoch: training (running average over the epoch) and test.',
  samples: `z ~ N(0, 1) pushed through the decoder, coloured by z; data in ${colorName(grey)}. The original’s code adds the decoder noise: tick “with noise”.`,
  data: 'x = (cos z, sin z) + 0.1ε: the angle is the hidden cause.',
  recon:
    'Segment: x to f(μ(x)). Colour: log p(x) − ELBO(x), exact; it piles up where the circle’s ends meet. Tick “gap to L_k” for log p(x) − L_k(x): it shrinks as k grows.',
  encoder:
    'Where the colour jumps, the encoder cuts the circle: both ends of the latent line meet there.',
  elbo: 'Per point, per epoch. Exact log p(x) (1-D latent) sits above the test ELBO: the gap is the price of amortized Gaussian inference.',
};
export const captionClaims = {
  samples: 'vae.caption-samples',
  data: 'vae.caption-data-noise',
  elbo: 'vae.caption-bound',
  recon: 'vae.caption-iwae-gap',
};

export const explanationBlocks = [
  { h: 'The data and the model' },
  {
    p: [
      'Each data point hides a number ',
      { m: String.raw`z \sim \mathcal{N}(0, 1)` },
      ' and shows only a noisy point on the unit circle at angle ',
      { m: 'z' },
      ':',
    ],
  },
  {
    math: String.raw`x = (\cos z,\ \sin z) + 0.1\,\varepsilon, \qquad \varepsilon \sim \mathcal{N}(0, I_2).`,
  },
  {
    p: [
      'The model does not know the circle. It learns a decoder network ',
      { m: 'f_\\theta' },
      ' (',
      { claim: 'vae.net', t: ['two hidden layers of 20 ReLU units'] },
      ') that turns a latent ',
      { m: 'z' },
      ' into a point of the plane:',
    ],
  },
  {
    math: String.raw`p(z) = \mathcal{N}(0, I), \qquad p_\theta(x \mid z) = \mathcal{N}\big(x \mid f_\theta(z),\ \sigma^2 I\big), \quad \sigma = 0.1.`,
  },
  {
    p: [
      'Which ',
      { m: 'z' },
      ' produced a given point? The exact posterior ',
      { m: String.raw`p_\theta(z \mid x)` },
      ' has no closed form, so an encoder network guesses a Gaussian for every point at once (amortized inference):',
    ],
  },
  {
    math: String.raw`q_\phi(z \mid x) = \mathcal{N}\big(\mu_\phi(x),\ \operatorname{diag} \sigma^2_\phi(x)\big).`,
  },
  {
    p: [
      {
        claim: 'vae.batches',
        t: [
          'Encoder and decoder are trained together by maximizing the ELBO of each point, averaged over a minibatch of 1 000 points (15 minibatches make an epoch):',
        ],
      },
    ],
  },
  {
    math: String.raw`\mathcal{L}(x) = \underbrace{\mathbb{E}_{q_\phi(z \mid x)}\big[\log p_\theta(x \mid z)\big]}_{\text{reconstruction}} - \underbrace{\mathrm{KL}\big(q_\phi(z \mid x)\,\|\,p(z)\big)}_{\text{KL}} = \log p_\theta(x) - \mathrm{KL}\big(q_\phi(z \mid x)\,\|\,p_\theta(z \mid x)\big).`,
  },
  {
    p: [
      'The expectation uses one reparameterized sample ',
      { m: String.raw`z = \mu_\phi(x) + \sigma_\phi(x)\,\varepsilon` },
      ', the KL to the prior is exact. The reconstruction term rewards decoding ',
      { m: 'z' },
      ' close to ',
      { m: 'x' },
      '; the KL term asks the guesses to stay spread like the prior.',
    ],
  },
  { h: 'What the plots show' },
  {
    p: [
      {
        claim: 'vae.prior-draws',
        t: [
          'Top: 10 000 draws ',
          { m: String.raw`z \sim \mathcal{N}(0, 1)` },
          ' pushed through the decoder, coloured by ',
          { m: 'z' },
          '.',
        ],
      },
      ' If the model has learned the data, they trace the circle with the colours in order. By default we draw the decoder mean ',
      { m: String.raw`f_\theta(z)` },
      ', as the original exercise says it does; its code actually adds the decoder noise (',
      { i: '.sample()' },
      '), which the toggle shows. ',
      {
        claim: 'vae.latent-default',
        t: ['With a 1-D latent the line is the decoder curve itself.'],
      },
    ],
  },
  {
    p: [
      'The learned ',
      { m: 'z' },
      ' need not equal the true angle: any relabelling that keeps ',
      { m: String.raw`\mathcal{N}(0, 1)` },
      ' works as well, so the colours may run the other way round.',
    ],
  },
  { h: 'Beyond the exercise: the exact log-likelihood' },
  {
    p: [
      'With a one-dimensional latent, ',
      { m: String.raw`\log p_\theta(x) = \log \int p_\theta(x \mid z)\,p(z)\,dz` },
      ' can be computed exactly. A ReLU network of one input is piecewise linear: between the points where a hidden unit switches on or off, ',
      { m: String.raw`f_\theta(z) = a + b z` },
      '. On each piece the integrand is a Gaussian in ',
      { m: 'z' },
      ', whose integral is a difference of normal CDFs. The sum over the pieces is the exact likelihood of the trained model, with no sampling.',
    ],
  },
  {
    p: [
      'The gap ',
      { m: String.raw`\log p_\theta(x) - \mathcal{L}(x)` },
      " is the KL from the encoder's guess to the exact posterior: what amortized, Gaussian inference costs at that point. The reconstruction panel colours test points by their gap.",
    ],
  },
  {
    p: [
      'The gap piles up where the two ends of the circle meet. The latent line has two tails, and the decoder must send both to the same region of the circle, so a point there has two explanations, ',
      { m: 'z' },
      ' very negative or very positive: its posterior has two bumps. A single Gaussian can cover only one of them, and the encoder, a continuous function of ',
      { m: 'x' },
      ', must switch from one to the other somewhere. The encoder-mean map shows that cut.',
    ],
  },
  { h: 'Beyond the exercise: the importance-weighted bound' },
  {
    p: [
      'Averaging ',
      { m: 'k' },
      ' importance weights instead of one gives a tighter bound (Burda, Grosse and Salakhutdinov):',
    ],
  },
  {
    math: String.raw`\mathcal{L}_k(x) = \mathbb{E}_{z_1, \dots, z_k \sim q_\phi(z \mid x)}\Big[\log \frac{1}{k} \sum_{i=1}^{k} \frac{p_\theta(x, z_i)}{q_\phi(z_i \mid x)}\Big] \le \log p_\theta(x).`,
  },
  {
    p: [
      {
        claim: 'vae.iwae-climbs',
        t: [
          'With one sample it is the ELBO; as ',
          { m: 'k' },
          ' grows it climbs toward the exact ',
          { m: String.raw`\log p_\theta(x)` },
          ' and never passes it on average.',
        ],
      },
      ' The ',
      { b: 'Importance samples k' },
      ' field sets the ',
      { m: 'k' },
      ' of the test metric and of the reconstruction panel’s “gap to L_k” colouring. The ',
      { b: 'Objective' },
      ' field can train on ',
      { m: String.raw`\mathcal{L}_k` },
      ' instead of the ELBO.',
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        'Play to the end. Where on the circle are the largest gaps, and how large is the test ELBO compared with the exact ',
        { m: '\\log p(x)' },
        '? What part of the difference is due to one noisy sample and what part to the encoder?',
      ],
      {
        ask: [
          {
            claim: 'vae.q-latent-2',
            t: [
              'Set the ',
              { b: 'Latent dimension' },
              ' to 2. How do the prior samples look now, and does the ELBO get better or worse? Why can a 2-D latent close the circle without a seam?',
            ],
          },
        ],
        set: { latentDim: 2 },
      },
      {
        ask: [
          {
            claim: 'vae.q-decoder-noise',
            t: [
              'Change the ',
              { b: 'Decoder noise σ' },
              ' to 0.05 or 0.3 (the ',
              { b: 'Data noise' },
              ' stays 0.1).',
            ],
          },
          ' How do the reconstruction and KL terms respond, and what happens to the samples drawn with noise?',
        ],
        set: { noiseScale: 0.05 },
      },
      [
        'Compare the train and test ELBO curves over the epochs. ',
        {
          claim: 'vae.q-train-size',
          t: ['Is there any sign of overfitting with 15 000 training points?'],
        },
      ],
    ],
  },
];

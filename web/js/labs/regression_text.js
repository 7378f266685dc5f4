// The regression lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).
import { colorName, roleColors } from '../plots/colormaps.js';

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'Fit a cubic and a sine with a plain network, a variational regression and a Bayesian network, and find out whose error bars you can trust away from the data.';

/** The plots' captions. */
export const captions = {
  loss: 'The three methods on one scale. The noise floor is σ²: 2.25 for cubic, 0.01 for sine.',
  main: 'Dots: training points; rings: yours (click to add, drag to move, right-click or Delete to remove). Dashed: the true curve. Shaded: beyond the data.',
  bnn: `Dark band: the functions’ spread (weights). Light band: plus the noise. Dashed ${colorName(roleColors.vi)}: the vi band, for comparison. Rings: your points (click to add some far out).`,
  widths:
    'Width of each 5–95 % band over twice the data’s range (log scale); shaded: beyond the data.',
  coverage: 'Fraction of held-out points inside each band; dashed: the 0.9 it promises.',
  coverageCurve:
    'Share of held-out points inside each method’s central interval at every level from 0.05 to 0.95, from its exact predictive distribution. Dashed: calibrated. Above the diagonal: intervals too wide.',
  training:
    'Training loss (faint: raw, solid: trend) and the same loss on the held-out points (dashed). Different objectives: compare shapes, not levels.',
};
export const captionClaims = {
  loss: 'regression.caption-noise-floor',
  bnn: 'regression.caption-bnn-colour',
  widths: 'regression.caption-wide-range',
  coverage: 'regression.caption-coverage',
  coverageCurve: 'regression.caption-coverage-curve',
};

export const explanationBlocks = [
  { h: 'The data' },
  {
    p: [
      { claim: 'regression.n', t: ['Ten thousand noisy points of one curve. '] },
      { b: 'cubic' },
      ': ',
      { m: 'x' },
      ' on an even grid of ',
      { m: '[-3, 3]' },
      ' and',
    ],
  },
  {
    math: String.raw`y = 0.2x^3 - 2x^{2+1} + 8x + 1.5\,\varepsilon, \qquad \varepsilon \sim \mathcal{N}(0, 1),`,
  },
  {
    p: [
      'written as the original writes it (so the curve is really ',
      { m: String.raw`-1.8x^3 + 8x` },
      '). ',
      { b: 'sine' },
      ': ',
      { m: String.raw`x \sim \mathcal{N}(0, 1)` },
      ' and ',
      { m: String.raw`y = \sin x + 0.1\,\varepsilon` },
      ', so the points thin out quickly beyond ',
      { m: '|x| = 2' },
      '. ',
      {
        claim: 'regression.split',
        t: [
          'A random 20 % is held out to score the methods; all three train on the same 80 %, full batch, side by side.',
        ],
      },
    ],
  },
  { h: 'mle: a curve and nothing else' },
  {
    p: [
      {
        claim: 'regression.mle-net',
        t: [
          'A network with one hidden layer of 20 ReLU units is fit by Adam to half the mean squared error.',
        ],
      },
      ' ',
      {
        claim: 'regression.mle-exercises',
        t: [
          'The Stanford notebook fits the same network to the sine data and asks for more: ',
          { b: 'mle hidden layers' },
          ', ',
          { b: 'mle activation' },
          ' (ReLU, sigmoid, tanh, GELU) and ',
          { b: 'mle optimizer' },
          ' (Adam, SGD with or without momentum, RMSProp) play its exercises.',
        ],
      },
      ' That is maximum likelihood for ',
      { m: String.raw`y \sim \mathcal{N}(f_\theta(x), \sigma^2)` },
      ' with any fixed ',
      { m: '\\sigma' },
      ': it returns one curve, with no opinion on how sure it is. To score it like the others we give it the best single noise level, ',
      { m: String.raw`\hat\sigma^2 = ` },
      'the training MSE, and the band ',
      { m: String.raw`f_\theta(x) \pm 1.645\,\hat\sigma` },
      ' (dashed). It has the same width at every ',
      { m: 'x' },
      ', on the data and a mile away from it.',
    ],
  },
  { h: 'vi: the original’s “variational regression”' },
  {
    p: [
      {
        claim: 'regression.vi-net',
        t: [
          'Two networks (1→40→20→10→1, ReLU) give a Gaussian for ',
          { m: 'y' },
          ' at each ',
          { m: 'x' },
          ': ',
          { m: String.raw`q(y \mid x) = \mathcal{N}\big(\mu(x),\ \sigma(x)^2\big)` },
          ', with ',
          { m: String.raw`\sigma = e^{\frac12 \log\sigma^2(x)}` },
          '.',
        ],
      },
      ' A draw ',
      { m: String.raw`\hat y = \mu + \sigma\varepsilon` },
      ' is scored by a “prior” over ',
      { m: 'y' },
      ' itself, ',
      { m: String.raw`\mathcal{N}(m_0, v_0)` },
      ' with the mean and variance of the training targets. The loss is',
    ],
  },
  {
    math: String.raw`-\operatorname{mean}_n\Big[\log\mathcal{N}\big(y_n \mid \mu, \sigma^2\big) + \log\mathcal{N}\big(\hat y_n \mid m_0, v_0\big) - \log\mathcal{N}\big(\hat y_n \mid \mu, \sigma^2\big)\Big].`,
  },
  {
    p: [
      {
        claim: 'regression.vi-draws',
        t: [
          'The band is read off 1 000 draws of ',
          { m: '\\hat y' },
          ' per input: their 5 %, 50 % and 95 % quantiles.',
        ],
      },
    ],
  },
  {
    p: [
      { b: 'What this band measures. ' },
      'Nothing in this model is uncertain about the networks: ',
      { m: '\\mu' },
      ' and ',
      { m: '\\sigma' },
      ' are point estimates. The band is the spread of ',
      { m: 'y' },
      ' around the curve that the networks ',
      { i: 'predict' },
      ' at each ',
      { m: 'x' },
      ' — noise that may change with ',
      { m: 'x' },
      ' (aleatoric, heteroscedastic). Where no data was ever seen, ',
      { m: String.raw`\log\sigma^2(x)` },
      ' is just a ReLU network running on along a straight line, so ',
      {
        claim: 'regression.vi-far-accident',
        t: [
          'the band widens, narrows or stays put by accident, not because data is missing (with the defaults and seed 0 it grows about fivefold beyond the data on cubic, and narrows on sine).',
        ],
      },
    ],
  },
  {
    p: [
      { b: 'Why it is too wide. ' },
      'Since ',
      { m: String.raw`\hat y - \mu = \sigma\varepsilon` },
      ', the last term equals ',
      { m: String.raw`-\tfrac12\log(2\pi\sigma^2) - \tfrac12\varepsilon^2` },
      ': its ',
      { m: String.raw`\log\sigma` },
      ' cancels the one in the likelihood. ',
      {
        claim: 'regression.vi-log-sigma',
        t: [
          'That term is what normally stops ',
          { m: '\\sigma' },
          ' from growing; what is left to pay for a large ',
          { m: '\\sigma' },
          ' is the prior term, whose expectation grows like ',
          { m: String.raw`\sigma^2 / (2 v_0)` },
          '.',
        ],
      },
      ' Balancing it against ',
      { m: String.raw`(y - \mu)^2 / (2\sigma^2)` },
      ' gives',
    ],
  },
  {
    math: String.raw`\sigma^2 \approx \sqrt{v_0}\ \sigma_{\text{noise}} \quad (\text{cubic: } \sqrt{65} \times 1.5 \approx 12, \text{ so } \sigma \approx 3.5 \text{ against a true } 1.5),`,
    claim: 'regression.vi-sigma',
  },
  {
    p: [
      {
        claim: 'regression.vi-overcovers',
        t: ['so the “90 %” band holds nearly every point (its ', { b: 'coverage' }, ' near 0.99).'],
      },
      ' ',
      {
        claim: 'regression.vi-sigma-measured',
        t: [
          'The trained σ lands higher still, at about 4.5 (',
          { b: 'Noise σ, vi' },
          ' in the numbers column).',
        ],
      },
      ' The same prior term pulls ',
      { m: '\\mu' },
      ' towards ',
      { m: 'm_0' },
      ' by about ',
      { m: String.raw`\sigma^2 / (\sigma^2 + v_0)` },
      ', which bends the ends of the cubic inwards. The numbers column reports what the band actually does on the held-out points; it is not tuned to look calibrated.',
    ],
  },
  {
    p: [
      'The coverage panel asks the same question at every level, from each method’s exact predictive distribution (for bnn, the mixture over its weight draws). ',
      {
        claim: 'regression.coverage-curve',
        t: [
          'vi’s curve lies above the diagonal at every level (its 50 % interval holds about 0.74 of the held-out points), while mle’s and bnn’s stay within 0.03 of it.',
        ],
      },
    ],
  },
  { h: 'bnn: uncertain weights' },
  {
    p: [
      'A Bayesian neural network puts the uncertainty in the weights instead. Each weight gets a Gaussian, ',
      { m: String.raw`q(w_i) = \mathcal{N}(\mu_i, \sigma_i^2)` },
      ' with ',
      { m: String.raw`\sigma_i^2 = \log(1 + e^{\rho_i})` },
      ', under the prior ',
      { m: String.raw`\mathcal{N}(0, 1)` },
      ' (biases stay point estimates), and the data have noise ',
      { m: String.raw`\sigma_n` },
      ' learned along with them. One weight draw per step, and Adam on the ELBO per data point:',
    ],
  },
  {
    math: String.raw`-\frac{1}{N}\,\mathrm{ELBO} = -\frac1N\sum_{n=1}^{N} \log\mathcal{N}\big(y_n \mid f_w(x_n),\ \sigma_n^2\big) + \frac{1}{N}\,\mathrm{KL}\big(q(w)\,\|\,p(w)\big), \qquad w \sim q.`,
  },
  {
    p: [
      {
        claim: 'regression.bnn-init',
        t: [
          'The means start where an ordinary network would, every ',
          { m: '\\sigma_i' },
          ' at 0.01, so the first steps behave like plain training and the data then decide which weights may stay unsure.',
        ],
      },
      ' ',
      {
        claim: 'regression.bnn-draws',
        t: [
          'The predictive band mixes 100 weight draws (more under Display), each with its noise:',
        ],
      },
      ' the inner, darker band is the spread of the functions ',
      { m: 'f_w' },
      ' alone (epistemic), the outer one adds ',
      { m: String.raw`\sigma_n` },
      ' (aleatoric). ',
      {
        claim: 'regression.bnn-near-far',
        t: [
          'Near the data, thousands of points pin the functions together and only the noise is left; beyond the data nothing holds them and the function band opens, slowly on cubic (its band is on average only about a quarter wider beyond the data than on it) and fast on sine.',
        ],
      },
    ],
  },
  {
    p: [
      {
        claim: 'regression.bnn-sine-edge',
        t: [
          'Mean-field VI is known to be over-confident, and it is here too just past the last points: on sine the function band at ',
          { m: '|x| = 4' },
          ' is already more than ten times wider than at 0, yet no wider than the noise band there.',
        ],
      },
      ' ',
      {
        claim: 'regression.bnn-sine-far',
        t: [
          'Switch on the wide range to see it take over: at ',
          { m: '|x| = 8' },
          ' it is more than twice the noise band.',
        ],
      },
    ],
  },
  { h: 'Monte Carlo, the same way for everyone' },
  {
    p: [
      'Bands come from draws, as in the original. The draws behind a band are shared by all inputs (one weight draw gives one whole function; one ',
      { m: '\\varepsilon' },
      ' shifts every ',
      { m: '\\hat y' },
      ' alike), so ',
      {
        claim: 'regression.shared-draws',
        t: [
          'each input still gets as many independent draws as the band uses (1 000 for vi, 100 for bnn)',
        ],
      },
      ' but the band is a smooth curve, and the same weights always give the same band.',
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        {
          claim: 'regression.q-coverage',
          t: [
            'After the default run, compare the three bands on the data: which holds about 90 % of the held-out points, and which one almost all of them? Read ',
            { b: 'Coverage of the 90 % band' },
            ' and ',
            { b: 'Band width on the data' },
            '.',
          ],
        },
      ],
      [
        'Switch on the wide x range in both plots. ',
        {
          claim: 'regression.q-wide',
          t: [
            'Which bands widen beyond the data, and does the widest growth come from the method that knows it has no data there?',
          ],
        },
      ],
      {
        ask: [
          'Choose the sine data. ',
          {
            claim: 'regression.q-sine',
            t: [
              'The points are dense at 0 and rare beyond 2: how does each band respond? Where does the BNN’s function band (dark) start to grow?',
            ],
          },
        ],
        set: { dataset: 'sine' },
      },
      {
        ask: [
          {
            claim: 'regression.q-bnn-noise',
            t: [
              'Fix the ',
              { b: 'bnn noise σₙ' },
              ' at its true value, or lower the ',
              { b: 'bnn prior variance' },
              '.',
            ],
          },
          ' What changes far away, what near the data?',
        ],
        set: { 'bnn.noise': 'true' },
      },
      {
        ask: [
          {
            claim: 'regression.q-vi-steps',
            t: [
              'Give vi more steps (',
              { b: 'vi steps' },
              ' 5 000). Does its band become calibrated, or wider still?',
            ],
          },
        ],
        set: { 'vi.steps': 5000 },
      },
      {
        ask: [
          {
            claim: 'regression.q-notebook',
            t: [
              'Choose the sine data, the notebook ',
              { b: 'Training setup' },
              ' and 2 000 ',
              { b: 'mle steps' },
              ': the Stanford notebook’s part 1, plain MSE on all 10 000 points. Its training MSE ends at 0.0113; where does mle’s end?',
            ],
          },
          ' Then try the notebook’s exercises on it: another hidden layer, another activation, another optimizer. Which of them change the curve beyond the data?',
        ],
        set: { dataset: 'sine', setup: 'notebook', 'mle.steps': 2000 },
      },
    ],
  },
];

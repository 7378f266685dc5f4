// The logistic lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'Three ways to put uncertainty on a linear classifier, judged against the exact posterior over its weights — and what the loss scaling does to each.';

/** The plots' captions. */
export const captions = {
  loss: 'Each method minimizes its own loss; the objective setting decides which.',
  predictive:
    'Each map spans twice the data’s extent (plus a margin). Dashed: the 0.5 decision line. Far along that line, only the Bayesian predictives admit doubt. Ringed: your points (click to add, Shift-click for the other class, drag to move, right-click or Delete to remove).',
  weights:
    'Shaded: the exact posterior with the bias held at the optimum of the MAP loss (run to convergence). Ellipses: 1σ and 2σ.',
  scores: 'Test NLL (lower is better) and mean predictive entropy over the plane, per method.',
  entropy: 'Entropy of the predictive, from 0 (certain) to log 2 ≈ 0.69 nats (a coin flip).',
  reliability:
    'Ten bins of predicted p(y = 1). Held out: the 2 000 test points. Far away: 2 000 points from the same blobs with three times the spread, each labelled by the blob that drew it. Dashed: perfect calibration; ECE is the count-weighted gap to it.',
  elboGap:
    'VI’s gap (solid, 256 draws a point) follows its KL(q ‖ exact) (dashed) up to Monte Carlo error: the bound is as loose as q is far.',
  gradientNoise:
    'Total variance of the ELBO gradient for VI’s q (μ and log-scales, bias held) per estimate: the score function’s is higher at every sample count.',
};
export const captionClaims = {
  predictive: 'logistic.caption-predictive',
  weights: 'logistic.caption-weights',
  entropy: 'logistic.caption-entropy',
  elboGap: 'logistic.caption-elbo-gap',
  reliability: 'logistic.caption-reliability',
  gradientNoise: 'logistic.caption-gradient-noise',
};

export const explanationBlocks = [
  { h: 'The model' },
  {
    p: [
      {
        claim: 'logistic.blobs',
        t: [
          'Two clouds of points, centred at (−2, −2) and (2, 2), carry the labels 0 and 1. A logistic regression gives every point ',
          { m: 'x' },
          ' a probability of belonging to class 1:',
        ],
      },
    ],
  },
  {
    math: String.raw`p(y = 1 \mid x, w, b) = \sigma(w^\top x + b), \qquad \sigma(t) = \frac{1}{1 + e^{-t}}, \qquad p(w) = \mathcal{N}(0, \sigma_p^2 I).`,
  },
  {
    p: [
      'With a Gaussian prior on the two weights the posterior ',
      { m: String.raw`p(w \mid \mathcal{D}) \propto p(w) \prod_n p(y_n \mid x_n, w, b)` },
      ' has no closed form: the sigmoid likelihood is not conjugate to the Gaussian. Three ways around it run side by side here; the bias ',
      { m: 'b' },
      ' is a plain number in all of them.',
    ],
  },
  { h: 'Three approximations' },
  {
    list: [
      [
        { b: 'MAP. ' },
        'Gradient descent finds the most probable weights ',
        { m: String.raw`w_{\text{MAP}}` },
        ' and predicts with them alone, ',
        { m: String.raw`p(y = 1 \mid x) \approx \sigma(w_{\text{MAP}}^\top x + b)` },
        '. ',
        {
          claim: 'logistic.map-confidence',
          t: [
            'Its confidence grows without limit as you walk away from the decision line, across it; walking along the line it stays at 0.5.',
          ],
        },
      ],
      [
        { b: 'Laplace. ' },
        'A Gaussian centred at ',
        { m: String.raw`w_{\text{MAP}}` },
        ' whose inverse covariance is the curvature (Hessian) of the negative log-posterior there. ',
        {
          claim: 'logistic.samples',
          t: [
            'Its predictive averages ',
            { m: String.raw`\sigma(w^\top x + b)` },
            ' over 400 weight samples.',
          ],
        },
      ],
      [
        { b: 'Mean-field VI. ' },
        'A Gaussian ',
        { m: String.raw`q(w) = \mathcal{N}(\mu, \operatorname{diag}\sigma^2)` },
        ' with ',
        { m: String.raw`\sigma^2 = \log(1 + e^{\rho})` },
        ', fitted by stochastic gradients on the negative ELBO with reparameterized samples ',
        { m: String.raw`w = \mu + \sigma \odot \varepsilon` },
        '. The KL between two Gaussians is exact:',
      ],
    ],
  },
  {
    math: String.raw`\mathrm{KL}\big(\mathcal{N}(\mu_i, \sigma_i^2)\,\|\,\mathcal{N}(0, \sigma_p^2)\big) = \log\frac{\sigma_p}{\sigma_i} + \frac{\sigma_i^2 + \mu_i^2}{2\sigma_p^2} - \frac12.`,
  },
  { h: 'The exact answer, for once' },
  {
    p: [
      'With the bias held fixed the posterior lives on a plane, so the engine evaluates it on a grid: the shaded density in the weight panel, its mean and covariance, and the KL from each Gaussian to it. Near-separable blobs make it lopsided: the data rule out small weights sharply, while large weights stay almost as good until the prior reins them in.',
    ],
  },
  { h: 'Which posterior? The scaling lesson' },
  {
    p: [
      'The original exercise writes its losses per data point. With ',
      { m: 'N = 400' },
      ' points that quietly changes what each method targets:',
    ],
  },
  {
    list: [
      [
        {
          claim: 'logistic.map-prior',
          t: [
            'MAP minimizes ',
            { m: String.raw`\tfrac1N\sum_n \mathrm{BCE}_n + \lambda \lVert w\rVert^2` },
            ' with ',
            { m: String.raw`\lambda = 0.05` },
            ', the mode of a posterior whose prior variance is ',
            { m: String.raw`1/(2N\lambda) = 0.025` },
            ', not 4.',
          ],
        },
      ],
      [
        {
          claim: 'logistic.laplace-scale',
          t: [
            'Laplace inverts the Hessian of that per-point loss, which is ',
            { m: 'N' },
            ' times smaller than the posterior’s: its covariance is ',
            { m: 'N = 400' },
            ' times too wide (20 times in standard deviation).',
          ],
        },
      ],
      [
        'VI adds the ',
        { i: 'mean' },
        ' of the two KL terms to the mean cross-entropy: ',
        { m: String.raw`\tfrac1N\big[\sum_n \mathrm{BCE}_n + \tfrac N2 \mathrm{KL}\big]` },
        ', an ELBO whose likelihood is tempered by ',
        { m: '2/N' },
        '. ',
        {
          claim: 'logistic.vi-tempered',
          t: [
            'Its q stays near the origin: its mean reaches less than half of the exact posterior’s, and its variances are about five times smaller than the prior’s.',
          ],
        },
      ],
    ],
  },
  {
    p: [
      'Set ',
      { b: 'objective' },
      ' to ',
      { b: 'elbo' },
      ' and all three target the same posterior, the one in the weight panel:',
    ],
  },
  {
    math: String.raw`\text{MAP: } \tfrac1N\textstyle\sum_n \mathrm{BCE}_n + \frac{\lVert w \rVert^2}{2\sigma_p^2 N}, \qquad \Sigma_{\text{Laplace}} = \big(N\,\nabla^2 L\big)^{-1}, \qquad \text{VI: } \tfrac1N\textstyle\sum_n \mathrm{BCE}_n + \tfrac1N\sum_i \mathrm{KL}_i.`,
  },
  {
    p: [
      'Dividing the whole negative ELBO by ',
      { m: 'N' },
      ' changes nothing about its optimum but keeps the learning rates usable. The weight panel always shows the posterior under the prior ',
      { m: String.raw`\mathcal{N}(0, \sigma_p^2 I)` },
      ' (',
      { claim: 'logistic.prior-default', t: [{ b: 'Prior variance' }, ', 4 by default,'] },
      ' the exercise’s VI prior) with the full likelihood, and the bias held at the optimum of the current MAP loss (the loss run to convergence, not the MAP after its few steps). In exercise mode it is therefore the posterior none of the three methods is aiming at, which is exactly what the KL numbers show.',
    ],
  },
  { h: 'Are the probabilities honest?' },
  {
    p: [
      'A predictive is calibrated when, among the points it gives a probability near ',
      { m: 'p' },
      ', a share ',
      { m: 'p' },
      ' have ',
      { m: 'y = 1' },
      '. The calibration panel sorts the predictions into bins, plots the observed frequency of ',
      { m: 'y = 1' },
      ' in each bin against its mean prediction, and sums the gaps into the expected calibration error:',
    ],
  },
  {
    math: String.raw`\mathrm{ECE} = \sum_b \frac{n_b}{n}\,\big|\,\bar y_b - \bar p_b\,\big|.`,
  },
  {
    p: [
      'Held-out points come from the blobs the model was trained on. ',
      {
        claim: 'logistic.caption-reliability',
        t: [
          'Far-away points come from the same blobs spread three times wider, where the model must extrapolate.',
        ],
      },
      ' ',
      {
        claim: 'logistic.ece-exercise',
        t: [
          'In the exercise’s setup every method is underconfident on the test points (its curve is flatter than the diagonal), and Laplace by far the most, its covariance being 400 times too wide.',
        ],
      },
      ' ',
      {
        claim: 'logistic.ece-elbo',
        t: [
          'With the elbo objective run long (the second question below) all three are calibrated on the test points, with an ECE below 0.01, and all three are overconfident far away, MAP the most.',
        ],
      },
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        'Run the defaults. Compare the three maps far along the dashed decision line, then the test NLL and entropy bars. ',
        {
          claim: 'logistic.q-overconfident',
          t: ['Which method is overconfident where no data was seen?'],
        },
      ],
      {
        ask: [
          'In the weight panel, how do the Laplace ellipse and the exact posterior compare in size? ',
          {
            claim: 'logistic.q-elbo-long',
            t: [
              'Switch the ',
              { b: 'Objective' },
              ' to ',
              { b: 'elbo' },
              ', raise the step counts (',
              { b: 'MAP steps' },
              ' 2 000 at ',
              { b: 'MAP learning rate' },
              ' 5, ',
              { b: 'VI steps' },
              ' 20 000 at ',
              { b: 'VI learning rate' },
              ' 0.5) and watch both KL values fall. Why does Laplace stay further away than VI?',
            ],
          },
        ],
        set: {
          objective: 'elbo',
          'map.steps': 2000,
          'map.lr': 5,
          'vi.steps': 20000,
          'vi.lr': 0.5,
        },
      },
      {
        ask: [
          'With the elbo objective, where does the MAP star sit relative to the shaded density, and where does the exact mean sit? What does the difference tell you about the posterior’s shape?',
        ],
        set: { objective: 'elbo' },
      },
      {
        ask: [
          {
            claim: 'logistic.q-weight-decay',
            t: [
              'Back in exercise mode, set the ',
              { b: 'MAP weight decay λ' },
              ' to 0.001 and then to 1.',
            ],
          },
          ' How do the MAP map and the Laplace ellipse respond, and which prior variance does each value correspond to?',
        ],
        set: { 'map.weightDecay': 0.001 },
      },
    ],
  },
];

// The moons lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'On two interleaved moons, compare how sure a mean-field Bayesian network, MC dropout and a plain network are far from anything they have seen.';

/** The plots' captions. */
export const captions = {
  loss: 'The BNN’s loss includes its KL term, so it stays well above the dropout network’s.',
  predictive:
    'Monte Carlo averages over passes, refined a chunk at a time. Dashed: p = 0.5. Rings: where “far away” is measured. Ringed dots: your points (click to add, Shift-click for the other class, drag to move, right-click or Delete to remove).',
  bars: 'Mean predictive entropy on the training points and on the ring of radius 3.',
  reliability:
    'Ten bins of predicted p(y = 1). Held out: 500 fresh points of the moons. Far away: 500 points of the same moons with noise 0.5 larger, each labelled by the moon that drew it. Dashed: perfect calibration; ECE is the count-weighted gap to it.',
  terms:
    'Cross-entropy falls as the network fits; the KL term is what keeps unused weights uncertain.',
};
export const captionClaims = {
  loss: 'moons.caption-loss',
  predictive: 'moons.caption-predictive',
  bars: 'moons.caption-ring',
  terms: 'moons.caption-terms',
  reliability: 'moons.caption-reliability',
};

export const explanationBlocks = [
  { h: 'The task' },
  {
    p: [
      {
        claim: 'moons.data',
        t: ['A thousand points on two interleaved half circles, each with its class.'],
      },
      ' ',
      {
        claim: 'moons.net',
        t: [
          'A straight line cannot separate them, so every model here is a small network with one hidden layer of 50 ReLU units and a sigmoid output:',
        ],
      },
    ],
  },
  {
    math: String.raw`p(y = 1 \mid x) = \sigma\big(w_2^\top \operatorname{relu}(W_1^\top x + b_1) + b_2\big).`,
  },
  {
    p: [
      'All three methods separate the training points (nearly) perfectly. The question is what they say about the rest of the plane — in particular on the ring of points three units from the data, where nothing was ever observed.',
    ],
  },
  { h: 'A Bayesian neural network' },
  {
    p: [
      'Every weight gets its own Gaussian, ',
      { m: String.raw`q(w_i) = \mathcal{N}(\mu_i, \sigma_i^2)` },
      ' with ',
      { m: String.raw`\sigma_i^2 = \log(1 + e^{\rho_i})` },
      ', against a broad prior ',
      { m: String.raw`\mathcal{N}(0, 100)` },
      '; biases stay point estimates. Each step draws one set of weights by reparameterization and takes an Adam step on',
    ],
  },
  {
    math: String.raw`\frac1N \sum_n \mathrm{BCE}\big(y_n, p(y_n \mid x_n, w)\big) + \sum_{\ell = 1}^{2} \operatorname{mean}_{i \in \ell}\, \mathrm{KL}\big(q(w_i)\,\|\,p(w_i)\big).`,
  },
  {
    p: [
      {
        claim: 'moons.kl-weight',
        t: [
          'Averaging the KL over each layer’s weights, as the original does, weighs it 10 to 20 times more than the per-point ELBO (which divides the total KL by ',
          { m: 'N = 1000' },
          ').',
        ],
      },
      ' ',
      {
        claim: 'moons.loose-weights',
        t: [
          'The fit pays for that with a wider q: weights the data do not pin down stay close to the prior, and far from the data those loose weights make the passes disagree, so the BNN’s entropy on the far ring ends several times higher than on the data and higher than MC dropout’s.',
        ],
      },
    ],
  },
  {
    p: [
      { b: 'A numerical note. ' },
      {
        claim: 'moons.rho-overflow',
        t: [
          'Weights that the data ignore drift towards the prior variance of 100, which takes ',
          { m: String.raw`\rho \approx 100` },
          ', past the 88.7 where ',
          { m: String.raw`e^{\rho}` },
          ' overflows single precision.',
        ],
      },
      ' ',
      {
        claim: 'moons.softplus',
        t: [
          'The original code computed ',
          { m: String.raw`\log(1 + e^{\rho})` },
          ' literally and crashed near step 9 000.',
        ],
      },
      ' ',
      {
        claim: 'moons.stable-softplus',
        t: [
          'Here softplus is evaluated as ',
          { m: String.raw`\max(\rho, 0) + \log(1 + e^{-|\rho|})` },
          ', which never overflows, so all 10 000 steps run; set ',
          { b: 'BNN σ² from ρ' },
          ' to literal to watch the original’s crash.',
        ],
      },
    ],
  },
  { h: 'Monte Carlo dropout' },
  {
    p: [
      'A plain network is trained with dropout on its hidden layer (each unit silenced with probability ',
      { m: 'p = 0.5' },
      ' and the survivors scaled by ',
      { m: '1/(1-p)' },
      '). Gal and Ghahramani showed that this is itself approximate variational inference, with a q whose weights are either kept or zeroed. Keeping dropout on at prediction time and averaging many passes gives its predictive:',
    ],
  },
  {
    math: String.raw`p(y = 1 \mid x) \approx \frac1S \sum_{s=1}^{S} \sigma\big(f(x;\, m_s \odot W)\big), \qquad m_s \sim \text{Bernoulli masks}.`,
  },
  {
    p: [
      'The ',
      { b: 'plain' },
      ' network is that same trained network with dropout switched off: one deterministic pass, a point estimate. With ',
      { m: 'p = 0' },
      ' the two coincide exactly.',
    ],
  },
  { h: 'Reading the maps' },
  {
    p: [
      'The top row is the averaged prediction. The second row shows its uncertainty, either as the entropy of the averaged prediction (all uncertainty, including a point sitting on the decision boundary) or as the spread of ',
      { m: 'p' },
      ' across passes (only the part that comes from not knowing the weights; zero for the plain network). ',
      {
        claim: 'moons.refine',
        t: [
          'The maps are refined a chunk of passes per frame, up to the number you choose, so the page stays responsive even for 500 passes on a fine grid;',
        ],
      },
      ' a pass draws one weight sample (or one dropout mask) for the whole map, so each point’s average is an ordinary Monte Carlo estimate and the noise of an unfinished map is smooth rather than speckled.',
    ],
  },
  { h: 'Are the probabilities honest?' },
  {
    p: [
      'Entropy says how unsure a network admits to be, not whether it is right to be. The calibration panel checks that: among the points a network gives a probability near ',
      { m: 'p' },
      ', a share ',
      { m: 'p' },
      ' should have ',
      { m: 'y = 1' },
      '; the expected calibration error (ECE) is the count-weighted gap between the two over the bins. ',
      {
        claim: 'moons.ece',
        t: [
          'On fresh points of the moons the BNN is the best calibrated of the three. On the noisier far-away moons all three are overconfident, with an ECE several times larger, and MC dropout a little less than the other two.',
        ],
      },
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        {
          claim: 'moons.q-ring',
          t: [
            'After the default run, compare the three uncertainty maps along the ring. Where is MC dropout confident although it has never seen data there? Read the entropy bars to check.',
          ],
        },
      ],
      [
        'Switch the uncertainty map to the spread across passes. Which parts of the BNN’s entropy come from disagreeing weights, and which from points that sit on the boundary?',
      ],
      {
        ask: [
          {
            claim: 'moons.q-dropout-p',
            t: [
              'Set the ',
              { b: 'Dropout probability p' },
              ' to 0, then to 0.8. What happens to the MC dropout maps and to its accuracy? Why do MC dropout and the plain network agree exactly at 0?',
            ],
          },
        ],
        set: { 'dropout.p': 0 },
      },
      {
        ask: [
          {
            claim: 'moons.q-prior',
            t: [
              'Lower the ',
              { b: 'BNN prior variance' },
              ' to 1, or the ',
              { b: 'BNN steps' },
              ' to 1 000.',
            ],
          },
          ' How does the band of uncertainty around the moons change, and what happens to the KL term?',
        ],
        set: { 'bnn.priorVar': 1 },
      },
      {
        ask: [
          {
            claim: 'moons.q-literal',
            t: [
              'Set ',
              { b: 'BNN σ² from ρ' },
              ' to literal, the original’s formula, and press play. On about half the seeds training stops between steps 8 000 and 10 000: which weights’ ρ overflowed, and why only the BNN’s?',
            ],
          },
        ],
        set: { 'bnn.sigma': 'literal' },
      },
    ],
  },
];

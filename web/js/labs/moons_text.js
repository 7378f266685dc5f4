// The moons lab's words: the gallery card's sentence and "What is going on"
// (data for ../explain.js).

/** The gallery card's sentence: what the lab teaches. */
export const teaches =
  'On two interleaved moons, compare how sure a mean-field Bayesian network, MC dropout and a plain network are far from anything they have seen.';

export const explanationBlocks = [
  { h: 'The task' },
  {
    p: [
      'A thousand points on two interleaved half circles, each with its class. A straight line cannot separate them, so every model here is a small network with one hidden layer of 50 ReLU units and a sigmoid output:',
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
      'Averaging the KL over each layer’s weights, as the original does, weighs it 10 to 20 times more than the per-point ELBO (which divides the total KL by ',
      { m: 'N = 1000' },
      '). The fit pays for that with a wider q: weights the data do not pin down stay close to the prior, and far from the data those loose weights make the passes disagree.',
    ],
  },
  {
    p: [
      { b: 'A numerical note. ' },
      'Weights that the data ignore drift towards the prior variance, so their ',
      { m: '\\rho' },
      ' climbs past 88, where ',
      { m: String.raw`e^{\rho}` },
      ' overflows single precision. The original code computed ',
      { m: String.raw`\log(1 + e^{\rho})` },
      ' literally and crashed near step 9 000. Here softplus is evaluated as ',
      { m: String.raw`\max(\rho, 0) + \log(1 + e^{-|\rho|})` },
      ', which never overflows, so all 10 000 steps run.',
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
      ' across passes (only the part that comes from not knowing the weights; zero for the plain network). ' +
        'The maps are refined a chunk of passes per frame, up to the number you choose, so the page stays responsive even for 500 passes on a fine grid; a pass draws one weight sample (or one dropout mask) for the whole map, so each point’s average is an ordinary Monte Carlo estimate and the noise of an unfinished map is smooth rather than speckled.',
    ],
  },
  { h: 'Explore' },
  {
    questions: [
      [
        'After the default run, compare the three uncertainty maps along the ring. Where is MC dropout confident although it has never seen data there? Read the entropy bars to check.',
      ],
      [
        'Switch the uncertainty map to the spread across passes. Which parts of the BNN’s entropy come from disagreeing weights, and which from points that sit on the boundary?',
      ],
      [
        'Set the dropout probability to 0, then to 0.8. What happens to the MC dropout maps and to its accuracy? Why do MC dropout and the plain network agree exactly at 0?',
      ],
      [
        'Lower the BNN’s prior variance to 1, or its steps to 1 000. How does the band of uncertainty around the moons change, and what happens to the KL term?',
      ],
    ],
  },
];

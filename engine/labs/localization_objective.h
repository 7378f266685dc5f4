// Localization's training objective on the tape: −ELBO at q's network outputs, with its gradient
// estimated by reparameterization or by the score function (REINFORCE).
//
// Shapes: μ 1×2; head 1×2 (log L₀₀², log L₁₁²) or, for fullCov, 1×3 (…, β = L₁₀ / L₀₀).
//   ELBO = E_q[log p(X | z)] − KL(q ‖ N(0, I)) = E_q[log p(X, z) − log q(z)]
//   reparameterization  z = μ + L·ε: the KL in closed form, the expected log-likelihood by S
//                       samples, gradients through z
//   score function      ∇ELBO = E_q[(log p(X, z) − log q(z)) ∇ log q(z)], by S samples of z
//                       held fixed, no baseline: the whole integrand, prior and entropy too, goes
//                       through the noisy estimate (E_q[∇ log q] = 0 makes it unbiased)
#pragma once

#include "autodiff/ops.h"
#include "labs/localization_model.h"
#include "random/rng.h"

namespace vi {

// One step's objective: `backward` is what to backpropagate (its gradient is the estimator's
// −∇ELBO), the rest are the sampled values to report.
struct ObjectiveStep {
  Var backward;
  float loss = 0.f, loglik = 0.f, kl = 0.f;  // loss = kl − loglik = −ELBO estimate
};

struct LocalizationObjective {
  const SensorModel& model;
  bool full = false;          // family = fullCov
  bool shared_noise = false;  // one ε for both coordinates (reparameterization only)
  int samples = 1;            // Monte Carlo samples of z per step

  ObjectiveStep reparam(Var mu, Var head, Rng& rng) const;
  // Draws ε as reparam() does (two normals per sample, independent noise only).
  ObjectiveStep score(Var mu, Var head, Rng& rng) const;
};

}  // namespace vi

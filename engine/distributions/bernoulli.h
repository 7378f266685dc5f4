// Bernoulli helpers: log-likelihood from logits and the entropy of a predictive probability.
#pragma once

#include "autodiff/ops.h"

namespace vi {

// Elementwise log p(y | logit) = −BCE(logit, y).
inline Var bernoulli_log_prob(Var logits, Var y) {
  return -bce_with_logits(logits, y);
}

// H(p) = −p log p − (1−p) log(1−p) in nats, 0 at p ∈ {0, 1}.
double bernoulli_entropy(double p);

// −log p(y | p) with p clamped away from 0 and 1 by 1e-7 (the predictive is a Monte Carlo mean).
double bernoulli_nll(double p, double y);

}  // namespace vi

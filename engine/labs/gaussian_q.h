// A 2-D Gaussian q = N(μ, L·Lᵀ) over a lab's two latent values, and the Monte Carlo ELBO at q
// whose gap to log p(X) is KL(q ‖ p(z | X)).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "random/rng.h"

namespace vi {

// L = [[l00, 0], [l10, l11]] lower-triangular with l00, l11 > 0; a mean-field q has l10 = 0.
struct GaussianQ {
  std::array<double, 2> mean{};
  std::array<double, 3> chol{};  // l00, l10, l11

  std::array<double, 4> cov() const {  // L·Lᵀ, row-major
    const double l00 = chol[0], l10 = chol[1], l11 = chol[2];
    return {l00 * l00, l00 * l10, l00 * l10, l10 * l10 + l11 * l11};
  }
  // H(q) = ½ log det(2πe·L·Lᵀ) = log(2πe) + log l00 + log l11.
  double entropy() const {
    return std::log(2.0 * M_PI * M_E) + std::log(chol[0]) + std::log(chol[2]);
  }
  // μ + L·ε for ε = (e0, e1).
  std::array<double, 2> at(double e0, double e1) const {
    return {mean[0] + chol[0] * e0, mean[1] + chol[1] * e0 + chol[2] * e1};
  }
};

// q from a mean and a positive-definite covariance (row-major), by its Cholesky factor.
inline GaussianQ gaussian_from_cov(const std::array<double, 2>& mean,
                                   const std::array<double, 4>& cov) {
  const double l00 = std::sqrt(cov[0]), l10 = cov[2] / l00;
  return {mean, {l00, l10, std::sqrt(std::max(cov[3] - l10 * l10, 0.0))}};
}

struct ElboEstimate {
  double value = 0.0, standard_error = 0.0;
};

// ELBO(q) = E_q[log p̃(z) − log q(z)] by `samples` draws z = μ + L·ε from `rng` (ε₀ then ε₁
// per draw); log p(X) − ELBO(q) = KL(q ‖ p(z | X)) when p̃ integrates to p(X). Averaging
// log p̃ − log q rather than adding H(q) in closed form: the terms vary less the closer q is to
// the posterior, and not at all when it is exact. The standard error is their sd over √samples.
template <class LogJoint>
ElboEstimate elbo_estimate(const LogJoint& log_joint, const GaussianQ& q, int samples, Rng& rng) {
  double sum = 0.0, sum_sq = 0.0;
  for (int s = 0; s < samples; ++s) {
    const double e0 = rng.normal();
    const double e1 = rng.normal();
    const std::array<double, 2> z = q.at(e0, e1);
    // log q(z) = −log 2π − log l00 − log l11 − ½|ε|²
    const double log_q = -std::log(2.0 * M_PI) - std::log(q.chol[0]) - std::log(q.chol[2]) -
                         0.5 * (e0 * e0 + e1 * e1);
    const double lp = log_joint(z[0], z[1]) - log_q;
    sum += lp;
    sum_sq += lp * lp;
  }
  const double n = double(samples), mean = sum / n;
  const double var = std::max(sum_sq / n - mean * mean, 0.0) * n / std::max(n - 1.0, 1.0);
  return {mean, std::sqrt(var / n)};
}

}  // namespace vi

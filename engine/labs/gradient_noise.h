// How noisy two Monte Carlo estimators of the ELBO's gradient are at a 2-D Gaussian q: the
// reparameterization estimator and the score-function (REINFORCE) one, as MC samples grow.
//
// Both estimate ∇_λ ELBO = ∇_λ E_q[f(z) − log q(z)], f = log p̃, for λ = (μ₀, μ₁, a, b) with
// L₀₀ = eᵃ, L₁₁ = eᵇ and L₁₀ held. With z = μ + L·ε,
//   reparameterization  ĝ = (∇f(z), ∂₀f(z)·L₀₀ε₀, ∂₁f(z)·L₁₁ε₁) + ∇_λ H(q), the entropy's
//                       gradient (0, 0, 1, 1) exact: it adds no noise
//   score function      ĝ = (f(z) − log q(z))·∇_λ log q(z), with (ε = L⁻¹(z − μ) at fixed z)
//                       ∇_μ log q = L⁻ᵀε,  ∂_a log q = ε₀² − 1 − ε₀ε₁L₁₀/L₁₁,  ∂_b log q = ε₁² − 1,
//                       no baseline: the estimator localization's `estimator = score` trains with.
// An S-sample estimate averages S such terms; its variance is one term's over S.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "labs/gaussian_q.h"
#include "random/rng.h"
#include "util/json.h"

namespace vi {

struct GradientNoise {
  std::vector<int> samples;     // MC samples per estimate
  std::vector<double> reparam;  // total variance (trace of the covariance) of the S-sample
  std::vector<double> score;    // estimate, per entry of `samples`
};

// Variances from one stream of draws from `rng`: replicates × max(samples) single-sample terms,
// cut into consecutive groups of S for each S in `samples` (each must divide the largest), so
// the largest S has `replicates` estimates and a smaller S proportionally more, all from the
// same draws. log_joint(z0, z1) → {f, ∂₀f, ∂₁f}: one call gives the value and the gradient, so a
// lab whose log p̃ sums over data points passes over them once.
template <class LogJoint>
GradientNoise gradient_noise(const LogJoint& log_joint, const GaussianQ& q,
                             const std::vector<int>& samples, int replicates, Rng& rng) {
  const double l00 = q.chol[0], l10 = q.chol[1], l11 = q.chol[2];
  const double log_norm = -std::log(2.0 * M_PI) - std::log(l00) - std::log(l11);
  // Per sample count: the open group's sums of the two estimators' terms, and over closed
  // groups the sums and squares of their means.
  struct Groups {
    std::array<double, 4> open_r{}, open_s{}, sum_r{}, sq_r{}, sum_s{}, sq_s{};
    int closed = 0;
  };
  std::vector<Groups> groups(samples.size());
  const int draws = replicates * *std::max_element(samples.begin(), samples.end());
  for (int n = 1; n <= draws; ++n) {
    const double e0 = rng.normal();
    const double e1 = rng.normal();
    const std::array<double, 2> z = q.at(e0, e1);
    const std::array<double, 3> fd = log_joint(z[0], z[1]);  // f, ∂₀f, ∂₁f
    // log q(z) = −log 2π − log L₀₀ − log L₁₁ − ½|ε|²
    const double w = fd[0] - (log_norm - 0.5 * (e0 * e0 + e1 * e1));
    const std::array<double, 4> reparam{fd[1], fd[2], fd[1] * l00 * e0 + 1.0,
                                        fd[2] * l11 * e1 + 1.0};
    // L⁻ᵀε = ((ε₀ − ε₁L₁₀/L₁₁)/L₀₀, ε₁/L₁₁)
    const std::array<double, 4> score{w * (e0 - e1 * l10 / l11) / l00, w * e1 / l11,
                                      w * (e0 * e0 - 1.0 - e0 * e1 * l10 / l11),
                                      w * (e1 * e1 - 1.0)};
    for (size_t i = 0; i < samples.size(); ++i) {
      Groups& g = groups[i];
      for (size_t k = 0; k < 4; ++k) g.open_r[k] += reparam[k], g.open_s[k] += score[k];
      if (n % samples[i] != 0) continue;
      for (size_t k = 0; k < 4; ++k) {
        const double r = g.open_r[k] / samples[i], s = g.open_s[k] / samples[i];
        g.sum_r[k] += r, g.sq_r[k] += r * r;
        g.sum_s[k] += s, g.sq_s[k] += s * s;
      }
      g.open_r = {}, g.open_s = {};
      ++g.closed;
    }
  }
  GradientNoise out{samples, {}, {}};
  for (const Groups& g : groups) {
    const double m = g.closed;
    double var_r = 0.0, var_s = 0.0;
    for (size_t k = 0; k < 4; ++k) {
      var_r += (g.sq_r[k] - g.sum_r[k] * g.sum_r[k] / m) / (m - 1.0);
      var_s += (g.sq_s[k] - g.sum_s[k] * g.sum_s[k] / m) / (m - 1.0);
    }
    out.reparam.push_back(var_r);
    out.score.push_back(var_s);
  }
  return out;
}

// The metrics keys gradVarSamples (floats) and gradVarReparam, gradVarScore: arrays of numbers
// in double precision, since the score function's variance at a q far off (a diverged run's
// last good state) can exceed a float's range.
inline void write_gradient_noise(Json& out, const GradientNoise& noise) {
  out["gradVarSamples"] = std::vector<float>(noise.samples.begin(), noise.samples.end());
  Json reparam = Json::array(), score = Json::array();
  for (double v : noise.reparam) reparam.push_back(v);
  for (double v : noise.score) score.push_back(v);
  out["gradVarReparam"] = reparam;
  out["gradVarScore"] = score;
}

}  // namespace vi

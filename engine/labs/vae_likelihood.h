// Exact log p(x) and exact ELBO of a ReLU decoder with a one-dimensional latent z.
//
// A ReLU network of a scalar input is piecewise linear: between the points where some hidden unit
// switches on or off, f(z) = a + b·z. On each such piece the integrand p(x|z)·p(z), with
// p(x|z) = N(x | f(z), σ²I) and p(z) = N(0, 1), is a Gaussian in z, so
//   p(x) = Σ_pieces ∫_{t0}^{t1} N(x | a + b·z, σ²I) N(z | 0, 1) dz
// has a closed form per piece (a difference of normal CDFs). The same pieces give the exact
// expected log-likelihood E_q[log p(x|z)] under a Gaussian q(z|x), hence the exact ELBO.
// Everything is computed in double precision from the network's float weights.
// Shapes: D data dimensions (x ∈ R^D); H hidden units per layer.
#pragma once

#include <vector>

#include "base/matrix.h"

namespace vi {

// f(z) = a + b·z for z in [t0, t1] (t0 may be −∞ and t1 +∞).
struct LinearPiece {
  double t0, t1;
  std::vector<double> a, b;  // D each
  double bb = 0.0;           // ‖b‖²
};

// The pieces of z ↦ relu(…relu(z·W₀ + b₀)…)·W_L + b_L, covering the whole real line in order.
// weights[l] is in×out (the first is 1×H), biases[l] is 1×out; ReLU after every layer but the last.
std::vector<LinearPiece> relu_network_pieces(const std::vector<const Matrix*>& weights,
                                             const std::vector<const Matrix*>& biases);

// f(z) from the pieces (for tests): the piece containing z.
std::vector<double> evaluate_pieces(const std::vector<LinearPiece>& pieces, double z);

// Exact integrals over the pieces for one noise level σ; per-piece constants are prepared once,
// so that evaluating many points (a test set, once per epoch) stays cheap.
class ExactMarginal {
 public:
  ExactMarginal(std::vector<LinearPiece> pieces, double noise);

  // log p(x) = log ∫ N(x | f(z), σ²I) N(z | 0, 1) dz. x holds D values.
  double log_marginal(const float* x);  // not const: reuses its scratch buffers

  // E_{z ~ N(mean, std²)} [log N(x | f(z), σ²I)].
  double expected_log_lik(const float* x, double mean, double std) const;

  const std::vector<LinearPiece>& pieces() const { return pieces_; }

 private:
  std::vector<LinearPiece> pieces_;
  size_t dims_;
  double inv_var_, log_norm_;  // 1/σ², −(D/2) log 2πσ²
  // Per piece: P = ‖b‖²/σ² + 1, 1/P, √P, −(D/2) log 2πσ² − ½ log P.
  std::vector<double> precision_, inv_precision_, sqrt_precision_, log_term_;
  std::vector<double> base_, mode_, bound_;  // scratch of log_marginal
};

// log(Φ(u1) − Φ(u0)) for u0 ≤ u1 (either may be infinite), accurate far in both tails.
double log_normal_cdf_between(double u0, double u1);

}  // namespace vi

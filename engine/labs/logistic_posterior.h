// Weight space of Bayesian logistic regression with the bias held fixed: the mean loss, its
// gradient and Hessian (Laplace), the loss's joint optimum, and the exact posterior on a grid.
//
// Shapes: N points, x N×2, y N×1 with labels in {0, 1}; w = (w₁, w₂); b the fixed bias.
//   mean loss   L(w) = (1/N) Σₙ BCE(w·xₙ + b, yₙ) + penalty·‖w‖²
//   posterior   log p̃(w) = Σₙ log p(yₙ | xₙ, w, b) + log N(w; 0, prior_var·I)
//                        = −N·L(w) + const   when penalty = 1 / (2·N·prior_var)
#pragma once

#include <array>
#include <vector>

#include "base/grid_box.h"
#include "base/matrix.h"

namespace vi {

using Vec2 = std::array<double, 2>;
using Mat2 = std::array<double, 4>;  // row-major 2×2

Mat2 inverse(const Mat2& m);

// The data in double precision, with a bias that stays fixed.
class WeightSpace {
 public:
  WeightSpace(const Matrix& x, const Matrix& y, double bias);

  int size() const { return int(y_.size()); }
  double bias() const { return bias_; }

  double mean_loss(const Vec2& w, double penalty) const;
  Vec2 mean_loss_gradient(const Vec2& w, double penalty) const;
  // (1/N) Σₙ σₙ(1 − σₙ) xₙxₙᵀ + 2·penalty·I, with σₙ = σ(w·xₙ + b).
  Mat2 mean_loss_hessian(const Vec2& w, double penalty) const;

  double log_likelihood(double w0, double w1) const;  // Σₙ log p(yₙ | xₙ, w, b)
  double log_joint(double w0, double w1, double prior_var) const;

  // argmin over w of L(w) by Newton's method (L is strictly convex when penalty > 0).
  Vec2 minimize(double penalty, Vec2 start = {0.0, 0.0}) const;

 private:
  std::vector<double> x0_, x1_, y_;
  double bias_;
};

// The optimum (w, b) of the mean loss over weights and bias together (the bias unpenalized): where
// the MAP iterate converges. Newton's method on the three parameters.
struct MapOptimum {
  Vec2 w{};
  double bias = 0.0;
};
MapOptimum map_optimum(const Matrix& x, const Matrix& y, double penalty);

struct ExactPosterior {
  Vec2 mean{}, mode{};  // mode: the grid's most probable cell centre
  Mat2 cov{};
  double log_evidence = 0.0;  // log ∫ p̃(w) dw
  GridBox box{};
  std::vector<float> density;  // p̃ on box, scaled to a maximum of 1; row j holds w₂ = y(j)
};

// Midpoint rule on an n×n box: a coarse pass around the posterior's own Laplace fit, widened until
// its edges carry no mass, locates the support; the fine pass covers just that support.
ExactPosterior exact_posterior(const WeightSpace& ws, double prior_var, int n = 96);

// KL(q ‖ p) for q = N(mean, cov): −H(q) − E_q[log p̃] + log Z, E_q by Gauss–Hermite quadrature
// (`nodes` per axis, along q's Cholesky axes) on the analytic log p̃, Z from the grid.
double kl_to_exact(const WeightSpace& ws, double prior_var, const ExactPosterior& exact,
                   const Vec2& mean, const Mat2& cov, int nodes = 32);

}  // namespace vi

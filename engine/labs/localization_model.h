// The localization model's exact posterior p(z | X) on a grid, and KL(q ‖ p) for a Gaussian q.
//
// log p̃(z) = log N(z; 0, I) + Σᵢⱼ [−(xᵢⱼ − mᵢ(z))² / (2σ²) − ½ log σ²],  mᵢ(z) = −A·log‖sᵢ − z‖².
// (The exercise's log-likelihood: it keeps −½ log σ² and drops the −½ log 2π per reading.)
#pragma once

#include <array>
#include <vector>

#include "base/grid_box.h"
#include "base/matrix.h"
#include "labs/gaussian_q.h"

namespace vi {

class SensorModel {
 public:
  SensorModel() = default;
  SensorModel(Matrix sensors, Matrix readings, double attenuation, double noise_var);

  double log_likelihood(double z0, double z1) const;
  double log_joint(double z0, double z1) const;  // log p(X | z) + log N(z; 0, I), up to constants
  // ∇_z log_joint = Σᵢ (Sᵢ − N·mᵢ)/σ² · ∇mᵢ − z, ∇mᵢ = −2A(z − sᵢ)/‖z − sᵢ‖², Sᵢ = Σⱼ xᵢⱼ.
  std::array<double, 2> log_joint_gradient(double z0, double z1) const;

  const Matrix& sensors() const { return sensors_; }    // L × 2 positions
  const Matrix& readings() const { return readings_; }  // L × N
  double attenuation() const { return attenuation_; }
  double noise_var() const { return noise_var_; }

 private:
  Matrix sensors_, readings_;
  double attenuation_ = 10.0, noise_var_ = 5.0;
  // Σⱼ (xᵢⱼ − m)² = Σⱼ xᵢⱼ² − 2mΣⱼ xᵢⱼ + N·m²: per-sensor sums make each evaluation O(L).
  std::vector<double> sum_, sum_sq_;
};

struct GridPosterior {
  std::array<double, 2> mean{};
  std::array<double, 4> cov{};  // row-major 2×2
  double log_evidence = 0.0;    // log ∫ p̃(z) dz
};

// Moments and normalizer of p̃ by the midpoint rule on one box.
GridPosterior posterior_on_box(const SensorModel& model, const GridBox& box);

// Two passes: a coarse box over [−8, 8]², then a fine nx×ny box over mean ± 8 sd per axis.
GridPosterior exact_posterior(const SensorModel& model, int n = 256);

// p̃ at the nodes of an nx × ny lattice spanning [x0, x1] × [y0, y1] (edges included, the
// convention of the page's heatmaps and contours), scaled so its maximum is 1; row j holds y_j.
std::vector<float> posterior_density(const SensorModel& model, double x0, double x1, double y0,
                                     double y1, int nx, int ny);

// KL(q ‖ p) for q = N(mean, diag(var)): −H(q) − E_q[log p̃] + log Z, with E_q by Gauss–Hermite
// quadrature (`nodes` per axis) on the analytic log p̃.
double kl_to_exact(const SensorModel& model, const GridPosterior& exact, const double mean[2],
                   const double var[2], int nodes = 20);

// KL(q ‖ p) for any GaussianQ: −H(q) − E_q[log p̃] + log Z, E_q by Gauss–Hermite quadrature
// (`nodes` per axis) along q's Cholesky axes.
double kl_to_exact(const SensorModel& model, const GridPosterior& exact, const GaussianQ& q,
                   int nodes = 20);

}  // namespace vi

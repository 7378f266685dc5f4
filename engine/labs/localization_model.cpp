// Exact posterior of the localization model on a grid.
#include "labs/localization_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "util/gauss_hermite.h"

namespace vi {

SensorModel::SensorModel(Matrix sensors, Matrix readings, double attenuation, double noise_var)
    : sensors_(std::move(sensors)),
      readings_(std::move(readings)),
      attenuation_(attenuation),
      noise_var_(noise_var) {
  for (Index i = 0; i < readings_.rows(); ++i) {
    double s = 0, s2 = 0;
    for (Index j = 0; j < readings_.cols(); ++j) {
      s += readings_(i, j);
      s2 += double(readings_(i, j)) * readings_(i, j);
    }
    sum_.push_back(s);
    sum_sq_.push_back(s2);
  }
}

double SensorModel::log_likelihood(double z0, double z1) const {
  const double n = double(readings_.cols());
  double squares = 0.0;
  for (Index i = 0; i < sensors_.rows(); ++i) {
    const double d0 = sensors_(i, 0) - z0, d1 = sensors_(i, 1) - z1;
    const double m = -attenuation_ * std::log(d0 * d0 + d1 * d1);
    squares += sum_sq_[size_t(i)] - 2.0 * m * sum_[size_t(i)] + n * m * m;
  }
  return -squares / (2.0 * noise_var_) - 0.5 * std::log(noise_var_) * double(readings_.size());
}

double SensorModel::log_joint(double z0, double z1) const {
  return log_likelihood(z0, z1) - 0.5 * (z0 * z0 + z1 * z1) - std::log(2.0 * M_PI);
}

std::array<double, 2> SensorModel::log_joint_gradient(double z0, double z1) const {
  const double n = double(readings_.cols());
  std::array<double, 2> g{-z0, -z1};
  for (Index i = 0; i < sensors_.rows(); ++i) {
    const double d0 = z0 - sensors_(i, 0), d1 = z1 - sensors_(i, 1);
    const double r2 = d0 * d0 + d1 * d1;
    const double m = -attenuation_ * std::log(r2);
    // ∂/∂m of −Σⱼ(xᵢⱼ − m)²/(2σ²) = (Sᵢ − N·m)/σ²; ∂m/∂z = −A·2(z − sᵢ)/‖z − sᵢ‖²
    const double dm = (sum_[size_t(i)] - n * m) / noise_var_;
    g[0] += dm * (-2.0 * attenuation_ * d0 / r2);
    g[1] += dm * (-2.0 * attenuation_ * d1 / r2);
  }
  return g;
}

namespace {

std::vector<double> log_joint_grid(const SensorModel& model, const GridBox& box, double& max_out) {
  std::vector<double> lp(size_t(box.nx) * size_t(box.ny));
  max_out = -INFINITY;
  for (int j = 0; j < box.ny; ++j)
    for (int i = 0; i < box.nx; ++i) {
      double v = model.log_joint(box.x(i), box.y(j));
      if (std::isnan(v)) v = -INFINITY;  // exactly on a sensor
      lp[size_t(j) * size_t(box.nx) + size_t(i)] = v;
      max_out = std::max(max_out, v);
    }
  return lp;
}

}  // namespace

GridPosterior posterior_on_box(const SensorModel& model, const GridBox& box) {
  double max_lp = 0.0;
  const std::vector<double> lp = log_joint_grid(model, box, max_lp);
  double mass = 0, s0 = 0, s1 = 0, s00 = 0, s01 = 0, s11 = 0;
  for (int j = 0; j < box.ny; ++j)
    for (int i = 0; i < box.nx; ++i) {
      const double w = std::exp(lp[size_t(j) * size_t(box.nx) + size_t(i)] - max_lp);
      const double x = box.x(i), y = box.y(j);
      mass += w;
      s0 += w * x;
      s1 += w * y;
      s00 += w * x * x;
      s01 += w * x * y;
      s11 += w * y * y;
    }
  GridPosterior p;
  p.mean = {s0 / mass, s1 / mass};
  p.cov = {s00 / mass - p.mean[0] * p.mean[0], s01 / mass - p.mean[0] * p.mean[1],
           s01 / mass - p.mean[0] * p.mean[1], s11 / mass - p.mean[1] * p.mean[1]};
  p.log_evidence = max_lp + std::log(mass * box.dx() * box.dy());
  return p;
}

GridPosterior exact_posterior(const SensorModel& model, int n) {
  const GridPosterior coarse = posterior_on_box(model, GridBox{-8, 8, -8, 8, 200, 200});
  const double sd0 = std::sqrt(std::max(coarse.cov[0], 1e-8));
  const double sd1 = std::sqrt(std::max(coarse.cov[3], 1e-8));
  // A tight posterior (sd below the coarse spacing of 0.08) is then resolved by the fine box.
  const double h0 = std::max(8.0 * sd0, 0.25), h1 = std::max(8.0 * sd1, 0.25);
  const GridBox fine{
      coarse.mean[0] - h0, coarse.mean[0] + h0, coarse.mean[1] - h1, coarse.mean[1] + h1, n, n};
  return posterior_on_box(model, fine);
}

std::vector<float> posterior_density(const SensorModel& model, double x0, double x1, double y0,
                                     double y1, int nx, int ny) {
  // A node lattice is a cell-centred box widened by half a cell on each side.
  const double hx = nx > 1 ? (x1 - x0) / (nx - 1) / 2 : 0,
               hy = ny > 1 ? (y1 - y0) / (ny - 1) / 2 : 0;
  double max_lp = 0.0;
  const std::vector<double> lp =
      log_joint_grid(model, GridBox{x0 - hx, x1 + hx, y0 - hy, y1 + hy, nx, ny}, max_lp);
  std::vector<float> density(lp.size());
  for (size_t k = 0; k < lp.size(); ++k) density[k] = float(std::exp(lp[k] - max_lp));
  return density;
}

double kl_to_exact(const SensorModel& model, const GridPosterior& exact, const double mean[2],
                   const double var[2], int nodes) {
  std::vector<double> t, w;
  gauss_hermite(nodes, t, w);
  const double sd0 = std::sqrt(var[0]), sd1 = std::sqrt(var[1]);
  double expected_log_joint = 0.0;
  for (int a = 0; a < nodes; ++a)
    for (int b = 0; b < nodes; ++b) {
      const double z0 = mean[0] + std::sqrt(2.0) * sd0 * t[size_t(a)];
      const double z1 = mean[1] + std::sqrt(2.0) * sd1 * t[size_t(b)];
      expected_log_joint += w[size_t(a)] * w[size_t(b)] / M_PI * model.log_joint(z0, z1);
    }
  const double entropy =
      0.5 * std::log(2.0 * M_PI * M_E * var[0]) + 0.5 * std::log(2.0 * M_PI * M_E * var[1]);
  return -entropy - expected_log_joint + exact.log_evidence;
}

double kl_to_exact(const SensorModel& model, const GridPosterior& exact, const GaussianQ& q,
                   int nodes) {
  std::vector<double> t, w;
  gauss_hermite(nodes, t, w);
  const double l00 = std::sqrt(2.0) * q.chol[0], l10 = std::sqrt(2.0) * q.chol[1],
               l11 = std::sqrt(2.0) * q.chol[2];
  double expected_log_joint = 0.0;
  for (int a = 0; a < nodes; ++a)
    for (int b = 0; b < nodes; ++b) {
      // z = μ + √2·L·(tₐ, t_b): the product rule for ∫ N(ε; 0, I) f(μ + L·ε) dε.
      const double z0 = q.mean[0] + l00 * t[size_t(a)];
      const double z1 = q.mean[1] + l10 * t[size_t(a)] + l11 * t[size_t(b)];
      expected_log_joint += w[size_t(a)] * w[size_t(b)] / M_PI * model.log_joint(z0, z1);
    }
  return -q.entropy() - expected_log_joint + exact.log_evidence;
}

}  // namespace vi

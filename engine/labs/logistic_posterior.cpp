// Weight-space computations of the logistic lab, in double precision.
#include "labs/logistic_posterior.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "util/gauss_hermite.h"

namespace vi {
namespace {

// −log p(y | z) = max(z, 0) − z·y + log(1 + e^{−|z|}); the log1p term vanishes for large |z|.
double bce(double z, double y) {
  const double a = std::fabs(z);
  return std::fmax(z, 0.0) - z * y + (a < 40.0 ? std::log1p(std::exp(-a)) : 0.0);
}

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

constexpr double kTwoPi = 6.283185307179586;

}  // namespace

Mat2 inverse(const Mat2& m) {
  const double det = m[0] * m[3] - m[1] * m[2];
  return {m[3] / det, -m[1] / det, -m[2] / det, m[0] / det};
}

WeightSpace::WeightSpace(const Matrix& x, const Matrix& y, double bias) : bias_(bias) {
  for (Index n = 0; n < x.rows(); ++n) {
    x0_.push_back(x(n, 0));
    x1_.push_back(x(n, 1));
    y_.push_back(y(n, 0));
  }
}

double WeightSpace::mean_loss(const Vec2& w, double penalty) const {
  double total = 0.0;
  for (size_t n = 0; n < y_.size(); ++n) total += bce(w[0] * x0_[n] + w[1] * x1_[n] + bias_, y_[n]);
  return total / double(y_.size()) + penalty * (w[0] * w[0] + w[1] * w[1]);
}

Vec2 WeightSpace::mean_loss_gradient(const Vec2& w, double penalty) const {
  double g0 = 0.0, g1 = 0.0;
  for (size_t n = 0; n < y_.size(); ++n) {
    const double r = sigmoid(w[0] * x0_[n] + w[1] * x1_[n] + bias_) - y_[n];  // ∂BCE/∂z
    g0 += r * x0_[n];
    g1 += r * x1_[n];
  }
  const double inv_n = 1.0 / double(y_.size());
  return {g0 * inv_n + 2.0 * penalty * w[0], g1 * inv_n + 2.0 * penalty * w[1]};
}

Mat2 WeightSpace::mean_loss_hessian(const Vec2& w, double penalty) const {
  double h00 = 0.0, h01 = 0.0, h11 = 0.0;
  for (size_t n = 0; n < y_.size(); ++n) {
    const double s = sigmoid(w[0] * x0_[n] + w[1] * x1_[n] + bias_);
    const double c = s * (1.0 - s);  // ∂²BCE/∂z²
    h00 += c * x0_[n] * x0_[n];
    h01 += c * x0_[n] * x1_[n];
    h11 += c * x1_[n] * x1_[n];
  }
  const double inv_n = 1.0 / double(y_.size());
  return {h00 * inv_n + 2.0 * penalty, h01 * inv_n, h01 * inv_n, h11 * inv_n + 2.0 * penalty};
}

// −Σₙ BCE(zₙ, yₙ) = −Σₙ [max(zₙ, 0) − zₙ·yₙ] − log Πₙ (1 + e^{−|zₙ|}): the log1p terms of bce() as
// one log of their product, which the exact posterior's grid calls for every node (a log1p per
// point and node was most of the lab's construction). Each factor lies in (1, 2], so a block of
// kProductBlock factors stays far from overflow; rounding 1 + e^{−|z|} costs at most 2⁻⁵³ per
// point, the size of the sum's own rounding.
double WeightSpace::log_likelihood(double w0, double w1) const {
  constexpr size_t kProductBlock = 512;
  double linear = 0.0, log_product = 0.0, product = 1.0;
  for (size_t n = 0; n < y_.size(); ++n) {
    const double z = w0 * x0_[n] + w1 * x1_[n] + bias_;
    linear += std::fmax(z, 0.0) - z * y_[n];
    const double a = std::fabs(z);
    if (a < 40.0) product *= 1.0 + std::exp(-a);
    if ((n + 1) % kProductBlock == 0) {
      log_product += std::log(product);
      product = 1.0;
    }
  }
  return -(linear + log_product + std::log(product));
}

double WeightSpace::log_joint(double w0, double w1, double prior_var) const {
  return log_likelihood(w0, w1) - (w0 * w0 + w1 * w1) / (2.0 * prior_var) -
         std::log(kTwoPi * prior_var);
}

Vec2 WeightSpace::minimize(double penalty, Vec2 w) const {
  double loss = mean_loss(w, penalty);
  for (int iter = 0; iter < 100; ++iter) {
    const Vec2 g = mean_loss_gradient(w, penalty);
    const Mat2 h_inv = inverse(mean_loss_hessian(w, penalty));
    const Vec2 d{h_inv[0] * g[0] + h_inv[1] * g[1], h_inv[2] * g[0] + h_inv[3] * g[1]};
    // Backtracking keeps every step a descent step far from the optimum.
    double t = 1.0, next_loss = loss;
    Vec2 next = w;
    for (int k = 0; k < 40; ++k, t *= 0.5) {
      next = {w[0] - t * d[0], w[1] - t * d[1]};
      next_loss = mean_loss(next, penalty);
      if (next_loss <= loss) break;
    }
    const double moved = std::fabs(next[0] - w[0]) + std::fabs(next[1] - w[1]);
    w = next;
    loss = next_loss;
    if (moved < 1e-12 * (1.0 + std::fabs(w[0]) + std::fabs(w[1]))) break;
  }
  return w;
}

MapOptimum map_optimum(const Matrix& x, const Matrix& y, double penalty) {
  const Index n = x.rows();
  Eigen::Vector3d theta = Eigen::Vector3d::Zero();  // (w₁, w₂, b)
  auto loss_at = [&](const Eigen::Vector3d& th) {
    double total = 0.0;
    for (Index i = 0; i < n; ++i) total += bce(th[0] * x(i, 0) + th[1] * x(i, 1) + th[2], y(i, 0));
    return total / double(n) + penalty * (th[0] * th[0] + th[1] * th[1]);
  };
  double loss = loss_at(theta);
  for (int iter = 0; iter < 100; ++iter) {
    Eigen::Vector3d g = Eigen::Vector3d::Zero();
    Eigen::Matrix3d h = Eigen::Matrix3d::Zero();
    for (Index i = 0; i < n; ++i) {
      const Eigen::Vector3d xi(x(i, 0), x(i, 1), 1.0);
      const double s = sigmoid(theta.dot(xi));
      g += (s - y(i, 0)) * xi;
      h += s * (1.0 - s) * xi * xi.transpose();
    }
    g /= double(n);
    h /= double(n);
    g.head<2>() += 2.0 * penalty * theta.head<2>();
    h(0, 0) += 2.0 * penalty;
    h(1, 1) += 2.0 * penalty;
    // A tiny ridge keeps the solve defined if the bias direction is flat (separable data).
    const Eigen::Vector3d d = (h + 1e-12 * Eigen::Matrix3d::Identity()).ldlt().solve(g);
    double t = 1.0, next_loss = loss;
    Eigen::Vector3d next = theta;
    for (int k = 0; k < 40; ++k, t *= 0.5) {
      next = theta - t * d;
      next_loss = loss_at(next);
      if (next_loss <= loss) break;
    }
    const double moved = (next - theta).cwiseAbs().sum();
    theta = next;
    loss = next_loss;
    if (moved < 1e-12 * (1.0 + theta.cwiseAbs().sum())) break;
  }
  return {{theta[0], theta[1]}, theta[2]};
}

namespace {

struct GridPass {
  ExactPosterior posterior;
  bool edges_clear = false;  // every edge cell below e^{−30} of the peak
};

GridPass grid_pass(const WeightSpace& ws, double prior_var, const GridBox& box) {
  std::vector<double> lp(size_t(box.nx) * size_t(box.ny));
  double max_lp = -INFINITY;
  size_t argmax = 0;
  for (int j = 0; j < box.ny; ++j)
    for (int i = 0; i < box.nx; ++i) {
      const size_t k = size_t(j) * size_t(box.nx) + size_t(i);
      lp[k] = ws.log_joint(box.x(i), box.y(j), prior_var);
      if (lp[k] > max_lp) max_lp = lp[k], argmax = k;
    }
  GridPass pass;
  ExactPosterior& p = pass.posterior;
  p.box = box;
  p.density.resize(lp.size());
  double mass = 0, s0 = 0, s1 = 0, s00 = 0, s01 = 0, s11 = 0, edge = -INFINITY;
  for (int j = 0; j < box.ny; ++j)
    for (int i = 0; i < box.nx; ++i) {
      const size_t k = size_t(j) * size_t(box.nx) + size_t(i);
      const double w = std::exp(lp[k] - max_lp);
      const double a = box.x(i), b = box.y(j);
      p.density[k] = float(w);
      mass += w;
      s0 += w * a;
      s1 += w * b;
      s00 += w * a * a;
      s01 += w * a * b;
      s11 += w * b * b;
      if (i == 0 || j == 0 || i == box.nx - 1 || j == box.ny - 1) edge = std::max(edge, lp[k]);
    }
  p.mean = {s0 / mass, s1 / mass};
  const double c01 = s01 / mass - p.mean[0] * p.mean[1];
  p.cov = {s00 / mass - p.mean[0] * p.mean[0], c01, c01, s11 / mass - p.mean[1] * p.mean[1]};
  p.mode = {box.x(int(argmax % size_t(box.nx))), box.y(int(argmax / size_t(box.nx)))};
  p.log_evidence = max_lp + std::log(mass * box.dx() * box.dy());
  pass.edges_clear = edge - max_lp < -30.0;
  return pass;
}

GridBox box_around(const Vec2& centre, const Mat2& cov, double half_widths, int n) {
  const double h0 = half_widths * std::sqrt(cov[0]), h1 = half_widths * std::sqrt(cov[3]);
  return {centre[0] - h0, centre[0] + h0, centre[1] - h1, centre[1] + h1, n, n};
}

// The smallest box holding every cell of `p` above e^{−30} of the peak, padded by one cell.
GridBox trimmed(const ExactPosterior& p, int n) {
  const GridBox& b = p.box;
  const float floor = std::exp(-30.f);
  int i0 = b.nx, i1 = -1, j0 = b.ny, j1 = -1;
  for (int j = 0; j < b.ny; ++j)
    for (int i = 0; i < b.nx; ++i)
      if (p.density[size_t(j) * size_t(b.nx) + size_t(i)] > floor) {
        i0 = std::min(i0, i), i1 = std::max(i1, i);
        j0 = std::min(j0, j), j1 = std::max(j1, j);
      }
  return {b.x0 + (i0 - 1) * b.dx(),
          b.x0 + (i1 + 2) * b.dx(),
          b.y0 + (j0 - 1) * b.dy(),
          b.y0 + (j1 + 2) * b.dy(),
          n,
          n};
}

}  // namespace

ExactPosterior exact_posterior(const WeightSpace& ws, double prior_var, int n) {
  // A coarse pass around the posterior's own Laplace fit (mode of −N·L, covariance (N·∇²L)⁻¹),
  // widened until its edges carry no mass: near-separable data give a long tail outwards.
  const double penalty = 1.0 / (2.0 * ws.size() * prior_var);
  const Vec2 mode = ws.minimize(penalty);
  Mat2 laplace = inverse(ws.mean_loss_hessian(mode, penalty));
  for (double& c : laplace) c /= ws.size();
  double half_widths = 12.0;
  const int coarse = std::max(16, n / 2);
  GridPass pass = grid_pass(ws, prior_var, box_around(mode, laplace, half_widths, coarse));
  for (int widen = 0; widen < 8 && !pass.edges_clear; ++widen) {
    half_widths *= 1.5;
    pass = grid_pass(ws, prior_var, box_around(mode, laplace, half_widths, coarse));
  }
  // Then the fine pass on the box the mass actually occupies.
  return grid_pass(ws, prior_var, trimmed(pass.posterior, n)).posterior;
}

double kl_to_exact(const WeightSpace& ws, double prior_var, const ExactPosterior& exact,
                   const Vec2& mean, const Mat2& cov, int nodes) {
  std::vector<double> t, w;
  gauss_hermite(nodes, t, w);
  // cov = L·Lᵀ with L lower triangular; w = mean + √2·L·(tₐ, t_b).
  const double l00 = std::sqrt(cov[0]);
  const double l10 = cov[2] / l00;
  const double l11 = std::sqrt(std::max(cov[3] - l10 * l10, 0.0));
  double expected_log_joint = 0.0;
  for (int a = 0; a < nodes; ++a)
    for (int b = 0; b < nodes; ++b) {
      const double u = std::sqrt(2.0) * t[size_t(a)], v = std::sqrt(2.0) * t[size_t(b)];
      const double w0 = mean[0] + l00 * u, w1 = mean[1] + l10 * u + l11 * v;
      expected_log_joint += w[size_t(a)] * w[size_t(b)] / M_PI * ws.log_joint(w0, w1, prior_var);
    }
  const double det = cov[0] * cov[3] - cov[1] * cov[2];
  const double entropy = std::log(kTwoPi * M_E) + 0.5 * std::log(det);
  return -entropy - expected_log_joint + exact.log_evidence;
}

}  // namespace vi

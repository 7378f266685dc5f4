// Piecewise-linear decomposition of a 1-D-input ReLU network and the exact integrals over it.
#include "labs/vae_likelihood.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vi {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSqrtHalf = 0.70710678118654752440;
constexpr double kLog2Pi = 1.8378770664093454836;

// log P(Z > u) for Z ~ N(0, 1). erfc stays accurate until it underflows (u ≈ 37); past u = 30
// the asymptotic series Φc(u) ≈ φ(u)/u · (1 − u⁻² + 3u⁻⁴ − 15u⁻⁶ + 105u⁻⁸) is exact to 1e-12.
double log_upper_tail(double u) {
  if (u == kInf) return -kInf;
  if (u < 30.0) return std::log(0.5 * std::erfc(u * kSqrtHalf));
  const double w = 1.0 / (u * u);
  return -0.5 * u * u - std::log(u) - 0.5 * kLog2Pi +
         std::log1p(w * (-1.0 + w * (3.0 + w * (-15.0 + w * 105.0))));
}

double upper_tail(double u) {
  return 0.5 * std::erfc(u * kSqrtHalf);
}

// Φ(u1) − Φ(u0) for u0 ≤ u1, from the tail on the side that keeps it accurate.
double normal_mass_between(double u0, double u1) {
  if (u0 >= 0.0) return upper_tail(u0) - upper_tail(u1);
  if (u1 <= 0.0) return upper_tail(-u1) - upper_tail(-u0);
  return 1.0 - upper_tail(-u0) - upper_tail(u1);
}

// φ(u) and u·φ(u), both 0 at ±∞.
double density(double u) {
  return std::isinf(u) ? 0.0 : std::exp(-0.5 * u * u - 0.5 * kLog2Pi);
}
double u_density(double u) {
  return std::isinf(u) ? 0.0 : u * density(u);
}

double log_add_exp(double a, double b) {
  if (a == -kInf) return b;
  if (b == -kInf) return a;
  return std::max(a, b) + std::log1p(std::exp(-std::fabs(a - b)));
}

// A point strictly inside (s0, s1), where the activation pattern is read.
double interior_point(double s0, double s1) {
  if (std::isinf(s0) && std::isinf(s1)) return 0.0;
  if (std::isinf(s0)) return s1 - 1.0;
  if (std::isinf(s1)) return s0 + 1.0;
  return 0.5 * (s0 + s1);
}

}  // namespace

double log_normal_cdf_between(double u0, double u1) {
  if (!(u0 < u1)) return -kInf;
  if (u0 >= 0.0) {  // both in the upper tail: Φc(u0) − Φc(u1)
    const double l0 = log_upper_tail(u0), l1 = log_upper_tail(u1);
    return l0 + std::log1p(-std::exp(l1 - l0));
  }
  if (u1 <= 0.0) return log_normal_cdf_between(-u1, -u0);  // mirror into the upper tail
  return std::log1p(-(upper_tail(-u0) + upper_tail(u1)));  // 1 − Φ(u0) − Φc(u1)
}

std::vector<LinearPiece> relu_network_pieces(const std::vector<const Matrix*>& weights,
                                             const std::vector<const Matrix*>& biases) {
  // Each piece holds the current layer's pre-activation a + b·z (H values) on [t0, t1].
  const Matrix& w0 = *weights[0];
  const Matrix& b0 = *biases[0];
  LinearPiece first{-kInf, kInf, std::vector<double>(size_t(w0.cols())),
                    std::vector<double>(size_t(w0.cols()))};
  for (Index j = 0; j < w0.cols(); ++j) {
    first.a[size_t(j)] = b0(0, j);
    first.b[size_t(j)] = w0(0, j);
  }
  std::vector<LinearPiece> pieces{first};
  std::vector<double> cuts, ha, hb;
  for (size_t l = 1; l < weights.size(); ++l) {
    const Matrix& w = *weights[l];
    const Matrix& bias = *biases[l];
    std::vector<LinearPiece> next;
    for (const LinearPiece& p : pieces) {
      // Where a unit's pre-activation crosses zero inside the piece, the ReLU switches.
      cuts.assign(1, p.t0);
      for (size_t j = 0; j < p.a.size(); ++j) {
        if (p.b[j] == 0.0) continue;
        const double root = -p.a[j] / p.b[j];
        if (root > p.t0 && root < p.t1) cuts.push_back(root);
      }
      std::sort(cuts.begin() + 1, cuts.end());
      cuts.push_back(p.t1);
      for (size_t c = 0; c + 1 < cuts.size(); ++c) {
        const double s0 = cuts[c], s1 = cuts[c + 1];
        if (!(s0 < s1)) continue;
        const double mid = interior_point(s0, s1);
        ha.assign(p.a.size(), 0.0);
        hb.assign(p.a.size(), 0.0);
        for (size_t j = 0; j < p.a.size(); ++j)
          if (p.a[j] + p.b[j] * mid > 0.0) ha[j] = p.a[j], hb[j] = p.b[j];
        // The next pre-activation: relu(h)·W + bias, linear in z on this sub-piece.
        LinearPiece q{s0, s1, std::vector<double>(size_t(w.cols())),
                      std::vector<double>(size_t(w.cols()))};
        for (Index k = 0; k < w.cols(); ++k) {
          double a = bias(0, k), b = 0.0;
          for (Index j = 0; j < w.rows(); ++j) {
            a += ha[size_t(j)] * w(j, k);
            b += hb[size_t(j)] * w(j, k);
          }
          q.a[size_t(k)] = a;
          q.b[size_t(k)] = b;
        }
        next.push_back(std::move(q));
      }
    }
    pieces = std::move(next);
  }
  for (LinearPiece& p : pieces) {
    p.bb = 0.0;
    for (double v : p.b) p.bb += v * v;
  }
  return pieces;
}

std::vector<double> evaluate_pieces(const std::vector<LinearPiece>& pieces, double z) {
  for (const LinearPiece& p : pieces) {
    if (z < p.t0 || z > p.t1) continue;
    std::vector<double> out(p.a.size());
    for (size_t d = 0; d < out.size(); ++d) out[d] = p.a[d] + p.b[d] * z;
    return out;
  }
  return {};
}

ExactMarginal::ExactMarginal(std::vector<LinearPiece> pieces, double noise)
    : pieces_(std::move(pieces)),
      dims_(pieces_.empty() ? 0 : pieces_[0].a.size()),
      inv_var_(1.0 / (noise * noise)),
      log_norm_(-0.5 * double(dims_) * (kLog2Pi + std::log(noise * noise))) {
  for (const LinearPiece& p : pieces_) {
    const double precision = p.bb * inv_var_ + 1.0;
    precision_.push_back(precision);
    inv_precision_.push_back(1.0 / precision);
    sqrt_precision_.push_back(std::sqrt(precision));
    log_term_.push_back(log_norm_ - 0.5 * std::log(precision));
  }
  base_.resize(pieces_.size()), mode_.resize(pieces_.size()), bound_.resize(pieces_.size());
}

double ExactMarginal::log_marginal(const float* x) {
  // On a piece, log N(x | a + bz, σ²I) + log N(z | 0, 1) = c − ½[P z² − 2Qz + R] with
  // P = ‖b‖²/σ² + 1, Q = bᵀr/σ², R = ‖r‖²/σ², r = x − a, c = −(D/2) log 2πσ² − ½ log 2π.
  // Completing the square around m = Q/P and integrating over [t0, t1]:
  //   log ∫ = −(D/2) log 2πσ² − ½ log P − ½(R − Qm) + log[Φ(√P(t1 − m)) − Φ(√P(t0 − m))].
  // Pass 1 bounds each piece by its Gaussian factor at the point of [t0, t1] nearest m (Φ-mass
  // ≤ 1); pass 2 integrates only the pieces within 20 nats of the largest bound (the rest change
  // log p(x) by less than K·e⁻²⁰ ≈ 1e-7, K ≈ 50 pieces).
  const size_t k = pieces_.size();
  double top = -kInf;
  for (size_t i = 0; i < k; ++i) {
    const LinearPiece& p = pieces_[i];
    double rb = 0.0, rr = 0.0;
    for (size_t d = 0; d < dims_; ++d) {
      const double r = double(x[d]) - p.a[d];
      rb += p.b[d] * r;
      rr += r * r;
    }
    const double m = rb * inv_var_ * inv_precision_[i];
    base_[i] = log_term_[i] - 0.5 * inv_var_ * (rr - rb * m);
    mode_[i] = m;
    const double dist = std::max({p.t0 - m, m - p.t1, 0.0});
    bound_[i] = base_[i] - 0.5 * precision_[i] * dist * dist;
    top = std::max(top, bound_[i]);
  }
  double sum = 0.0;  // Σ exp(log ∫ − top) over the pieces that matter
  bool underflow = false;
  for (size_t i = 0; i < k; ++i) {
    if (bound_[i] < top - 20.0) continue;
    const double u0 = sqrt_precision_[i] * (pieces_[i].t0 - mode_[i]);
    const double u1 = sqrt_precision_[i] * (pieces_[i].t1 - mode_[i]);
    // A kept piece has ½u² ≤ base − top + 20 at its near end, so while base − top ≤ 600 its
    // mass stays above e⁻⁶²⁰, inside double range; points farther off take the log-space path.
    if (base_[i] - top > 600.0) {
      underflow = true;
      break;
    }
    sum += std::exp(base_[i] - top) * normal_mass_between(u0, u1);
  }
  if (sum > 0.0 && !underflow) return top + std::log(sum);
  // Points so far from the curve that the masses underflow: sum in log space instead.
  double total = -kInf;
  for (size_t i = 0; i < k; ++i)
    total = log_add_exp(
        total, base_[i] + log_normal_cdf_between(sqrt_precision_[i] * (pieces_[i].t0 - mode_[i]),
                                                 sqrt_precision_[i] * (pieces_[i].t1 - mode_[i])));
  return total;
}

double ExactMarginal::expected_log_lik(const float* x, double mean, double std) const {
  // With z = μ + s·w, w ~ N(0, 1): x − a − b·z = e − g·w, e = x − a − bμ, g = b·s, and over the
  // piece's w-range [α, β] (Z = Φ(β) − Φ(α)):
  //   ∫ ‖e − g w‖² φ(w) dw = ‖e‖² Z − 2 eᵀg (φ(α) − φ(β)) + ‖g‖² (Z + αφ(α) − βφ(β)).
  double squared_error = 0.0;  // E_q ‖x − f(z)‖²
  for (const LinearPiece& p : pieces_) {
    const double alpha = (p.t0 - mean) / std, beta = (p.t1 - mean) / std;
    // q-mass below Φ(−9) ≈ 1e-19: negligible even against squared errors of 1e6.
    if (beta < -9.0 || alpha > 9.0) continue;
    const double z = normal_mass_between(alpha, beta);
    double ee = 0.0, eg = 0.0, gg = 0.0;
    for (size_t d = 0; d < dims_; ++d) {
      const double e = double(x[d]) - p.a[d] - p.b[d] * mean;
      const double g = p.b[d] * std;
      ee += e * e;
      eg += e * g;
      gg += g * g;
    }
    squared_error += ee * z - 2.0 * eg * (density(alpha) - density(beta)) +
                     gg * (z + u_density(alpha) - u_density(beta));
  }
  return log_norm_ - 0.5 * inv_var_ * squared_error;
}

}  // namespace vi

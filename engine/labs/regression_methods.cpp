// Lab 2's method base (stepping, divergence, history, metrics) and the mle and vi methods.
#include "labs/regression_methods.h"

#include <cmath>
#include <cstdio>

#include "distributions/normal.h"
#include "labs/calibration.h"
#include "nn/mlp.h"
#include "optim/adam.h"
#include "optim/rmsprop.h"
#include "optim/sgd.h"

namespace vi {

namespace {

constexpr double kZ95 = 1.6448536269514722;  // Φ⁻¹(0.95): a Gaussian's 5–95 % band is μ ± z·σ
// Points kept per history: plenty for a curve, and each one costs a held-out evaluation.
constexpr int kHistoryPoints = 400;

}  // namespace

RegressionMethod::RegressionMethod(const std::string& name, const RegressionData& data,
                                   const Config& c, float original_lr, uint64_t seed)
    : TrainingMethod({name,
                      c.integer(name + ".steps"),
                      name + ".lr",
                      original_lr,
                      {"loss", "valLoss", "valMse"},
                      kHistoryPoints},
                     Rng(seed)),
      data_(data),
      eval_rng_(seed ^ 0xd1b54a32d192ed03ULL) {}

void RegressionMethod::use_adam(const ParameterList& params, float lr) {
  set_optimizer(std::make_unique<Adam>(params, lr));
}

void RegressionMethod::record_history(int step) {
  if (!history_.wants(step)) return;
  // The held-out numbers are taken after the update, which may be the one that overflows
  // (training stops at the next step): recorded as +∞, off the chart, rather than NaN.
  const auto blown_up = [](float v) { return std::isnan(v) ? INFINITY : v; };
  const auto [val_loss, val_mse] = validation_losses();
  history_.record(step, {float(loss()), blown_up(val_loss), blown_up(val_mse)});
}

Json RegressionMethod::metrics(std::vector<float>* coverage_at) {
  const Dataset& val = data_.validation;
  const Prediction p = predict(val.x, &val.y);
  const std::vector<double> levels = nominal_levels(), curve = coverage_curve(p.pit, levels);
  if (coverage_at) coverage_at->assign(curve.begin(), curve.end());
  double squared = 0.0;
  for (Index i = 0; i < val.y.rows(); ++i) {
    const double r = double(p.point[size_t(i)]) - double(val.y(i, 0));
    squared += r * r;
  }
  Json m = Json::object();
  m["valMse"] = squared / double(val.y.rows());
  m["valNll"] = p.nll;
  m["coverage90"] = coverage(p.band, val.y);
  m["bandWidth"] = mean_width(p.band);
  m["coverage50"] = curve[9];  // levels[9] = 0.5
  m["coverageError"] = coverage_error(curve, levels);
  if (steps_done() > 0) m["loss"] = loss();  // the last step's training loss (none before a step)
  m["step"] = steps_done();
  m["steps"] = budget();
  extra_metrics(m);
  return m;
}

namespace {

// q's σ = exp(½·logvar) + 10⁻⁵ (the exercise's reparameterization adds 10⁻⁵), from ½·logvar.
Var sigma_from_half_logvar(Var half_logvar) {
  return exp(half_logvar) + 1e-5f;
}

double mean_squared(const Matrix& a, const Matrix& b) {
  return (a - b).cast<double>().squaredNorm() / double(a.rows());
}

Activation parse_activation(const std::string& name) {
  if (name == "sigmoid") return Activation::Sigmoid;
  if (name == "tanh") return Activation::Tanh;
  if (name == "gelu") return Activation::Gelu;
  return Activation::Relu;
}

// 1 → H → … → H → 1: `layers` hidden layers of H units.
std::vector<int> mle_sizes(const Config& c) {
  std::vector<int> sizes{1};
  for (int k = 0; k < c.integer("mle.layers"); ++k) sizes.push_back(c.integer("mle.hidden"));
  sizes.push_back(1);
  return sizes;
}

// mle: a 1→H→1 ReLU network (or deeper, another activation) fit by ½·mean squared error (the
// post) or the plain mean squared error (the notebook); its band is the homoscedastic Gaussian
// whose variance is the training MSE (the maximum-likelihood noise variance).
class MleMethod : public RegressionMethod {
 public:
  MleMethod(const RegressionData& data, const Config& c, uint64_t seed)
      : RegressionMethod("mle", data, c, 1e-3f, seed),
        net_("mle", mle_sizes(c), parse_activation(c.choice("mle.activation")), Init::FanInUniform,
             rng_),
        loss_scale_(c.choice("setup") == "notebook" ? 1.f : 0.5f) {
    ParameterList params;
    net_.collect(params);
    const std::string optimizer = c.choice("mle.optimizer");
    const float lr = c.real("mle.lr");
    if (optimizer == "sgd")
      set_optimizer(std::make_unique<Sgd>(params, lr));
    else if (optimizer == "momentum")
      set_optimizer(std::make_unique<Sgd>(params, lr, 0.9f));
    else if (optimizer == "rmsprop")
      set_optimizer(std::make_unique<RmsProp>(params, lr));
    else
      use_adam(params, lr);
  }

  Prediction predict(const Matrix& x, const Matrix* y, bool) override {
    const Matrix f = forward(x);  // n×1
    const double var = noise_var();
    const float half = float(kZ95 * std::sqrt(var));
    Prediction p;
    p.point.assign(f.data(), f.data() + f.size());
    p.band.resize(size_t(f.rows()));
    for (Index i = 0; i < f.rows(); ++i) {
      p.band.lower[size_t(i)] = f(i, 0) - half;
      p.band.median[size_t(i)] = f(i, 0);
      p.band.upper[size_t(i)] = f(i, 0) + half;
    }
    if (y) {
      double total = 0.0;
      for (Index i = 0; i < f.rows(); ++i) {
        total -= normal_log_prob((*y)(i, 0), f(i, 0), var);
        p.pit.push_back(gaussian_pit((*y)(i, 0), f(i, 0), std::sqrt(var)));
      }
      p.nll = total / double(f.rows());
    }
    return p;
  }

 protected:
  double train_step() override {
    tape_.clear();
    Var x = tape_.constant(data_.train.x), y = tape_.constant(data_.train.y);  // N×1
    Var f = net_.forward(tape_, x);                                            // N×1
    Var loss = mean(square(f - y) * loss_scale_);
    return minimize(loss);
  }

  std::pair<float, float> validation_losses() override {
    const double mse = mean_squared(forward(data_.validation.x), data_.validation.y);
    return {float(loss_scale_ * mse), float(mse)};
  }

  void extra_metrics(Json& m) override { m["noiseStd"] = std::sqrt(noise_var()); }

 private:
  Matrix forward(const Matrix& x) {
    eval_tape_.clear();
    return net_.forward(eval_tape_, eval_tape_.constant(x)).value();
  }
  double noise_var() { return mean_squared(forward(data_.train.x), data_.train.y); }

  Mlp net_;
  float loss_scale_;  // ½ (the post's ½·MSE) or 1 (the notebook's MSE)
};

// vi: the exercise's variational regression. Two 1→40→20→10→1 ReLU networks give q(y|x) =
// N(μ(x), σ(x)²) with σ = exp(½·logvar) + 10⁻⁵; the loss is
//   −mean[log N(y | μ, e^logvar) + log N(ŷ | m₀, v₀) − log N(ŷ | μ, e^logvar)],  ŷ = μ + σ·ε.
// The last two terms cancel the likelihood's −½·logvar, so large σ costs only through the prior
// term: the optimum σ² ≈ √v₀·|y − μ| is far wider than the noise, and the band over-covers.
class ViMethod : public RegressionMethod {
 public:
  ViMethod(const RegressionData& data, const Config& c, uint64_t seed)
      : RegressionMethod("vi", data, c, 1e-3f, seed),
        mean_net_("vi.mean", kSizes, Activation::Relu, Init::FanInUniform, rng_),
        logvar_net_("vi.logvar", kSizes, Activation::Relu, Init::FanInUniform, rng_),
        eps_(data.train.size(), 1),
        val_eps_(data.validation.size(), 1) {
    ParameterList params;
    mean_net_.collect(params);
    logvar_net_.collect(params);
    use_adam(params, c.real("vi.lr"));
    set_display(c);
  }

  void set_display(const Config& c) override {
    normal_draws_ = sorted_normal_draws(c.integer("vi.samples"), kPredictiveSeed);
    const int s = int(normal_draws_.size());
    z_low_ = quantile_sorted(normal_draws_.data(), s, kBandLow);
    z_mid_ = quantile_sorted(normal_draws_.data(), s, kBandMid);
    z_high_ = quantile_sorted(normal_draws_.data(), s, kBandHigh);
  }

  // The exercise draws ŷ = μ + σ·ε S times per input and takes quantiles. Here the same S draws
  // of ε serve every input (common random numbers); as σ > 0 the quantiles of μ + σ·ε are then
  // μ + σ·(quantiles of ε): the same Monte Carlo estimate at O(S) instead of O(n·S log S).
  Prediction predict(const Matrix& x, const Matrix* y, bool) override {
    Matrix mu, sigma;
    forward(x, mu, sigma);
    Prediction p;
    p.band.resize(size_t(x.rows()));
    for (Index i = 0; i < x.rows(); ++i) {
      p.band.lower[size_t(i)] = mu(i, 0) + sigma(i, 0) * z_low_;
      p.band.median[size_t(i)] = mu(i, 0) + sigma(i, 0) * z_mid_;
      p.band.upper[size_t(i)] = mu(i, 0) + sigma(i, 0) * z_high_;
    }
    p.point = p.band.median;
    if (y) {
      double total = 0.0;
      for (Index i = 0; i < x.rows(); ++i) {
        const double s = sigma(i, 0);
        total -= normal_log_prob((*y)(i, 0), mu(i, 0), s * s);
        p.pit.push_back(gaussian_pit((*y)(i, 0), mu(i, 0), s));
      }
      p.nll = total / double(x.rows());
    }
    return p;
  }

 protected:
  double train_step() override {
    tape_.clear();
    rng_.fill_normal(eps_);
    const auto [mu, logvar] = outputs(tape_, data_.train.x);
    return minimize(neg_elbo(data_.train, mu, logvar, eps_));
  }

  // The held-out loss and the median's squared error from one pass of the two networks.
  std::pair<float, float> validation_losses() override {
    eval_tape_.clear();
    eval_rng_.fill_normal(val_eps_);
    const Dataset& d = data_.validation;
    const auto [mu, logvar] = outputs(eval_tape_, d.x);
    const float loss = neg_elbo(d, mu, logvar, val_eps_).item();
    const Matrix median = mu.value() + sigma_of(logvar).value() * z_mid_;
    return {loss, float(mean_squared(median, d.y))};
  }

  void extra_metrics(Json& m) override {
    Matrix mu, sigma;
    forward(data_.validation.x, mu, sigma);
    m["noiseStd"] = double(sigma.cast<double>().mean());  // the σ(x) q believes in, on average
  }

 private:
  static inline const std::vector<int> kSizes{1, 40, 20, 10, 1};

  // The networks' μ(x) and logvar(x), R×1 each, for x R×1.
  std::pair<Var, Var> outputs(Tape& t, const Matrix& x) {
    Var in = t.constant(x);
    Var mu = mean_net_.forward(t, in);
    return {mu, logvar_net_.forward(t, in)};
  }
  static Var sigma_of(Var logvar) { return sigma_from_half_logvar(0.5f * logvar); }

  Var neg_elbo(const Dataset& d, Var mu, Var logvar, const Matrix& eps) {
    Tape& t = *mu.tape;
    Var y = t.constant(d.y);
    Var noise = t.constant(eps);
    return variational_regression_loss(y, mu, logvar, noise, data_.target_mean, data_.target_var);
  }

  // μ(x) and σ(x) = exp(½·logvar(x)) + 10⁻⁵, both n×1.
  void forward(const Matrix& x, Matrix& mu, Matrix& sigma) {
    eval_tape_.clear();
    const auto [m, logvar] = outputs(eval_tape_, x);
    mu = m.value();
    sigma = sigma_of(logvar).value();
  }

  Mlp mean_net_, logvar_net_;
  Matrix eps_, val_eps_;             // N×1 and V×1 reparameterization noise, reused
  std::vector<float> normal_draws_;  // vi.samples sorted N(0, 1) draws for the band
  float z_low_ = 0.f, z_mid_ = 0.f, z_high_ = 0.f;
};

}  // namespace

// Below, every statement adds tape nodes from at most one operand (the tape-order rule in
// autodiff/ops.h).

namespace {

// The exercise's gauss_LL, log N(a | m, e^lv) = −½·log 2π − ½·lv − ½·(a − m)²·e^{−lv}, from ½·lv
// and e^{−lv}.
Var gauss_log_likelihood(Var a, Var m, Var half_log_var, Var inv_var) {
  Var squared = square(a - m);
  Var quadratic = squared * inv_var;
  Var normalizer = (-0.5f * kLog2Pi) - half_log_var;
  return normalizer - quadratic * 0.5f;
}

}  // namespace

Var variational_regression_loss(Var y, Var mu, Var logvar, Var eps, double prior_mean,
                                double prior_var) {
  Tape& t = *y.tape;
  Var half_logvar = 0.5f * logvar;
  Var sigma = sigma_from_half_logvar(half_logvar);
  Var y_hat = mu + sigma * eps;
  Var inv_var = exp(-logvar);
  Var likelihood = gauss_log_likelihood(y, mu, half_logvar, inv_var);  // no 10⁻⁵ here
  Var prior_half_log_var = t.constant(float(0.5 * std::log(prior_var)));
  Var prior_inv_var = t.constant(float(1.0 / prior_var));
  Var prior_mean_const = t.constant(float(prior_mean));
  Var log_prior = gauss_log_likelihood(y_hat, prior_mean_const, prior_half_log_var, prior_inv_var);
  Var log_q = gauss_log_likelihood(y_hat, mu, half_logvar, inv_var);
  Var with_prior = likelihood + log_prior;
  return -mean(with_prior - log_q);
}

std::unique_ptr<RegressionMethod> make_mle_method(const RegressionData& data, const Config& c,
                                                  uint64_t seed) {
  return std::make_unique<MleMethod>(data, c, seed);
}

std::unique_ptr<RegressionMethod> make_vi_method(const RegressionData& data, const Config& c,
                                                 uint64_t seed) {
  return std::make_unique<ViMethod>(data, c, seed);
}

}  // namespace vi

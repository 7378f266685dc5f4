// The three methods of lab 2, trained side by side on the same data: a maximum-likelihood network
// (mle), the original exercise's "variational regression" (vi) and a mean-field Bayesian network
// (bnn). Each is a TrainingMethod: it owns its networks, optimizer, guard, stream and history.
//
// Shapes: N training points, V validation points, n inputs to predict at; inputs and targets are
// single columns (N×1).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "autodiff/tape.h"
#include "config/config.h"
#include "data/datasets.h"
#include "labs/lab.h"
#include "labs/regression_band.h"
#include "optim/adam.h"
#include "random/rng.h"
#include "training/history.h"
#include "training/training_guard.h"

namespace vi {

struct RegressionData {
  Dataset train, validation;
  double target_mean = 0.0, target_var = 1.0;  // of the training targets: vi's prior N(m₀, v₀)
  float noise_std = 1.f;                       // σ of the process that generated the targets
};

// A method's predictive distribution of y at n inputs.
struct Prediction {
  std::vector<float> point;  // the curve drawn for the method (n)
  Band band;                 // 5 / 50 / 95 % quantiles of y
  Band function_band;        // the same for the noise-free function (bnn only; else empty)
  double nll = NAN;          // mean −log p(y | x) over the targets, when targets were given
  std::vector<double> pit;   // F(y | x) per target under the predictive CDF, when given
};

class RegressionMethod : public TrainingMethod {
 public:
  // `<name>.steps` full-batch steps of Adam at `<name>.lr` (`original_lr` is quoted if training
  // diverges); training noise from the stream seeded with `seed`.
  RegressionMethod(const std::string& name, const RegressionData& data, const Config& c,
                   float original_lr, uint64_t seed);

  // Predictive distribution at x (n×1); with targets y (n×1) also their mean negative log
  // density; with `function_band` also the band of the noise-free function, where there is one.
  virtual Prediction predict(const Matrix& x, const Matrix* y = nullptr,
                             bool function_band = false) = 0;

  // valMse, valNll, coverage90, bandWidth, coverage50 and coverageError on the validation set,
  // plus the method's own extras; `coverage`, if given, gets the observed coverage at each
  // nominal level (nominal_levels(), from the predictive's exact CDF).
  Json metrics(std::vector<float>* coverage = nullptr);

  // Display settings changed (vi.samples, bnn.samples): what predict() draws; never training.
  virtual void set_display(const Config& c) { (void)c; }

 protected:
  // (validation loss under the method's own objective, validation MSE) for the history.
  virtual std::pair<float, float> validation_losses() = 0;
  virtual void extra_metrics(Json&) {}
  void record_history(int step) override;
  void use_adam(const ParameterList& params, float lr);

  const RegressionData& data_;
  Rng eval_rng_;  // sampling noise of stochastic validation losses (history only)
  Tape eval_tape_;
};

// Seed for the draws behind predictive bands: fixed, so a plot refresh or a metrics call never
// touches the training streams and the same weights always give the same band.
constexpr uint64_t kPredictiveSeed = 0x9e3779b97f4a7c15ULL;

// The exercise's variational-regression loss (its neg_ELBO) over R points, all arguments R×1:
//   −mean[log N(y | μ, e^logvar) + log N(ŷ | m₀, v₀) − log N(ŷ | μ, e^logvar)],
//   ŷ = μ + (e^{½·logvar} + 10⁻⁵)·ε,  (m₀, v₀) = (prior_mean, prior_var).
Var variational_regression_loss(Var y, Var mu, Var logvar, Var eps, double prior_mean,
                                double prior_var);

std::unique_ptr<RegressionMethod> make_mle_method(const RegressionData& data, const Config& c,
                                                  uint64_t seed);
std::unique_ptr<RegressionMethod> make_vi_method(const RegressionData& data, const Config& c,
                                                 uint64_t seed);
std::unique_ptr<RegressionMethod> make_bnn_method(const RegressionData& data, const Config& c,
                                                  uint64_t seed);

}  // namespace vi

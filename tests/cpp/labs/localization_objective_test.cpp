// Localization's two gradient estimators of −∇ELBO agree in expectation at a fixed q.
#include "labs/localization_objective.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "labs/seed_sensor_model.h"

using namespace vi;

namespace {

// Mean and standard error of each entry of (∂μ, ∂head) over `draws` one-step gradients.
struct GradientMean {
  std::vector<double> mean, standard_error;
};

template <class Estimate>
GradientMean mean_gradient(Parameter& mu, Parameter& head, int draws, const Estimate& estimate) {
  const size_t k = size_t(mu.value.size() + head.value.size());
  std::vector<double> sum(k), sum_sq(k);
  Tape tape;
  for (int n = 0; n < draws; ++n) {
    tape.clear();
    mu.zero_grad();
    head.zero_grad();
    tape.backward(estimate(tape.param(mu), tape.param(head)).backward);
    std::vector<double> g;
    for (Index j = 0; j < mu.grad.size(); ++j) g.push_back(mu.grad(0, j));
    for (Index j = 0; j < head.grad.size(); ++j) g.push_back(head.grad(0, j));
    for (size_t i = 0; i < k; ++i) sum[i] += g[i], sum_sq[i] += g[i] * g[i];
  }
  GradientMean out;
  for (size_t i = 0; i < k; ++i) {
    const double m = sum[i] / draws, var = (sum_sq[i] / draws - m * m) * draws / (draws - 1.0);
    out.mean.push_back(m);
    out.standard_error.push_back(std::sqrt(var / draws));
  }
  return out;
}

}  // namespace

TEST_CASE("localization: the score-function gradient matches the reparameterized one on average",
          "[localization][gradient-noise][long]") {
  const SensorModel model = seed_model(0);
  // A q off the posterior (mean ≈ (−0.8, 2.0), sd ≈ 0.11 and 0.21): shifted and mis-scaled, so
  // every entry of the gradient is well away from 0.
  for (const bool full : {false, true}) {
    Parameter mu("mu", Matrix(1, 2)), head("head", Matrix(1, full ? 3 : 2));
    mu.value << -0.65f, 1.85f;
    head.value.leftCols(2) << std::log(0.03f), std::log(0.02f);
    if (full) head.value(0, 2) = 0.8f;  // β = L₁₀ / L₀₀
    const LocalizationObjective objective{model, full, false, 1};
    Rng rng_r(1), rng_s(2);
    const GradientMean reparam = mean_gradient(
        mu, head, 20000, [&](Var m, Var h) { return objective.reparam(m, h, rng_r); });
    const GradientMean score =
        mean_gradient(mu, head, 400000, [&](Var m, Var h) { return objective.score(m, h, rng_s); });
    for (size_t i = 0; i < reparam.mean.size(); ++i) {
      const double se = std::hypot(reparam.standard_error[i], score.standard_error[i]);
      INFO((full ? "fullCov" : "meanField")
           << ", entry " << i << ": reparameterization " << reparam.mean[i] << " ± "
           << reparam.standard_error[i] << ", score " << score.mean[i] << " ± "
           << score.standard_error[i]);
      CHECK(std::fabs(reparam.mean[i] - score.mean[i]) < 4 * se);  // 4 standard errors
      // The comparison has power: a score function weighted by log p(X, z) alone (missing
      // −log q, so missing the entropy's gradient, ½ per log-variance) would be 4 errors off.
      if (i == 2 || i == 3) CHECK(se < 0.125);
    }
  }
}

TEST_CASE("localization: the score-function step reports the same terms as the reparameterized",
          "[localization][gradient-noise][long]") {
  // Its loss is −ELBO by the same split (closed-form KL, sampled log-likelihood): with many
  // samples both steps' terms agree within Monte Carlo error.
  const SensorModel model = seed_model(0);
  Tape tape;
  Parameter mu("mu", Matrix(1, 2)), head("head", Matrix(1, 2));
  mu.value << -0.8f, 2.f;
  head.value << std::log(0.012f), std::log(0.045f);
  const LocalizationObjective objective{model, false, false, 100};
  Rng rng_r(3), rng_s(4);
  const ObjectiveStep r = objective.reparam(tape.param(mu), tape.param(head), rng_r);
  const ObjectiveStep s = objective.score(tape.param(mu), tape.param(head), rng_s);
  CHECK(s.kl == r.kl);  // the same closed form
  // Two 100-sample means of the same log-likelihood: within 1 nat (measured 0.39 apart).
  CHECK(std::fabs(s.loglik - r.loglik) < 1.0);
  CHECK(s.loss == Approx(s.kl - s.loglik));
}

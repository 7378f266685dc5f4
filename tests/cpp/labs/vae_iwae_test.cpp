// Lab 5's importance-weighted bound: L_1 is the ELBO, L_k climbs with k toward the exact log p(x)
// and stays below it, on the lab's own test points.
#include "labs/vae_iwae.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "data/datasets.h"
#include "labs/json_paths.h"
#include "labs/registry.h"

using namespace vi;

namespace {

struct MeanAndError {
  double mean, error;  // the mean and its standard error
};

MeanAndError mean_and_error(const std::vector<double>& v) {
  double sum = 0.0, squares = 0.0;
  for (double x : v) sum += x;
  const double mean = sum / double(v.size());
  for (double x : v) squares += (x - mean) * (x - mean);
  return {mean, std::sqrt(squares / double(v.size() - 1) / double(v.size()))};
}

// Per shown test point: one estimate of L_k (exact log p(x) minus the panel's gap).
std::vector<double> bounds_per_point(const Json& v) {
  const std::vector<float> log_lik = floats(v, "testLogLik"), gap = floats(v, "testIwaeGap");
  REQUIRE(log_lik.size() == gap.size());
  std::vector<double> out;
  for (size_t i = 0; i < gap.size(); ++i) out.push_back(double(log_lik[i]) - double(gap[i]));
  return out;
}

std::vector<double> difference(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out;
  for (size_t i = 0; i < a.size(); ++i) out.push_back(a[i] - b[i]);
  return out;
}

}  // namespace

TEST_CASE("vae: L_k climbs with k from the ELBO toward the exact log p(x), never above it",
          "[vae]") {
  // 20 epochs leave a clear gap between the ELBO and log p(x); all 5 000 test points shown.
  auto lab = create_lab("vae", {{"epochs", n(20)}, {"displayPoints", n(5000)}});
  while (!lab->progress().done) REQUIRE(lab->step(1000) > 0);
  std::vector<double> previous, previous_metric;
  std::vector<double> log_lik;
  for (int k : {1, 4, 16, 64}) {
    INFO("k = " << k);
    lab->configure({{"iwaeK", n(k)}});
    const Json v = lab->views();
    REQUIRE(num(v, "iwaeK") == k);
    const std::vector<double> bounds = bounds_per_point(v);
    REQUIRE(bounds.size() == 5000);
    for (double b : bounds) REQUIRE(std::isfinite(b));
    log_lik.clear();
    for (float lp : floats(v, "testLogLik")) log_lik.push_back(lp);
    // Below log p(x) in expectation: the mean gap is positive up to 3 standard errors.
    const MeanAndError gap = mean_and_error(difference(log_lik, bounds));
    CHECK(gap.mean > -3 * gap.error);
    if (k == 1) {
      // L_1 is the ELBO: the one-sample estimates average to the exact (quadrature) ELBO.
      std::vector<double> elbo;
      for (float e : floats(v, "testElboExact")) elbo.push_back(e);
      const MeanAndError d = mean_and_error(difference(bounds, elbo));
      CHECK(std::fabs(d.mean) < 3 * d.error);
    } else {
      // Monotone in k on average: every step up in k raises the mean by more than 3 standard
      // errors of the paired difference.
      const MeanAndError rise = mean_and_error(difference(bounds, previous));
      CHECK(rise.mean > 3 * rise.error);
    }
    previous = bounds;
    // The metric (all test points, at the last exact epoch's weights) climbs too, below log p.
    const Json m = lab->metrics();
    previous_metric.push_back(num(m, "testIwae"));
    CHECK(num(m, "testIwae") < num(m, "testLogLik"));
  }
  CHECK(previous_metric[0] < previous_metric[1]);
  CHECK(previous_metric[1] < previous_metric[2]);
  CHECK(previous_metric[2] < previous_metric[3]);
}

TEST_CASE("vae: L_k stays finite for a point far from the decoder's curve", "[vae]") {
  // ‖x − f(z)‖²/2σ² ≈ 10⁵ nats: every weight underflows unless the log-sum-exp is shifted.
  Rng rng(5);
  VaeModel model(1, 20, 0.1f, rng);
  Matrix x(1, 2);
  x << 40.f, 40.f;
  Tape tape;
  const std::vector<double> bound = iwae_bounds(model, tape, x, kMaxIwaeSamples, rng);
  REQUIRE(bound.size() == 1);
  CHECK(std::isfinite(bound[0]));
}

TEST_CASE("vae: the training bound on the tape is the evaluation's bound", "[vae]") {
  // Same model, same noise (one chunk, sample-major rows in both): the float tape and the double
  // evaluation agree to float rounding of log-densities of a few nats.
  Rng init(3);
  VaeModel model(1, 20, 0.1f, init);
  Rng data_rng(4);
  const Dataset data = make_circle(200, 0.1f, data_rng);
  for (int k : {1, 4, 64}) {
    INFO("k = " << k);
    Rng eval(9), train(9);
    Tape tape;
    const std::vector<double> bounds = iwae_bounds(model, tape, data.x, k, eval);
    double mean = 0.0;
    for (double b : bounds) mean += b / double(bounds.size());
    const Matrix eps = train.normal_matrix(k * data.x.rows(), 1);
    tape.clear();
    const double bound = model.iwae(tape, data.x, eps, k).bound.item();
    CHECK(bound == Approx(mean).epsilon(1e-4));
  }
}

TEST_CASE("vae: training on the importance-weighted bound runs and reports finite metrics",
          "[vae][long]") {
  auto lab = create_lab(
      "vae", {{"epochs", n(10)}, {"objective", RawValue::of_string("iwae")}, {"trainK", n(8)}});
  while (!lab->progress().done) REQUIRE(lab->step(1000) > 0);
  const Json m = full_metrics(*lab);
  CHECK(num(m, "epoch") == 10);
  for (const char* key : {"trainElbo", "testElbo", "recon", "kl", "testLogLik", "testIwae"}) {
    INFO(key);
    CHECK(std::isfinite(num(m, key)));
  }
  // The bound it trains sits between the ELBO and log p(x) on the test set.
  CHECK(num(m, "testIwae") > num(m, "testElbo"));
  CHECK(num(m, "testIwae") < num(m, "testLogLik"));
}

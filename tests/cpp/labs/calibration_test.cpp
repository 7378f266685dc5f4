// Reliability bins, ECE and coverage curves: exact on hand-made cases, on the diagonal for a
// calibrated synthetic predictor, off it (on the side the miscalibration says) otherwise.
#include "labs/calibration.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "random/rng.h"

using namespace vi;

namespace {

constexpr int kDraws = 200000;  // ~20 000 a bin: binomial standard errors ≤ 0.0036

struct Synthetic {
  std::vector<float> truth;  // p(y = 1 | x) of the process
  Matrix y;                  // kDraws×1 outcomes, y ~ Bernoulli(truth)
};

// p ~ U(0, 1), y ~ Bernoulli(p), from one explicit generator.
Synthetic draw_synthetic(uint64_t seed) {
  Rng rng(seed);
  Synthetic s{{}, Matrix(kDraws, 1)};
  for (int i = 0; i < kDraws; ++i) {
    const float p = rng.uniform_float();
    s.truth.push_back(p);
    s.y(i, 0) = rng.uniform() < p ? 1.f : 0.f;
  }
  return s;
}

// The binomial standard error of a bin's observed frequency around its mean predicted p.
double standard_error(const Reliability& r, size_t b) {
  const double p = r.predicted[b];
  return std::sqrt(p * (1.0 - p) / r.count[b]);
}

}  // namespace

TEST_CASE("reliability: counts, means, frequencies and ECE of a hand-made case", "[calibration]") {
  // Bins [0, 0.1): {0.05 → 0}; [0.1, 0.2): {0.15 → 1, 0.15 → 0}; [0.9, 1]: {1 → 1}.
  Matrix y(4, 1);
  y << 0.f, 1.f, 0.f, 1.f;
  const Reliability r = reliability({0.05f, 0.15f, 0.15f, 1.f}, y);
  REQUIRE(r.count == std::vector<int>{1, 2, 0, 0, 0, 0, 0, 0, 0, 1});
  CHECK(r.predicted[1] == Approx(0.15));
  CHECK(r.observed[1] == 0.5);
  CHECK(std::isnan(r.predicted[2]));
  CHECK(std::isnan(r.observed[2]));
  // ECE = ¼·|0 − 0.05| + ½·|0.5 − 0.15| + ¼·|1 − 1| = 0.0125 + 0.175.
  CHECK(r.ece == Approx(0.1875).epsilon(1e-6));
}

TEST_CASE("reliability: a perfectly calibrated predictor lies on the diagonal", "[calibration]") {
  const Synthetic s = draw_synthetic(7);
  const Reliability r = reliability(s.truth, s.y);
  for (size_t b = 0; b < r.count.size(); ++b) {
    INFO("bin " << b << ": predicted " << r.predicted[b] << ", observed " << r.observed[b]);
    REQUIRE(r.count[b] > 15000);  // U(0, 1): a tenth of the draws each
    CHECK(r.predicted[b] == Approx(0.1 * b + 0.05).margin(0.001));
    // Four binomial standard errors: a false alarm in one of ten bins has odds below 1 in 1 000.
    CHECK(std::fabs(r.observed[b] - r.predicted[b]) < 4 * standard_error(r, b));
  }
  // E|error| per bin is about 0.8 standard errors (≤ 0.0036): the ECE of pure sampling noise.
  CHECK(r.ece < 0.01);
}

TEST_CASE("reliability: an overconfident predictor bends away from the diagonal", "[calibration]") {
  const Synthetic s = draw_synthetic(8);
  // Three times the true log-odds: probabilities pushed toward 0 and 1.
  std::vector<float> sharp;
  for (float p : s.truth) sharp.push_back(float(1.0 / (1.0 + std::pow((1.0 - p) / p, 3.0))));
  const Reliability r = reliability(sharp, s.y);
  const Reliability calibrated = reliability(s.truth, s.y);
  for (size_t b = 0; b < r.count.size(); ++b) {
    INFO("bin " << b << ": predicted " << r.predicted[b] << ", observed " << r.observed[b]);
    const double gap = r.observed[b] - r.predicted[b];
    // Above ½ the events happen less often than predicted (below the diagonal), under ½ more.
    if (r.predicted[b] > 0.5)
      CHECK(gap < -4 * standard_error(r, b));
    else
      CHECK(gap > 4 * standard_error(r, b));
  }
  // E|σ(3·logit p) − p| over p ~ U(0, 1) is 0.141 (numerical quadrature); binning loses little.
  CHECK(r.ece > 0.1);
  CHECK(r.ece > 10 * calibrated.ece);
}

TEST_CASE("coverage curve: shares inside each central interval of a hand-made case",
          "[calibration]") {
  // |2u − 1| = 0, 0.8, 0.98.
  const std::vector<double> levels{0.05, 0.8, 0.95};
  const std::vector<double> c = coverage_curve({0.5, 0.9, 0.01}, levels);
  CHECK(c[0] == Approx(1.0 / 3));
  CHECK(c[1] == Approx(2.0 / 3));
  CHECK(c[2] == Approx(2.0 / 3));
  const double expected =
      (std::fabs(1.0 / 3 - 0.05) + std::fabs(2.0 / 3 - 0.8) + std::fabs(2.0 / 3 - 0.95)) / 3;
  CHECK(coverage_error(c, levels) == Approx(expected));
}

TEST_CASE("coverage curve: a correct Gaussian tracks nominal, too wide above, too narrow below",
          "[calibration]") {
  Rng rng(11);
  std::vector<double> right, wide, narrow;
  for (int i = 0; i < kDraws; ++i) {
    const double mean = 3.0 * rng.normal(), sd = 0.5 + rng.uniform();  // varies per input
    const double y = mean + sd * rng.normal();
    right.push_back(gaussian_pit(y, mean, sd));
    wide.push_back(gaussian_pit(y, mean, 2.0 * sd));
    narrow.push_back(gaussian_pit(y, mean, 0.5 * sd));
  }
  const std::vector<double> levels = nominal_levels();
  REQUIRE(levels.size() == 19);
  CHECK(levels.front() == Approx(0.05));
  CHECK(levels.back() == Approx(0.95));
  const std::vector<double> c = coverage_curve(right, levels), w = coverage_curve(wide, levels),
                            n = coverage_curve(narrow, levels);
  for (size_t k = 0; k < levels.size(); ++k) {
    const double a = levels[k], se = std::sqrt(a * (1 - a) / kDraws);
    INFO("level " << a << ": " << c[k] << ", wide " << w[k] << ", narrow " << n[k]);
    CHECK(std::fabs(c[k] - a) < 4 * se);  // four binomial standard errors
    CHECK(w[k] > a + 4 * se);
    CHECK(n[k] < a - 4 * se);
  }
  CHECK(coverage_error(c, levels) < 0.005);  // ≤ 4 standard errors of at most 0.0011 each
  CHECK(coverage_error(w, levels) > 0.1);    // at a = ½: 2Φ(2·0.674) − 1 = 0.82, 0.32 above
}

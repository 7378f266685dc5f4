// Lab 2: mle reaches the noise floor, the exercise's vi band over-covers as measured, the bnn is
// unsure away from the data; budgets, streams, divergence and validation; the band helpers.
#include <catch2/catch.hpp>
#include <cmath>

#include "autodiff/ops.h"
#include "distributions/normal.h"
#include "labs/json_paths.h"
#include "labs/registry.h"
#include "labs/regression_band.h"
#include "labs/regression_methods.h"

using namespace vi;

namespace {

std::unique_ptr<Lab> run_to_end(const RawConfig& config) {
  auto lab = create_lab("regression", config);
  while (!lab->progress().done && !lab->progress().diverged)
    if (lab->step(1000) == 0) break;
  return lab;
}

// Width of a band (arrays `lower`/`upper` of a views object) at the grid point nearest x.
double width_at(const Json& method_views, const std::vector<float>& grid, const char* lower,
                const char* upper, double x) {
  size_t best = 0;
  for (size_t i = 0; i < grid.size(); ++i)
    if (std::fabs(grid[i] - x) < std::fabs(grid[best] - x)) best = i;
  REQUIRE(std::fabs(grid[best] - x) < 1e-4);  // the grids are built to contain 0 and ±4
  return at(method_views, upper).floats()[best] - at(method_views, lower).floats()[best];
}

}  // namespace

TEST_CASE("regression: mle on cubic reaches the noise floor", "[regression][long]") {
  auto lab = run_to_end({{"vi.steps", n(0)}, {"bnn.steps", n(0)}});
  const Json m = full_metrics(*lab);
  CHECK(num(m, "mle.step") == 10000);  // the original exercise's budget, all spent
  // σ = 1.5, so no predictor beats a validation MSE of σ² = 2.25 in expectation; the original
  // exercise's 1→20→1 network after 10 000 Adam steps fits the cubic to within 10 % of it. (The
  // estimate itself has sd σ²·√(2/2000) ≈ 0.07 over 2 000 validation points, well inside the band.)
  CHECK(num(m, "mle.valMse") >= 0.9 * 2.25);
  CHECK(num(m, "mle.valMse") <= 1.1 * 2.25);
  // The plug-in noise estimate √(training MSE) then sits near the true σ.
  CHECK(num(m, "mle.noiseStd") == Approx(1.5).epsilon(0.1));
  // So its Gaussian intervals hold what they promise: measured 0.4975 at 0.5 and a mean gap of
  // 0.006 over the 19 levels; 2 000 validation points give a binomial standard error of 0.011.
  CHECK(num(m, "mle.coverage50") == Approx(0.5).margin(0.045));
  CHECK(num(m, "mle.coverageError") < 0.02);
}

TEST_CASE("regression: the exercise's vi band over-covers, and coverage is what it measures",
          "[regression][long]") {
  auto lab = run_to_end({{"mle.steps", n(0)}, {"bnn.steps", n(0)}});
  const Json m = full_metrics(*lab);
  CHECK(num(m, "vi.step") == 1000);  // the original exercise's budget, all spent
  // The bracket: the band is meant to be a 90 % band, and the original exercise's objective
  // makes it too wide (its prior term pays for σ only through ŷ's spread), so coverage sits above
  // 0.9 without reaching every point. Measured: 0.994 for seed 0, 0.989–0.9945 for seeds 1–3: the
  // upper bound has little room, and a run above it would be reported as it is, not tuned.
  CHECK(num(m, "vi.coverage90") >= 0.85);
  CHECK(num(m, "vi.coverage90") <= 0.995);
  // Too wide: the σ it learns exceeds the true noise σ = 1.5 on average.
  CHECK(num(m, "vi.noiseStd") > 1.5);
  // At every level, not only 90 %: the coverage curve lies above the diagonal (measured 0.74 at
  // 0.5) and rises with the level.
  const Json v = lab->views();
  const std::vector<float> levels = floats(v, "coverageLevels"), curve = floats(v, "vi.coverage");
  REQUIRE(levels.size() == 19);
  REQUIRE(curve.size() == 19);
  for (size_t k = 0; k < levels.size(); ++k) {
    INFO("level " << levels[k]);
    CHECK(curve[k] > levels[k]);
    if (k > 0) CHECK(curve[k] >= curve[k - 1]);
  }
  CHECK(num(m, "vi.coverage50") > 0.6);
  CHECK(num(m, "vi.coverageError") > 0.1);
}

TEST_CASE("regression: coverage90 and bandWidth are the validation fractions they claim",
          "[regression]") {
  // A method built by hand on the lab's data recipe, so its predictions can be compared with
  // its metrics point by point.
  const LabInfo& info = find_lab("regression");
  const Config c = make_config("regression", info.schema, {});
  Rng rng(0);
  const Split split = random_split(make_cubic(2000, 1.5f, rng), 0.2, rng);
  RegressionData data{split.train, split.validation, 0.0, 1.0, 1.5f};
  const Eigen::VectorXd y = data.train.y.col(0).cast<double>();
  data.target_mean = y.mean();
  data.target_var = (y.array() - y.mean()).square().sum() / double(y.size() - 1);
  std::vector<std::unique_ptr<RegressionMethod>> methods;
  methods.push_back(make_mle_method(data, c, 1));
  methods.push_back(make_vi_method(data, c, 2));
  methods.push_back(make_bnn_method(data, c, 3));
  for (auto& method : methods) {
    INFO(method->name());
    Progress progress;
    for (int k = 0; k < 50; ++k) REQUIRE(method->advance(progress));
    const Prediction p = method->predict(data.validation.x, &data.validation.y);
    int inside = 0;
    double width = 0.0;
    for (Index i = 0; i < data.validation.x.rows(); ++i) {
      const float v = data.validation.y(i, 0);
      inside += p.band.lower[size_t(i)] <= v && v <= p.band.upper[size_t(i)];
      width += p.band.upper[size_t(i)] - p.band.lower[size_t(i)];
    }
    const Json m = method->metrics();
    const double count = double(data.validation.x.rows());
    CHECK(num(m, "coverage90") == Approx(inside / count).margin(1e-12));  // the same count
    CHECK(num(m, "bandWidth") == Approx(width / count).epsilon(1e-6));    // float vs double sums
  }
}

TEST_CASE("regression: on sine the bnn's band widens away from the data", "[regression][long]") {
  auto lab = run_to_end(
      {{"dataset", RawValue::of_string("sine")}, {"mle.steps", n(0)}, {"vi.steps", n(0)}});
  const Json m = full_metrics(*lab);
  CHECK(num(m, "bnn.step") == 3000);  // the lab's default budget, all spent
  const Json v = lab->views();
  const std::vector<float>& grid = at(v, "xWide").floats();
  const Json& bnn = at(v, "bnn");
  // The band of the function itself (epistemic): x ~ N(0, 1), so |x| = 4 lies past nearly all
  // of the 8 000 training inputs (about one beyond 3.9) while x = 0 is the densest point.
  // The bar is twice the width; runs give twenty times and more.
  const double f0 = width_at(bnn, grid, "fLowerWide", "fUpperWide", 0.0);
  CHECK(width_at(bnn, grid, "fLowerWide", "fUpperWide", 4.0) >= 2 * f0);
  CHECK(width_at(bnn, grid, "fLowerWide", "fUpperWide", -4.0) >= 2 * f0);
  // The predictive band adds the learned noise (±1.645·σₙ, σₙ ≈ 0.1 everywhere): near the data
  // it is all noise, at |x| = 4 it is only starting to grow, at |x| = 8 the function's
  // uncertainty dominates and it is more than twice as wide (runs give 3–7 times).
  const double y0 = width_at(bnn, grid, "lowerWide", "upperWide", 0.0);
  CHECK(width_at(bnn, grid, "lowerWide", "upperWide", 4.0) > y0);
  CHECK(width_at(bnn, grid, "lowerWide", "upperWide", -4.0) > y0);
  CHECK(width_at(bnn, grid, "lowerWide", "upperWide", 8.0) >= 2 * y0);
  CHECK(width_at(bnn, grid, "lowerWide", "upperWide", -8.0) >= 2 * y0);
  // Calibrated where it has data: the noise is Gaussian and learned, so the 90 % band holds
  // about 90 % of the validation points (±0.03 ≈ 4.5 binomial sd for 2 000 points, plus the
  // Monte Carlo error of 100 draws).
  CHECK(num(m, "bnn.coverage90") == Approx(0.9).margin(0.03));
  CHECK(num(m, "bnn.noiseStd") == Approx(0.1).epsilon(0.1));  // the true σ = 0.1, learned
  // The mle's band (a constant ±1.645·√MSE) cannot widen: equal at both ends.
  const Json& mle = at(v, "mle");
  CHECK(width_at(mle, grid, "lowerWide", "upperWide", 4.0) ==
        Approx(width_at(mle, grid, "lowerWide", "upperWide", 0.0)).epsilon(1e-5));
}

TEST_CASE("regression: every method has its own budget, and 0 is allowed", "[regression]") {
  auto none =
      create_lab("regression", {{"mle.steps", n(0)}, {"vi.steps", n(0)}, {"bnn.steps", n(0)}});
  CHECK(none->progress().done);  // nothing to do
  CHECK(none->step(10) == 0);
  CHECK(num(none->metrics(), "vi.step") == 0);

  auto lab =
      create_lab("regression", {{"mle.steps", n(7)}, {"vi.steps", n(3)}, {"bnn.steps", n(0)}});
  CHECK(lab->step(2) == 2);   // every method with budget left moves by 2
  CHECK(lab->step(10) == 5);  // progress is the largest count: mle goes 2 → 7
  const Json m = full_metrics(*lab);
  CHECK(num(m, "mle.step") == 7);  // each stops at its own budget
  CHECK(num(m, "vi.step") == 3);
  CHECK(num(m, "bnn.step") == 0);
  CHECK(num(m, "step") == 7);  // the largest of the three
  CHECK(at(m, "done").boolean());
  CHECK(lab->step(5) == 0);  // every budget spent
}

TEST_CASE("regression: a method's numbers depend neither on the others nor on chunking",
          "[regression][long]") {
  auto alone = create_lab("regression", {{"mle.steps", n(0)}, {"bnn.steps", n(0)}});
  auto together = create_lab("regression", {});
  alone->step(12);
  for (int k = 0; k < 4; ++k) {
    together->step(3);
    together->views();  // drawing uses its own generator, never a training stream
  }
  // Each method draws from its own stream seeded from the lab's seed, so the vi run is the same
  // bit for bit whether mle and bnn train beside it or not, in one call or four.
  CHECK(at(alone->metrics(), "vi").dump() == at(together->metrics(), "vi").dump());

  auto other_seed = create_lab("regression", {{"seed", n(1)}});
  other_seed->step(12);
  CHECK(num(other_seed->metrics(), "vi.loss") != num(together->metrics(), "vi.loss"));
}

TEST_CASE("regression: a learning rate far too large diverges and names the method",
          "[regression]") {
  auto lab = create_lab("regression", {{"vi.lr", n(10)}, {"bnn.steps", n(0)}});
  lab->step(100);
  const Progress p = lab->progress();
  REQUIRE(p.diverged);
  CHECK(p.diverged_at >= 1);
  CHECK(p.message.find("vi") != std::string::npos);
  CHECK(p.message.find("vi.lr") != std::string::npos);  // tells the user what to change
  CHECK_FALSE(p.done);
  CHECK(lab->step(10) == 0);  // training stays stopped
  const Json m = full_metrics(*lab);
  CHECK(at(m, "diverged").boolean());
  CHECK(std::isfinite(num(m, "vi.valMse")));  // the last good state, not NaN
  CHECK(std::isfinite(num(m, "mle.valMse")));
}

TEST_CASE("regression: every config field is validated", "[regression]") {
  auto fails = [](const char* field, RawValue v, const char* expected) {
    INFO(field);
    REQUIRE_THROWS_WITH(
        create_lab("regression", {{field, v}}),
        Catch::Contains(std::string("'") + field + "'") && Catch::Contains(expected));
  };
  fails("mle.lr", n(100), "[1e-05, 10]");
  fails("vi.steps", n(-1), "[0, 100000]");
  fails("bnn.samples", n(1.5), "not an integer");
  fails("n", n(10), "[100, 50000]");
  fails("sineNoise", n(NAN), "not a finite number");
  fails("dataset", RawValue::of_string("quartic"), "'cubic', 'sine'");
  fails("bnn.noise", RawValue::of_string("zero"), "'learned', 'true'");
}

TEST_CASE("regression: views hold both grids, the data and each method's curves", "[regression]") {
  auto lab = create_lab("regression", {{"gridPoints", n(51)}, {"scatterPoints", n(300)}});
  lab->step(2);
  const Json v = lab->views();
  CHECK(at(v, "x").floats().size() == 51);
  CHECK(at(v, "xWide").floats().size() == 51);
  CHECK(at(v, "x").floats().front() == -3.f);  // cubic's grid spans [−3, 3]
  CHECK(at(v, "xWide").floats().back() == 6.f);
  CHECK(at(v, "dataX").floats().size() == 300);
  for (const char* method : {"mle", "vi", "bnn"}) {
    INFO(method);
    const Json& mv = at(v, method);
    for (const char* key : {"point", "lower", "median", "upper", "pointWide", "upperWide"})
      CHECK(at(mv, key).floats().size() == 51);
    const auto& lo = at(mv, "lower").floats();
    const auto& hi = at(mv, "upper").floats();
    for (size_t i = 0; i < lo.size(); ++i) CHECK(lo[i] <= hi[i]);
    CHECK(at(mv, "historyStep").floats().size() == 2);  // steps 1 and 2 are both recorded
  }
}

TEST_CASE("regression: the vi loss is the exercise's neg_ELBO", "[regression]") {
  Tape t;
  Matrix y(3, 1), mu(3, 1), logvar(3, 1), eps(3, 1);
  y << 1.f, -2.f, 0.5f;
  mu << 0.8f, -1.f, 0.f;
  logvar << 0.2f, -1.f, 1.5f;
  eps << 0.3f, -1.2f, 2.f;
  const double m0 = 0.4, v0 = 3.0;
  const float loss = variational_regression_loss(t.constant(y), t.constant(mu), t.constant(logvar),
                                                 t.constant(eps), m0, v0)
                         .item();
  // The original exercise's gauss_LL and neg_ELBO, line by line, in double precision.
  auto gauss_ll = [](double x, double m, double log_var) {
    const double sigma = std::exp(0.5 * log_var);
    return -0.5 * std::log(2 * M_PI * sigma * sigma) - (x - m) * (x - m) / (2 * sigma * sigma);
  };
  double elbo = 0.0;
  for (int i = 0; i < 3; ++i) {
    const double y_hat = mu(i, 0) + (std::exp(0.5 * logvar(i, 0)) + 1e-5) * eps(i, 0);
    elbo += gauss_ll(y(i, 0), mu(i, 0), logvar(i, 0)) + gauss_ll(y_hat, m0, std::log(v0)) -
            gauss_ll(y_hat, mu(i, 0), logvar(i, 0));
  }
  // Float arithmetic on terms of size ~5: agreement to a few float ulps of the sum.
  CHECK(loss == Approx(-elbo / 3).epsilon(1e-5));
}

TEST_CASE("regression: band quantiles follow numpy's linear rule", "[regression]") {
  const std::vector<float> sorted{1.f, 2.f, 4.f, 8.f, 16.f};
  // Position (n−1)·p: p = 0.5 → 2 (exactly 4); p = 0.05 → 0.2 (1 + 0.2·1); p = 0.95 → 3.8.
  CHECK(quantile_sorted(sorted.data(), 5, 0.5) == 4.f);
  CHECK(quantile_sorted(sorted.data(), 5, 0.05) == Approx(1.2f));
  CHECK(quantile_sorted(sorted.data(), 5, 0.95) == Approx(8.f + 0.8f * 8.f));

  // Selection gives what sorting gives, draw order notwithstanding.
  Rng rng(3);
  for (int count : {4, 10, 37, 200, 1000}) {
    INFO(count);
    std::vector<float> draws(static_cast<size_t>(count));
    for (float& d : draws) d = rng.normal_float();
    std::vector<float> copy = draws;
    std::sort(copy.begin(), copy.end());
    Band band;
    band.resize(1);
    set_band(band, 0, draws);
    CHECK(band.lower[0] == quantile_sorted(copy.data(), count, kBandLow));
    CHECK(band.median[0] == quantile_sorted(copy.data(), count, kBandMid));
    CHECK(band.upper[0] == quantile_sorted(copy.data(), count, kBandHigh));
  }

  Band band;
  band.lower = {0.f, 0.f, 0.f, 0.f};
  band.median = {1.f, 1.f, 1.f, 1.f};
  band.upper = {2.f, 2.f, 2.f, 4.f};
  Matrix y(4, 1);
  y << 0.f, 2.f, 2.5f, -1.f;  // the ends count as inside
  CHECK(coverage(band, y) == 0.5);
  CHECK(mean_width(band) == 2.5);
  CHECK(mean_width(band, 3, 4) == 4.0);
}

TEST_CASE("regression: sorted normal draws have the normal's quantiles", "[regression]") {
  const std::vector<float> d = sorted_normal_draws(20000, kPredictiveSeed);
  REQUIRE(std::is_sorted(d.begin(), d.end()));
  // Φ⁻¹(0.95) = 1.645; the sample quantile of 20 000 draws has sd √(0.05·0.95/n)/φ(1.645) ≈ 0.015.
  CHECK(quantile_sorted(d.data(), int(d.size()), 0.95) == Approx(1.645).margin(0.06));
  CHECK(quantile_sorted(d.data(), int(d.size()), 0.05) == Approx(-1.645).margin(0.06));
  CHECK(quantile_sorted(d.data(), int(d.size()), 0.5) == Approx(0.0).margin(0.04));
}

namespace {

// 21 points on sin x at x = 5.5, 5.55, …, 6.5: past every training input of sine (x ~ N(0, 1)).
std::string far_sine_cluster() {
  std::string text;
  for (int i = 0; i <= 20; ++i) {
    const double x = 5.5 + 0.05 * i;
    char point[32];
    std::snprintf(point, sizeof point, "%s%.2f,%.3f", i ? "_" : "", x, std::sin(x));
    text += point;
  }
  return text;
}

}  // namespace

TEST_CASE("regression: a far cluster of your points narrows the bnn's band there",
          "[regression][data][long]") {
  const RawConfig sine_bnn = {
      {"dataset", RawValue::of_string("sine")}, {"mle.steps", n(0)}, {"vi.steps", n(0)}};
  RawConfig with_cluster = sine_bnn;
  with_cluster.push_back({"data", RawValue::of_string(far_sine_cluster())});
  auto plain = run_to_end(sine_bnn);
  auto clustered = run_to_end(with_cluster);
  const Json pv = plain->views(), cv = clustered->views();
  const std::vector<float>& grid = at(pv, "xWide").floats();
  const double before = width_at(at(pv, "bnn"), grid, "fLowerWide", "fUpperWide", 6.0);
  const double after = width_at(at(cv, "bnn"), grid, "fLowerWide", "fUpperWide", 6.0);
  const double band_before = width_at(at(pv, "bnn"), grid, "lowerWide", "upperWide", 6.0);
  const double band_after = width_at(at(cv, "bnn"), grid, "lowerWide", "upperWide", 6.0);
  INFO("bnn at x = 6, function band: " << before << " without, " << after
                                       << " with the cluster; predictive band: " << band_before
                                       << " without, " << band_after << " with");
  // Measured (seed 0): the function band 0.541 without the 21 points, 0.296 with them (−45 %).
  // The bar, a third narrower, is what a student sees on the page.
  CHECK(after < 0.67 * before);
  CHECK(band_after < band_before);
  // Near the exercise's data (x = 0) the points change little: within 50 % either way.
  const double near_before = width_at(at(pv, "bnn"), grid, "fLowerWide", "fUpperWide", 0.0);
  const double near_after = width_at(at(cv, "bnn"), grid, "fLowerWide", "fUpperWide", 0.0);
  CHECK(near_after == Approx(near_before).epsilon(0.5));
  // The validation set is the exercise's alone, so its size is unchanged.
  CHECK(num(full_metrics(*clustered), "bnn.step") == 3000);
}

TEST_CASE("regression: no points of your own is the exercise's run, bit for bit",
          "[regression][data]") {
  const RawConfig short_run = {{"mle.steps", n(50)}, {"vi.steps", n(5)}, {"bnn.steps", n(20)}};
  RawConfig empty = short_run;
  empty.push_back({"data", RawValue::of_string("")});
  CHECK(full_metrics(*run_to_end(short_run)).dump() == full_metrics(*run_to_end(empty)).dump());
}

TEST_CASE("regression: bad points get an error naming the field, the point and the range",
          "[regression][data]") {
  auto bad = [](const std::string& text) {
    return [text] { create_lab("regression", {{"data", RawValue::of_string(text)}}); };
  };
  CHECK_THROWS_WITH(bad("1,2_3,99")(), Catch::Contains("field 'data' point 2 = \"3,99\"") &&
                                           Catch::Contains("y = 99 is out of range [-50, 50]"));
  CHECK_THROWS_WITH(bad("1,NaN")(),
                    Catch::Contains("point 1") && Catch::Contains("y = NaN is not a number"));
  CHECK_THROWS_WITH(bad("1,1e999")(), Catch::Contains("is not a finite number"));
  CHECK_THROWS_WITH(bad("1,2,3")(), Catch::Contains("has 3 coordinates, not 2"));
  std::string many = "0,0";
  for (int i = 0; i < 200; ++i) many += "_0,0";
  CHECK_THROWS_WITH(bad(many)(), Catch::Contains("has 201 points, more than the 200 allowed"));
  CHECK_THROWS_WITH(create_lab("regression", {{"data", n(3)}}),
                    Catch::Contains("field 'data' = 3 is not text of points"));
}

TEST_CASE("regression: mle trains with every activation and optimizer the notebook suggests",
          "[regression][long]") {
  for (const char* activation : {"relu", "sigmoid", "tanh", "gelu"})
    for (const char* optimizer : {"adam", "sgd", "momentum", "rmsprop"}) {
      INFO(activation << " with " << optimizer);
      auto lab = create_lab("regression", {{"dataset", RawValue::of_string("sine")},
                                           {"n", n(1000)},
                                           {"mle.layers", n(2)},
                                           {"mle.activation", RawValue::of_string(activation)},
                                           {"mle.optimizer", RawValue::of_string(optimizer)},
                                           {"mle.lr", n(0.01)},
                                           {"mle.steps", n(300)},
                                           {"vi.steps", n(0)},
                                           {"bnn.steps", n(0)}});
      const double before = num(full_metrics(*lab), "mle.valMse");
      while (lab->step(100) > 0) {
      }
      const Json m = full_metrics(*lab);
      CHECK_FALSE(at(m, "diverged").boolean());
      CHECK(num(m, "mle.step") == 300);
      CHECK(num(m, "mle.valMse") < before);  // 300 steps always improve on the initial network
    }
}

TEST_CASE("regression: the Stanford notebook's sine setup reaches the notebook's final MSE",
          "[regression][long]") {
  // The notebook (Stats 305C, part 1) prints its training MSE every 100 iterations; after 2 000
  // Adam steps at lr 0.001 on all 10 000 points: "Iter 1999 : 0.011261513456702232". mle.loss
  // is the same number here: the MSE of the last step's forward pass, before its update.
  // Measured on seeds 0–4: 0.0106, 0.0104, 0.0103, 0.0102, 0.0101 (the noise floor is σ² = 0.01).
  const double notebook_final = 0.011261513456702232;
  for (int seed = 0; seed < 5; ++seed) {
    INFO("seed " << seed);
    auto lab = run_to_end({{"dataset", RawValue::of_string("sine")},
                           {"setup", RawValue::of_string("notebook")},
                           {"mle.steps", n(2000)},
                           {"vi.steps", n(0)},
                           {"bnn.steps", n(0)},
                           {"seed", n(seed)}});
    const Json m = full_metrics(*lab);
    CHECK(num(m, "mle.step") == 2000);
    CHECK(num(m, "mle.loss") <= notebook_final);
    CHECK(num(m, "mle.loss") >= 0.9 * 0.01);  // not below the noise: it fits, it does not memorize
    // The notebook's loss is the plain MSE (the post's is half of it): the last step's loss is
    // the training MSE that noiseStd² measures one update later.
    CHECK(num(m, "mle.loss") == Approx(std::pow(num(m, "mle.noiseStd"), 2)).epsilon(0.02));
  }
  // In the post's setup the same run minimizes ½·MSE.
  auto post = run_to_end({{"dataset", RawValue::of_string("sine")},
                          {"mle.steps", n(2000)},
                          {"vi.steps", n(0)},
                          {"bnn.steps", n(0)}});
  const Json m = full_metrics(*post);
  CHECK(num(m, "mle.loss") == Approx(0.5 * std::pow(num(m, "mle.noiseStd"), 2)).epsilon(0.02));
}

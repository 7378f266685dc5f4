// Lab 3: MAP, Laplace and VI classify the blobs; the Hessian, the grid posterior and the objective
// switch behave as designed.
#include <catch2/catch.hpp>
#include <cmath>

#include "autodiff/ops.h"
#include "data/datasets.h"
#include "labs/json_paths.h"
#include "labs/logistic_posterior.h"
#include "labs/logistic_vi.h"
#include "labs/registry.h"

using namespace vi;

namespace {

Json run(const RawConfig& config) {
  auto lab = create_lab("logistic", config);
  while (!lab->progress().done) REQUIRE(lab->step(1000) > 0);
  REQUIRE_FALSE(lab->progress().diverged);
  return full_metrics(*lab);
}

// The lab's training set for seed 0: the first draw from the lab's generator.
Dataset seed_blobs() {
  Rng rng(0);
  return make_blobs(400, -2, -2, 2, 2, 0.8f, rng);
}

// ∇ of mean BCE(x·w + b, y) + penalty·‖w‖² w.r.t. w, by the tape (float), at w.
Vec2 tape_gradient(const Dataset& d, const Vec2& w, double b, double penalty) {
  Parameter weight("w", Matrix(2, 1));
  weight.value << float(w[0]), float(w[1]);
  Tape t;
  Var wv = t.param(weight);
  Var logits = matmul(t.constant(d.x), wv) + t.constant(float(b));
  Var loss = mean(bce_with_logits(logits, t.constant(d.y))) + sum(square(wv)) * float(penalty);
  t.backward(loss);
  return {weight.grad(0, 0), weight.grad(1, 0)};
}

}  // namespace

TEST_CASE("logistic: every method classifies the blobs with the default run", "[logistic]") {
  const Json m = run({});
  // Blobs 4√2 apart with sd 0.8: the Bayes error is Φ(−3.5) ≈ 2e-4, so any sensible linear
  // classifier gets ≥ 98 % (the bar).
  for (const char* method : {"map", "laplace", "vi"}) {
    INFO(method);
    CHECK(num(m, std::string(method) + ".accuracy") >= 0.98);
    CHECK(std::isfinite(num(m, std::string(method) + ".testNll")));
  }
  CHECK(num(m, "step") == 40);  // VI's budget, the larger of 20 and 40
  // The exercise's Laplace covariance is the inverse of a mean loss's Hessian: N = 400 times wider
  // than the posterior it approximates, so it is far from the exact one (hundreds of nats).
  CHECK(num(m, "laplace.klToExact") > 50);
  CHECK(num(m, "vi.klToExact") > 0);  // a KL is never negative
}

TEST_CASE("logistic: the Hessian matches finite differences of the tape's gradient", "[logistic]") {
  const Dataset d = seed_blobs();
  const WeightSpace ws(d.x, d.y, 0.3);
  for (double penalty : {0.05, 1.0 / (2.0 * 400 * 4)})
    for (const Vec2& w : {Vec2{0.0, 0.0}, Vec2{0.9, 0.5}, Vec2{2.5, 2.2}, Vec2{-1.0, 3.0}}) {
      INFO("penalty " << penalty << " at w = (" << w[0] << ", " << w[1] << ")");
      const Mat2 h = ws.mean_loss_hessian(w, penalty);
      // Central differences with h = 1e-2: truncation O(h²·∂³L) ≈ 1e-5, float rounding of the
      // gradient ≈ 1e-7 / 2h ≈ 1e-5, both well inside 1e-3 of the Hessian's largest entry.
      const double step = 1e-2;
      Mat2 fd{};
      for (int k = 0; k < 2; ++k) {
        Vec2 plus = w, minus = w;
        plus[size_t(k)] += step;
        minus[size_t(k)] -= step;
        const Vec2 gp = tape_gradient(d, plus, 0.3, penalty);
        const Vec2 gm = tape_gradient(d, minus, 0.3, penalty);
        for (int i = 0; i < 2; ++i)
          fd[size_t(2 * i + k)] = (gp[size_t(i)] - gm[size_t(i)]) / (2 * step);
      }
      double scale = 0;
      for (double v : h) scale = std::max(scale, std::fabs(v));
      for (int e = 0; e < 4; ++e) CHECK(std::fabs(fd[size_t(e)] - h[size_t(e)]) <= 1e-3 * scale);
    }
}

TEST_CASE("logistic: the lab's Laplace covariance is the inverse Hessian at its MAP weights",
          "[logistic]") {
  const Dataset d = seed_blobs();
  for (const char* objective : {"exercise", "elbo"}) {
    INFO(objective);
    const Json m = run({{"objective", RawValue::of_string(objective)}});
    const auto w = at(m, "map.w").floats();
    const bool elbo = std::string(objective) == "elbo";
    const double penalty = elbo ? 1.0 / (2.0 * 400 * 4) : 0.05;
    const WeightSpace ws(d.x, d.y, num(m, "map.b"));
    Mat2 cov = inverse(ws.mean_loss_hessian({w[0], w[1]}, penalty));
    if (elbo)
      for (double& c : cov) c /= 400;  // the posterior's Hessian is N times the mean loss's
    const auto lab_cov = at(m, "laplace.cov").floats();
    // The lab reports floats: agreement to float precision.
    for (int e = 0; e < 4; ++e) CHECK(lab_cov[size_t(e)] == Approx(cov[size_t(e)]).epsilon(1e-5));
  }
}

TEST_CASE("logistic: the log-likelihood equals the sum of the points' log-probabilities",
          "[logistic]") {
  // 1 300 points, past two blocks of the product that replaces the per-point log1p, at weights
  // where some |z| pass the cutoff of 40 and some are small.
  Rng rng(3);
  const Dataset d = make_blobs(1300, -3, -3, 3, 3, 2.5f, rng);
  const double bias = 0.4;
  const WeightSpace ws(d.x, d.y, bias);
  for (const Vec2& w : {Vec2{0.0, 0.0}, Vec2{1.5, -0.7}, Vec2{9.0, 6.0}, Vec2{-4.0, 11.0}}) {
    double expected = 0.0;  // Σₙ log σ(±zₙ), one log1p per point
    for (Index n = 0; n < d.x.rows(); ++n) {
      const double z = w[0] * double(d.x(n, 0)) + w[1] * double(d.x(n, 1)) + bias;
      const double y = d.y(n, 0);
      expected -= std::fmax(z, 0.0) - z * y + std::log1p(std::exp(-std::fabs(z)));
    }
    CHECK(ws.log_likelihood(w[0], w[1]) == Approx(expected).epsilon(1e-13));
  }
  // At w = 0 and b = 0 every point has probability ½: a factor of 2 per point, 2¹³⁰⁰ in all.
  CHECK(WeightSpace(d.x, d.y, 0.0).log_likelihood(0.0, 0.0) ==
        Approx(-1300 * std::log(2.0)).epsilon(1e-14));
}

TEST_CASE("logistic: the grid posterior's moments agree with a finer grid", "[logistic]") {
  const Dataset d = seed_blobs();
  const WeightSpace ws(d.x, d.y, -0.04);
  const ExactPosterior coarse = exact_posterior(ws, 4.0, 96), fine = exact_posterior(ws, 4.0, 400);
  // The bar, 1e-3; the midpoint rule on a smooth, fast-decaying density converges far
  // faster than that (the two agree to about 1e-6 here).
  for (int i = 0; i < 2; ++i)
    CHECK(coarse.mean[size_t(i)] == Approx(fine.mean[size_t(i)]).epsilon(1e-3));
  for (int e = 0; e < 4; ++e)
    CHECK(coarse.cov[size_t(e)] == Approx(fine.cov[size_t(e)]).margin(1e-3 * fine.cov[0]));
  CHECK(coarse.log_evidence == Approx(fine.log_evidence).margin(1e-3));
  // The grid's most probable cell holds the Newton mode of the same density.
  const Vec2 mode = ws.minimize(1.0 / (2.0 * 400 * 4.0));
  CHECK(std::fabs(fine.mode[0] - mode[0]) <= fine.box.dx());
  CHECK(std::fabs(fine.mode[1] - mode[1]) <= fine.box.dy());
  // The density really is N(0, 4) prior × likelihood: its covariance is positive definite and the
  // mean lies in the quadrant that separates the blobs (w₁, w₂ > 0).
  CHECK(fine.cov[0] * fine.cov[3] - fine.cov[1] * fine.cov[2] > 0);
  CHECK(fine.mean[0] > 0);
  CHECK(fine.mean[1] > 0);
}

TEST_CASE("logistic: KL to the exact posterior is smallest near its moments", "[logistic]") {
  const Dataset d = seed_blobs();
  const WeightSpace ws(d.x, d.y, 0.0);
  const ExactPosterior p = exact_posterior(ws, 4.0);
  const double at_moments = kl_to_exact(ws, 4.0, p, p.mean, p.cov);
  // The posterior is skewed, so even its moment-matched Gaussian is not exact, but it is close.
  CHECK(at_moments >= 0);
  CHECK(at_moments < 0.5);
  CHECK(kl_to_exact(ws, 4.0, p, {p.mean[0] + 1, p.mean[1]}, p.cov) > at_moments);
  CHECK(kl_to_exact(ws, 4.0, p, p.mean, {4 * p.cov[0], 0, 0, 4 * p.cov[3]}) > at_moments);
  // Quadrature converged: 32 and 64 nodes per axis agree to 1e-3 nats.
  CHECK(at_moments == Approx(kl_to_exact(ws, 4.0, p, p.mean, p.cov, 64)).margin(1e-3));
}

TEST_CASE("logistic: the elbo objective brings Laplace and VI closer to the exact posterior",
          "[logistic][long]") {
  // Enough steps for both objectives to settle: MAP at lr 5 converges within 2 000 steps (the
  // elbo loss is nearly flat along w, so lr 0.2 would need ~50 000), VI at lr 0.5 within 20 000.
  const RawConfig steps = {
      {"map.steps", n(2000)}, {"map.lr", n(5)}, {"vi.steps", n(20000)}, {"vi.lr", n(0.5)}};
  RawConfig exercise = steps, elbo = steps;
  exercise.push_back({"objective", RawValue::of_string("exercise")});
  elbo.push_back({"objective", RawValue::of_string("elbo")});
  const Json a = run(exercise), b = run(elbo);
  CHECK(num(b, "laplace.klToExact") < num(a, "laplace.klToExact"));
  CHECK(num(b, "vi.klToExact") < num(a, "vi.klToExact"));
  // Measured here: about 1.1 and 0.2 nats; the skewed posterior keeps Laplace above VI.
  CHECK(num(b, "laplace.klToExact") < 2.0);
  CHECK(num(b, "vi.klToExact") < 0.5);
  // In elbo mode the MAP weights are the exact posterior's mode: within one grid cell of the
  // grid's most probable cell (the bias is held at MAP's own optimum).
  const auto w = at(b, "map.w").floats(), mode = at(b, "exact.mode").floats();
  const auto cell = at(b, "exact.cell").floats();
  CHECK(std::fabs(w[0] - mode[0]) <= cell[0]);
  CHECK(std::fabs(w[1] - mode[1]) <= cell[1]);
  CHECK(num(b, "map.b") == Approx(num(b, "exact.bias")).margin(1e-3));
  for (const char* method : {"map", "laplace", "vi"})
    CHECK(num(b, std::string(method) + ".accuracy") >= 0.98);
}

TEST_CASE("logistic: methods step independently and a zero budget is allowed", "[logistic]") {
  auto lab = create_lab("logistic", {{"map.steps", n(0)}, {"vi.steps", n(5)}});
  CHECK(lab->step(3) == 3);
  CHECK(lab->progress().step == 3);
  CHECK(lab->step(10) == 2);  // only VI had budget left, two steps of it
  CHECK(lab->progress().done);
  const Json m = full_metrics(*lab);
  CHECK(at(m, "map").find("loss") == nullptr);  // MAP never stepped: no loss to report yet
  // Chunking does not change the numbers: each method owns its generator.
  auto one = create_lab("logistic", {{"seed", n(3)}}),
       many = create_lab("logistic", {{"seed", n(3)}});
  one->step(40);
  for (int i = 0; i < 40; ++i) many->step(1);
  CHECK(full_metrics(*one).dump() == full_metrics(*many).dump());
}

TEST_CASE("logistic: a huge learning rate diverges, naming the method", "[logistic]") {
  // lr·2λ = 100 ≫ 2: the weight-decay term alone grows w by ~99× per step until it overflows.
  auto map = create_lab("logistic", {{"map.lr", n(1000)}});
  map->step(1000);
  CHECK(map->progress().diverged);
  CHECK_THAT(map->progress().message, Catch::Contains("MAP") && Catch::Contains("map.lr"));
  const Json m = full_metrics(*map);
  for (float v : at(m, "map.w").floats()) CHECK(std::isfinite(v));  // the last good state is kept
  auto vi = create_lab("logistic", {{"vi.lr", n(1000)}});
  vi->step(1000);
  CHECK(vi->progress().diverged);
  CHECK_THAT(vi->progress().message, Catch::Contains("VI") && Catch::Contains("vi.lr"));
}

TEST_CASE("logistic: bad config values name the field and the range", "[logistic]") {
  REQUIRE_THROWS_WITH(create_lab("logistic", {{"vi.lr", n(-1)}}),
                      Catch::Contains("vi.lr") && Catch::Contains("[0.0001, 1000]"));
  REQUIRE_THROWS_WITH(create_lab("logistic", {{"objective", RawValue::of_string("mle")}}),
                      Catch::Contains("objective") && Catch::Contains("'elbo'"));
}

namespace {

double distance(const Json& a, const Json& b) {
  const std::vector<float>&u = a.floats(), &v = b.floats();
  return std::hypot(double(u[0]) - v[0], double(u[1]) - v[1]);
}

double norm(const Json& a) {
  return std::hypot(double(a.floats()[0]), double(a.floats()[1]));
}

}  // namespace

TEST_CASE("logistic: one mislabelled point of yours moves MAP, Laplace and VI",
          "[logistic][data]") {
  // 20 training points, the schema's fewest: one point among them is 5 % of the data. (Among the
  // exercise's 400 the same point moves MAP's weights by 2 % of their length: there, a student
  // adds a few.)
  const RawConfig few = {{"points", n(20)}};
  RawConfig with_point = few;
  with_point.push_back({"data", RawValue::of_string("3,3,0")});  // class 0 in class 1's blob
  const Json plain = run(few), mislabelled = run(with_point);
  for (const char* key : {"map.w", "laplace.mean", "vi.mean"}) {
    INFO(key << ": moved " << distance(at(plain, key), at(mislabelled, key)) << " of "
             << norm(at(plain, key)));
    // Measured: MAP (and Laplace, centred on it) 0.31 of 1.08, VI 0.28 of 1.65. The bar, 10 % of
    // the weights' length, turns the weight panel's ellipses and the decision line visibly.
    CHECK(distance(at(plain, key), at(mislabelled, key)) > 0.1 * norm(at(plain, key)));
    // Towards smaller weights: the point asks for a less confident boundary.
    CHECK(norm(at(mislabelled, key)) < norm(at(plain, key)));
  }
  // No points of one's own is the exercise's run, bit for bit.
  RawConfig empty = few;
  empty.push_back({"data", RawValue::of_string("")});
  CHECK(run(empty).dump() == plain.dump());
}

TEST_CASE("logistic: bad points name the field, the point and the coordinate", "[logistic][data]") {
  CHECK_THROWS_WITH(create_lab("logistic", {{"data", RawValue::of_string("1,1,2")}}),
                    Catch::Contains("field 'data' point 1 = \"1,1,2\": class = 2 is out of range "
                                    "[0, 1]"));
  CHECK_THROWS_WITH(create_lab("logistic", {{"data", RawValue::of_string("1,1")}}),
                    Catch::Contains("has 2 coordinates, not 3"));
}

TEST_CASE("logistic: log p(y | X) − ELBO equals VI's KL to the exact posterior",
          "[logistic][elbo-gap]") {
  for (const char* objective : {"exercise", "elbo"})
    for (const char* family : {"meanField", "fullCov"}) {
      // A fine exact grid: log p(y | X) and the KL's log Z come from it.
      const Json m = run({{"objective", RawValue::of_string(objective)},
                          {"family", RawValue::of_string(family)},
                          {"exactGrid", n(192)}});
      INFO(objective << ", " << family << ": gap " << num(m, "vi.elboGap") << " ± "
                     << num(m, "vi.elboStdError") << ", KL " << num(m, "vi.klToExact"));
      CHECK(num(m, "vi.elboGap") == num(m, "exact.logEvidence") - num(m, "vi.elboEstimate"));
      // Monte Carlo error (4 standard errors) plus the grid's accuracy in log Z (1e-3).
      CHECK(std::fabs(num(m, "vi.elboGap") - num(m, "vi.klToExact")) <
            4 * num(m, "vi.elboStdError") + 1e-3);
    }
}

namespace {

// argmin of f by coordinate search from x, halving each step until it is below 1e-4.
template <size_t K, class F>
double coordinate_search(F f, std::array<double, K> x) {
  double best = f(x);
  for (double step = 0.1; step > 1e-4; step /= 2)
    for (bool moved = true; moved;) {
      moved = false;
      for (size_t k = 0; k < K; ++k)
        for (double sign : {-1.0, 1.0}) {
          std::array<double, K> y = x;
          y[k] += sign * step;
          const double v = f(y);
          if (v < best) best = v, x = y, moved = true;
        }
    }
  return best;
}

}  // namespace

TEST_CASE("logistic: full-covariance VI tilts with the posterior", "[logistic][family][long]") {
  // Under the elbo objective VI targets the exact panel's posterior.
  const Json full = run({{"objective", RawValue::of_string("elbo")},
                         {"family", RawValue::of_string("fullCov")},
                         {"vi.steps", n(2000)}});
  const auto exact_cov = floats(full, "exact.cov"), q_cov = floats(full, "vi.cov");
  CHECK(exact_cov[1] < 0);  // the blobs lie along w₁ = w₂: the weights trade off
  CHECK(q_cov[1] < 0);      // and q learns that tilt, which a mean-field q cannot
  CHECK(q_cov[1] == q_cov[2]);
  // The best Gaussians of each family, by coordinate search from the exact moments over
  // (μ, log L₀₀, log L₁₁) and, for the full family, L₁₀.
  const Dataset d = seed_blobs();
  const WeightSpace ws(d.x, d.y, num(full, "exact.bias"));
  const ExactPosterior exact = exact_posterior(ws, 4.0);
  const auto kl = [&](double m0, double m1, double a, double l10, double b) {
    const double l00 = std::exp(a), l11 = std::exp(b);
    return kl_to_exact(ws, 4.0, exact, {m0, m1},
                       {l00 * l00, l00 * l10, l00 * l10, l10 * l10 + l11 * l11});
  };
  const double a0 = 0.5 * std::log(exact.cov[0]), b0 = 0.5 * std::log(exact.cov[3]);
  const double best_diagonal = coordinate_search<4>(
      [&](const std::array<double, 4>& p) { return kl(p[0], p[1], p[2], 0.0, p[3]); },
      {exact.mean[0], exact.mean[1], a0, b0});
  const double best_full = coordinate_search<5>(
      [&](const std::array<double, 5>& p) { return kl(p[0], p[1], p[2], p[3], p[4]); },
      {exact.mean[0], exact.mean[1], a0, 0.0, b0});
  INFO("best mean-field KL " << best_diagonal << ", best full-covariance KL " << best_full);
  // Measured 0.20 and 0.15 nats: the tilt is worth about 0.05; the rest is the posterior's skew
  // (nearly separable blobs), which no Gaussian fits.
  CHECK(best_full < best_diagonal - 0.03);
  CHECK(best_full > 0.1);
}

TEST_CASE("logistic: reliability bins count every held-out and far-away point, and give the ECE",
          "[logistic][calibration]") {
  auto lab = create_lab("logistic", {});
  while (!lab->progress().done) REQUIRE(lab->step(1000) > 0);
  const Json m = full_metrics(*lab), v = lab->views();
  for (const std::string method : {"map", "laplace", "vi"}) {
    for (const auto& [set, key] : {std::pair{"heldOut", "eceHeldOut"}, {"far", "eceFar"}}) {
      INFO(method << " " << set);
      const std::string bins = method + ".reliability." + set;
      const std::vector<float> count = floats(v, bins + ".count"),
                               predicted = floats(v, bins + ".predicted"),
                               observed = floats(v, bins + ".observed");
      REQUIRE(count.size() == 10);
      double points = 0.0, ece = 0.0;
      for (float c : count) points += c;
      CHECK(points == 2000);  // the 2 000 test points; as many far away
      for (size_t b = 0; b < count.size(); ++b) {
        if (count[b] == 0) continue;
        CHECK(predicted[b] >= 0.1f * b - 1e-6f);  // each bin's mean inside the bin
        CHECK(predicted[b] <= 0.1f * (b + 1) + 1e-6f);
        ece += count[b] / points * std::fabs(observed[b] - predicted[b]);
      }
      const double metric = num(m, method + "." + key);
      CHECK(metric >= 0);
      CHECK(metric <= 1);
      CHECK(ece == Approx(metric).margin(1e-6));  // the view's bins are float32
    }
  }
  // The exercise's Laplace covariance is 400 times too wide: far less sure than it should be.
  // Measured on seeds 0–4: 0.24–0.29 against MAP's 0.064–0.067 and VI's 0.061–0.13.
  CHECK(num(m, "laplace.eceHeldOut") > 2 * num(m, "map.eceHeldOut"));
  CHECK(num(m, "laplace.eceHeldOut") > 2 * num(m, "vi.eceHeldOut"));
}

TEST_CASE("logistic: VI's score-function gradient is noisier than the reparameterized one",
          "[logistic][gradient-noise]") {
  const Json m = run({});
  const std::vector<float> samples = floats(m, "vi.gradVarSamples");
  const std::vector<double> reparam = numbers(m, "vi.gradVarReparam"),
                            score = numbers(m, "vi.gradVarScore");
  REQUIRE(samples == std::vector<float>{1, 4, 16, 64});
  for (size_t k = 0; k < samples.size(); ++k) {
    INFO(samples[k] << " samples: reparameterization " << reparam[k] << ", score " << score[k]);
    CHECK(reparam[k] > 0);
    CHECK(score[k] > reparam[k]);  // at equal samples (the Done-means)
  }
  // An S-sample average of independent terms has 1/S of one term's variance: 64 samples, 1/64,
  // within a factor of 2 (measured 1/49 to 1/53 for both estimators on seeds 0–4: at the default
  // run's q, still wide, the terms are heavy-tailed and 25 estimates of 64 samples tend to see
  // less than their expected variance).
  CHECK(reparam[0] / reparam[3] > 32);
  CHECK(reparam[0] / reparam[3] < 128);
  CHECK(score[0] / score[3] > 32);
  CHECK(score[0] / score[3] < 128);
}

TEST_CASE("logistic: the gradient-noise measurement's work is bounded whatever the data's size",
          "[logistic][gradient-noise]") {
  // 25 replicates of 64 draws at the default 400 points; fewer above, so draws × points stays at
  // 640 000 (two exp/log terms per point and draw), down to 10 replicates.
  CHECK(LogisticVi::noise_replicates(20) == 25);
  CHECK(LogisticVi::noise_replicates(400) == 25);
  CHECK(LogisticVi::noise_replicates(800) == 12);
  CHECK(LogisticVi::noise_replicates(5100) == 10);
  for (int points : {20, 400, 800, 1000})
    CHECK(LogisticVi::noise_terms(points) <= 2 * 64 * 25 * 400);
  CHECK(LogisticVi::noise_terms(5100) == 2 * 64 * 10 * 5100);  // the largest data: 6.5·10⁶
}

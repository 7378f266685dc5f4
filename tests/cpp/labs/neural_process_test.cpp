// Lab 6: the neural process's loss has the right gradients; training fits the data and collapses.
#include <catch2/catch.hpp>
#include <cmath>

#include "autodiff/gradcheck.h"
#include "labs/json_paths.h"
#include "labs/neural_process_model.h"
#include "labs/registry.h"

using namespace vi;

namespace {

// Two context points and three targets of sin x, as one training step might draw them.
NpSplit tiny_split() {
  NpSplit s{Matrix(2, 2), Matrix(3, 2)};
  for (int i = 0; i < 2; ++i) s.context.row(i) << float(2 * i - 1), float(std::sin(2 * i - 1));
  for (int i = 0; i < 3; ++i) s.targets.row(i) << float(2 * i - 2), float(std::sin(2 * i - 2));
  return s;
}

GradcheckResult check_loss(Init init, float output_std, uint64_t seed) {
  Rng rng(seed);
  NpNetworks nets(init, rng);
  const Matrix eps = rng.normal_matrix(3, kNpZDim);  // three z samples
  const NpSplit split = tiny_split();
  GradcheckOptions options;
  options.step = 1e-3;  // small enough not to cross a ReLU kink in the r-encoder
  return gradcheck(
      [&](Tape& t, const std::vector<Var>& w) {
        return np_loss(t, NpWeights::from(w), split, eps, output_std).loss;
      },
      nets.values(), options, seed);
}

std::unique_ptr<Lab> run(const RawConfig& config, int steps) {
  auto lab = create_lab("neural_process", config);
  lab->step(steps);
  return lab;
}

}  // namespace

TEST_CASE("neural_process: the whole loss's gradients match finite differences",
          "[neural_process]") {
  // Every one of the 12 weight tensors, through both encoders, the sampled z, the selection
  // matmul, the decoder, the likelihood and the guarded KL. The output std is widened from the
  // original exercise's 0.005 to 0.5 so the loss's curvature (∝ 1/std²) keeps central differences
  // accurate.
  for (Init init : {Init::Normal, Init::FanInUniform, Init::XavierNormal}) {
    const GradcheckResult res = check_loss(init, 0.5f, 4);
    INFO(res.report);
    CHECK(res.ok);
  }
}

TEST_CASE("neural_process: the guarded KL stays finite when a std collapses to zero",
          "[neural_process]") {
  Tape t;
  Matrix mean(1, 2), std_q(1, 2), std_p(1, 2);
  mean << 0.3f, -0.1f;
  std_q << 0.2f, 0.f;
  std_p << 0.f, 0.5f;
  Parameter q_std("q_std", std_q);
  const ZPosterior q{t.constant(mean), t.param(q_std)};
  const ZPosterior p{t.constant(mean), t.constant(std_p)};
  Var kl = kl_gaussian_guarded(q, p);
  // ½[0.04/1e-16 + log(1e-16/0.04) − 1] + ½[1e-16/0.25 + log(0.25/1e-16) − 1]: large, finite.
  CHECK(std::isfinite(kl.item()));
  CHECK(kl.item() == Approx(0.5 * (0.04 / 1e-16 + std::log(1e-16 / 0.04) - 1) +
                            0.5 * (1e-16 / 0.25 + std::log(0.25 / 1e-16) - 1))
                         .epsilon(1e-5));
  t.backward(kl);
  CHECK(t.node(q.std.id).grad.allFinite());
}

TEST_CASE("neural_process: default init fits the five points and collapses the spread",
          "[neural_process]") {
  auto lab = create_lab("neural_process", {{"init", RawValue::of_string("default")}});
  const double spread_at_init = num(lab->metrics(), "spreadFar");
  while (!lab->progress().done) REQUIRE(lab->step(1000) > 0);
  const Json m = full_metrics(*lab);
  CHECK(num(m, "step") == 9001);
  CHECK(num(m, "dataRmse") < 0.02);  // the bar (measured: 0.0014 with seed 0)
  // The collapse: measured 0.014 at init and 1.5e-4 after 9 001 steps; ask for a factor of 10.
  CHECK(num(m, "spreadFar") < spread_at_init / 10);
  for (float s : at(m, "zStdAll").floats()) CHECK(s < 0.2f);  // both stds shrink (0.03, 0.06)
}

TEST_CASE("neural_process: a learning rate of 10 diverges and keeps finite plots",
          "[neural_process]") {
  // Measured: with lr = 10 and init = normal, seeds 0–9 all diverge, at steps 2 to 1 243.
  auto lab = run({{"lr", RawValue::of_number(10)}}, 9001);
  const Json m = full_metrics(*lab);
  REQUIRE(at(m, "diverged").boolean());
  CHECK(num(m, "divergedAt") == num(m, "step") + 1);  // the failing step is not counted
  CHECK(at(m, "message").string().find("smaller learning rate") != std::string::npos);
  CHECK(lab->step(10) == 0);
  for (const char* key : {"kl", "spreadFar", "dataRmse", "loss"}) CHECK(std::isfinite(num(m, key)));
  const Json v = lab->views();
  for (const auto& [key, value] : v.fields()) {
    INFO(key);
    for (float f : value.floats()) REQUIRE(std::isfinite(f));
  }
}

TEST_CASE("neural_process: views carry samples, masks and snapshots of the right sizes",
          "[neural_process]") {
  auto lab = run(
      {{"snapshotEvery", RawValue::of_number(500)}, {"functionSamples", RawValue::of_number(30)}},
      1200);
  const Json v = lab->views();
  CHECK(at(v, "gridX").floats().size() == 80);  // np.arange(-4, 4, 0.1)
  CHECK(at(v, "gridX").floats()[0] == -4.f);
  CHECK(at(v, "samples").floats().size() == 30 * 80);
  CHECK(at(v, "maskZStd").floats().size() == 31 * 2);  // q(z | mask) for masks 1…31
  CHECK(at(v, "snapshotSteps").floats() == std::vector<float>{0, 500, 1000});
  CHECK(at(v, "snapshotSamples").floats().size() == 3 * 20 * 80);
  // The page redraws samples for other contexts from maskZMean/maskZStd, displayEps and the
  // decoder weights: check that recipe reproduces the engine's samples for the default mask.
  const auto mean = at(v, "maskZMean").floats(), std = at(v, "maskZStd").floats();
  const auto eps = at(v, "displayEps").floats(), grid = at(v, "gridX").floats();
  const auto w1 = at(v, "decoderW1").floats(), b1 = at(v, "decoderB1").floats();
  const auto w2 = at(v, "decoderW2").floats(), b2 = at(v, "decoderB2").floats();
  const auto samples = at(v, "samples").floats();
  for (int s = 0; s < 30; s += 7)
    for (int k = 0; k < 80; k += 13) {
      const float in[3] = {grid[size_t(k)], mean[60] + std[60] * eps[size_t(2 * s)],
                           mean[61] + std[61] * eps[size_t(2 * s + 1)]};
      double y = b2[0];
      for (int h = 0; h < 8; ++h) {
        double a = b1[size_t(h)];
        for (int i = 0; i < 3; ++i) a += in[i] * w1[size_t(i * 8 + h)];
        y += w2[size_t(h)] / (1.0 + std::exp(-a));
      }
      CHECK(samples[size_t(s * 80 + k)] == Approx(y).margin(1e-5));  // float vs double rounding
    }
}

TEST_CASE("neural_process: context points anywhere condition the drawn samples, never training",
          "[neural_process][data]") {
  auto lab = create_lab("neural_process", {});
  lab->step(500);
  const Json before = full_metrics(*lab);
  // A view setting: the running lab takes it at once and keeps its step and training state.
  lab->configure({{"context", RawValue::of_string("-3.5_3")}});
  const Json with_context = full_metrics(*lab);
  CHECK(num(with_context, "step") == 500);
  CHECK(num(with_context, "loss") == num(before, "loss"));
  CHECK(num(with_context, "kl") == num(before, "kl"));  // the training contexts' KL
  // The samples (and the spread at x = −4 and the fit they give) are under the new context.
  CHECK(num(with_context, "spreadFar") != num(before, "spreadFar"));
  const Json v = lab->views();
  CHECK(at(v, "contextX").floats() == std::vector<float>{-3.5f, 3.f});
  CHECK(at(v, "contextY").floats()[0] == float(std::sin(-3.5)));  // observed as sin x, noise-free
  // Back to none: the mask's five points again, bit for bit.
  lab->configure({{"context", RawValue::of_string("")}});
  CHECK(full_metrics(*lab).dump() == before.dump());
  CHECK_THROWS_WITH(create_lab("neural_process", {{"context", RawValue::of_string("0_4")}}),
                    Catch::Contains("field 'context' point 2 = \"4\": x = 4 is out of range "
                                    "[-4, 3.9]"));
}

TEST_CASE(
    "neural_process: prior samples decode z ~ N(0, I), and the untrained ones stay those of "
    "step 0",
    "[neural_process]") {
  auto lab = create_lab("neural_process", {});
  const Json v0 = lab->views();
  const auto prior0 = floats(v0, "priorSamples"), untrained0 = floats(v0, "untrainedSamples");
  REQUIRE(prior0.size() == 100 * 80);  // functionSamples × grid
  CHECK(prior0 == untrained0);         // before training the decoder is the untrained one
  // z = ε exactly: the prior samples are the q-samples of a posterior N(0, I). The page decodes
  // q's samples from maskZMean/maskZStd the same way, so decoding by hand with μ = 0, σ = 1
  // checks the first sample at x = −4.
  const auto w1 = floats(v0, "decoderW1"), b1 = floats(v0, "decoderB1"),
             w2 = floats(v0, "decoderW2"), b2 = floats(v0, "decoderB2"),
             eps = floats(v0, "displayEps");
  double y = b2[0];
  for (size_t j = 0; j < b1.size(); ++j) {
    const double a = b1[j] - 4.0 * w1[j] + eps[0] * w1[8 + j] + eps[1] * w1[16 + j];
    y += w2[j] / (1.0 + std::exp(-a));
  }
  CHECK(prior0[0] == Approx(y).epsilon(1e-5));

  lab->step(300);
  const Json v1 = lab->views();
  CHECK(floats(v1, "untrainedSamples") == untrained0);
  CHECK(floats(v1, "priorSamples") != prior0);  // the decoder has trained
}

TEST_CASE(
    "neural_process: the z means given the context and given all points, as the original "
    "prints them",
    "[neural_process]") {
  auto lab = create_lab("neural_process", {});
  lab->step(500);
  const Json v = lab->views();
  const auto mask_mean = floats(v, "maskZMean");  // 31 masks × 2, row mask − 1
  const Json m = full_metrics(*lab);
  const auto all = floats(m, "zMeanAll"), context = floats(m, "zMeanContext");
  CHECK(all[0] == mask_mean[2 * 30]);
  CHECK(all[1] == mask_mean[2 * 30 + 1]);
  // The context mean averages the 25 contexts of 1 to 3 points (each size ⅓, uniform within).
  const int subsets[4] = {1, 5, 10, 10};
  for (int d = 0; d < 2; ++d) {
    double expected = 0.0;
    for (int mask = 1; mask <= 31; ++mask) {
      const int k = __builtin_popcount(unsigned(mask));
      if (k <= 3) expected += mask_mean[size_t(2 * (mask - 1) + d)] / 3.0 / subsets[k];
    }
    CHECK(context[size_t(d)] == Approx(expected).epsilon(1e-6));
  }
}

// Lab 4: the BNN trains through its full default run and is the one unsure far from the data; MC
// dropout with p = 0 is the plain network; the predictive maps refine progressively.
#include <catch2/catch.hpp>
#include <cmath>

#include "labs/json_paths.h"
#include "labs/registry.h"

using namespace vi;

namespace {

// The full default run (10 000 BNN steps, 500 dropout steps), shared by the tests that need it.
const Json& default_run() {
  static const Json metrics = [] {
    auto lab = create_lab("moons", {});
    while (!lab->progress().done && !lab->progress().diverged)
      if (lab->step(1000) == 0) break;
    return full_metrics(*lab);
  }();
  return metrics;
}

}  // namespace

TEST_CASE("moons: the default 10 000-step BNN run completes without diverging", "[moons][long]") {
  const Json& m = default_run();
  // The original's literal log(1 + e^ρ) overflows float32 near step 9 000; the stable softplus
  // keeps every step finite.
  CHECK_FALSE(at(m, "diverged").boolean());
  CHECK(at(m, "done").boolean());
  CHECK(num(m, "step") == 10000);
  CHECK(std::isfinite(num(m, "bnn.loss")));
}

TEST_CASE("moons: BNN and MC dropout separate the moons", "[moons][long]") {
  const Json& m = default_run();
  // The bar; the moons with noise 0.05 are separable, so both reach 1.0 here.
  CHECK(num(m, "bnn.accuracy") >= 0.97);
  CHECK(num(m, "dropout.accuracy") >= 0.97);
  CHECK(num(m, "plain.accuracy") >= 0.97);
}

TEST_CASE("moons: the BNN is unsure far from the data, more than MC dropout", "[moons][long]") {
  const Json& m = default_run();
  // Measured: BNN about 0.03 nats on the data and 0.32 on the ring; MC dropout 0.14 on the ring.
  CHECK(num(m, "bnn.entropyFar") > num(m, "bnn.entropyData"));
  CHECK(num(m, "bnn.entropyFar") > num(m, "dropout.entropyFar"));
  // Entropies of a Bernoulli lie in [0, log 2].
  for (const char* key : {"bnn.entropyFar", "dropout.entropyData", "plain.entropyFar"}) {
    CHECK(num(m, key) >= 0);
    CHECK(num(m, key) <= std::log(2.0) + 1e-9);
  }
}

TEST_CASE("moons: every network is far better calibrated on fresh moons than far away",
          "[moons][calibration][long]") {
  const Json& m = default_run();
  // Measured on seeds 0–4: held out 0.003–0.030, far away 0.13–0.21 (overconfident: the noisier
  // moons overlap where the networks trained on thin arcs are sure).
  for (const std::string method : {"bnn", "dropout", "plain"}) {
    INFO(method);
    const double held = num(m, method + ".eceHeldOut"), far = num(m, method + ".eceFar");
    CHECK(held >= 0);
    CHECK(far <= 1);
    CHECK(far > 3 * held);
  }
  CHECK(num(m, "bnn.eceHeldOut") < num(m, "dropout.eceHeldOut"));
}

TEST_CASE("moons: MC dropout with p = 0 is the plain network", "[moons]") {
  auto lab = create_lab("moons", {{"dropout.p", n(0)},
                                  {"bnn.steps", n(0)},
                                  {"dropout.steps", n(50)},
                                  {"passes", n(3)},
                                  {"gridSize", n(20)}});
  lab->step(50);
  Json v = lab->views();
  while (at(v, "refining").boolean()) v = lab->views();
  const auto mc = at(v, "dropout.mean").floats(), plain = at(v, "plain.mean").floats();
  REQUIRE(mc.size() == plain.size());
  // The same sums in the same order with every mask equal to 1: identical, not just close.
  for (size_t i = 0; i < mc.size(); ++i) CHECK(mc[i] == plain[i]);
  for (float s : at(v, "dropout.std").floats()) CHECK(s < 1e-6f);  // every pass is the same
  const Json m = full_metrics(*lab);
  CHECK(num(m, "dropout.accuracy") == num(m, "plain.accuracy"));
  CHECK(num(m, "dropout.entropyData") == Approx(num(m, "plain.entropyData")).epsilon(1e-6));
  CHECK(num(m, "dropout.entropyFar") == Approx(num(m, "plain.entropyFar")).epsilon(1e-6));
}

TEST_CASE("moons: predictive maps refine a chunk of passes per views() call", "[moons]") {
  auto lab = create_lab("moons", {{"passes", n(200)}, {"gridSize", n(100)}});
  lab->step(2);
  Json v = lab->views();
  const int first = int(num(v, "bnn.passesDone"));
  // A 100×100 grid with 50 hidden units refines a chunk of passes per call (10 on the first call
  // after new weights, 40 after that), not all 200.
  CHECK(first >= 1);
  CHECK(first < 200);
  v = lab->views();
  CHECK(num(v, "bnn.passesDone") > 2 * first);
  CHECK(at(v, "refining").boolean());
  CHECK(at(v, "bnn.mean").floats().size() == 100u * 100u);
  int calls = 1;
  while (at(v, "refining").boolean()) {
    v = lab->views();
    REQUIRE(++calls < 100);
  }
  CHECK(num(v, "bnn.passesDone") == 200);
  CHECK(num(v, "dropout.passesDone") == 200);
  // New weights restart the sums.
  lab->step(1);
  v = lab->views();
  CHECK(num(v, "bnn.passesDone") == first);
}

TEST_CASE("moons: refine(n) completes the maps, identical however the passes were chunked",
          "[moons]") {
  const RawConfig config = {{"passes", n(60)}, {"gridSize", n(40)}};
  auto finished = [&](auto refine_by) {
    auto lab = create_lab("moons", config);
    lab->step(3);
    int calls = 0;
    while (refine_by(*lab)) REQUIRE(++calls < 500);
    return lab->views();
  };
  const Json by_views = finished([](Lab& lab) { return at(lab.views(), "refining").boolean(); });
  const Json by_ones = finished([](Lab& lab) { return lab.refine(1); });
  const Json by_elevens = finished([](Lab& lab) { return lab.refine(11); });
  const Json mixed = finished([](Lab& lab) {
    lab.refine(5);
    return at(lab.views(), "refining").boolean();
  });
  for (const Json* v : {&by_ones, &by_elevens, &mixed}) {
    CHECK_FALSE(at(*v, "refining").boolean());
    CHECK(num(*v, "bnn.passesDone") == 60);
    CHECK(num(*v, "dropout.passesDone") == 60);
    for (const char* map : {"bnn", "dropout"})
      for (const char* field : {"mean", "std", "entropy"}) {
        const std::string path = std::string(map) + "." + field;
        CHECK(at(*v, path).floats() == at(by_views, path).floats());
      }
  }
}

TEST_CASE("moons: refine(n) stops at passesTarget and says when the maps are complete", "[moons]") {
  auto lab = create_lab("moons", {{"passes", n(10)}, {"gridSize", n(20)}});
  lab->step(1);
  CHECK(lab->refine(4));
  CHECK(num(lab->views(), "bnn.passesDone") > 4);  // views() adds a chunk of its own
  CHECK_FALSE(lab->refine(100));
  const Json v = lab->views();
  CHECK(num(v, "bnn.passesDone") == 10);
  CHECK(num(v, "dropout.passesDone") == 10);
  CHECK_FALSE(lab->refine(1));
  lab->step(1);  // new weights: the maps start over
  CHECK(lab->refine(1));
}

TEST_CASE("labs without progressive maps have nothing to refine", "[moons]") {
  auto lab = create_lab("logistic", {});
  CHECK_FALSE(lab->refine(10));
}

TEST_CASE("moons: methods step independently and chunking does not change the numbers", "[moons]") {
  auto lab = create_lab("moons", {{"bnn.steps", n(0)}, {"dropout.steps", n(4)}});
  CHECK(lab->step(10) == 4);
  CHECK(lab->progress().done);
  auto one = create_lab("moons", {{"bnn.steps", n(12)}, {"dropout.steps", n(8)}});
  auto many = create_lab("moons", {{"bnn.steps", n(12)}, {"dropout.steps", n(8)}});
  one->step(12);
  for (int i = 0; i < 12; ++i) many->step(1);
  CHECK(full_metrics(*one).dump() == full_metrics(*many).dump());
}

TEST_CASE("moons: a huge BNN learning rate diverges, naming the method", "[moons]") {
  // Adam moves ρ by about lr per step: at lr 1000, σ² = softplus(ρ) underflows to 0 within a few
  // steps and log σ² in the KL becomes −∞.
  auto lab = create_lab("moons", {{"bnn.lr", n(1000)}, {"dropout.steps", n(0)}});
  lab->step(100);
  CHECK(lab->progress().diverged);
  CHECK_THAT(lab->progress().message, Catch::Contains("BNN") && Catch::Contains("bnn.lr"));
}

TEST_CASE("moons: points of your own join the training data, and none is the exercise's run",
          "[moons][data]") {
  auto short_run = [](RawConfig config) {
    config.push_back({"bnn.steps", RawValue::of_number(300)});
    config.push_back({"dropout.steps", RawValue::of_number(100)});
    auto lab = create_lab("moons", config);
    lab->step(300);
    return full_metrics(*lab).dump();
  };
  const std::string plain = short_run({});
  CHECK(short_run({{"data", RawValue::of_string("")}}) == plain);
  // Five class-1 points on the outer (class 0) moon's crest: the fit changes.
  CHECK(short_run({{"data", RawValue::of_string(
                                "0,0.9,1_0.1,0.9,1_-0.1,0.9,1_0,1,1_0.05,0.95,1")}}) != plain);
  CHECK_THROWS_WITH(create_lab("moons", {{"data", RawValue::of_string("9,0,1")}}),
                    Catch::Contains("point 1 = \"9,0,1\": x = 9 is out of range [-4, 5]"));
}

TEST_CASE(
    "moons: the original's literal σ² overflows between steps 8 000 and 10 000 on about "
    "half the seeds",
    "[moons][long]") {
  // Measured on seeds 0–9: 9 967, 9 201, 9 061, —, —, 9 014, —, —, 9 708, 7 438 (— runs all
  // 10 000 steps); on seeds 0–19, 11 of 20 stop between 8 000 and 10 000.
  int near_9000 = 0;
  for (int seed = 0; seed < 10; ++seed) {
    auto lab = create_lab("moons", {{"bnn.sigma", RawValue::of_string("literal")},
                                    {"dropout.steps", n(0)},
                                    {"seed", n(seed)}});
    while (!lab->progress().done && !lab->progress().diverged)
      if (lab->step(1000) == 0) break;
    const Progress p = lab->progress();
    if (!p.diverged) continue;
    INFO("seed " << seed << ": " << p.message);
    CHECK(p.message.find("overflows float32") != std::string::npos);
    if (p.diverged_at >= 8000 && p.diverged_at <= 10000) ++near_9000;
  }
  CHECK(near_9000 >= 4);
  CHECK(near_9000 <= 6);
}

// SGD, RMSProp and Adam against steps computed by hand.
#include <catch2/catch.hpp>
#include <cmath>

#include "optim/adam.h"
#include "optim/rmsprop.h"
#include "optim/sgd.h"

using namespace vi;

TEST_CASE("SGD with momentum and weight decay takes the hand-computed steps", "[optim]") {
  Parameter p("p", Matrix::Constant(1, 1, 1.f));
  Sgd sgd({&p}, 0.1f, 0.9f, 0.01f);
  p.grad(0, 0) = 2.f;
  sgd.step();  // g = 2 + 0.01·1 = 2.01; v = g; p = 1 − 0.1·2.01 = 0.799
  CHECK(p.value(0, 0) == Approx(0.799f).epsilon(1e-6));
  CHECK(p.grad(0, 0) == 0.f);  // gradients are zeroed after the update
  p.grad(0, 0) = 2.f;
  sgd.step();  // g = 2 + 0.00799 = 2.00799; v = 0.9·2.01 + g = 3.81699; p = 0.799 − 0.381699
  CHECK(p.value(0, 0) == Approx(0.417301f).epsilon(1e-6));
}

TEST_CASE("plain SGD moves against the gradient by lr times it", "[optim]") {
  Parameter p("p", Matrix::Constant(2, 1, 0.f));
  Sgd sgd({&p}, 0.5f);
  p.grad << 1.f, -4.f;
  sgd.step();
  CHECK(p.value(0, 0) == -0.5f);
  CHECK(p.value(1, 0) == 2.f);
}

TEST_CASE("SGD with momentum 0.9 and no decay takes the hand-computed steps", "[optim]") {
  Parameter p("p", Matrix::Constant(1, 1, 1.f));
  Sgd sgd({&p}, 0.1f, 0.9f);
  p.grad(0, 0) = 2.f;
  sgd.step();  // v = g = 2; p = 1 − 0.1·2 = 0.8
  CHECK(p.value(0, 0) == Approx(0.8f).epsilon(1e-6));
  p.grad(0, 0) = -1.f;
  sgd.step();  // v = 0.9·2 − 1 = 0.8; p = 0.8 − 0.1·0.8 = 0.72
  CHECK(p.value(0, 0) == Approx(0.72f).epsilon(1e-6));
}

TEST_CASE("RMSProp's first steps match PyTorch's formulas", "[optim]") {
  Parameter p("p", Matrix::Constant(1, 2, 1.f));
  RmsProp rms({&p}, 0.01f);
  // Step 1: v = 0.01·g²; Δ = lr·g/(√v + ε) = lr·g/(0.1·|g| + 1e-8) ≈ 0.1·sign(g).
  p.grad << 3.f, -0.5f;
  rms.step();
  CHECK(p.value(0, 0) == Approx(1.0 - 0.01 * 3 / (std::sqrt(0.09) + 1e-8)).epsilon(1e-6));
  CHECK(p.value(0, 1) == Approx(1.0 + 0.01 * 0.5 / (std::sqrt(0.0025) + 1e-8)).epsilon(1e-6));
  CHECK(p.grad(0, 0) == 0.f);  // gradients are zeroed after the update
  // Step 2 with g = 1: v = 0.99·0.09 + 0.01·1 = 0.0991; Δ = 0.01·1/(√0.0991 + 1e-8).
  const double before = p.value(0, 0);
  p.grad << 1.f, 0.f;
  rms.step();
  CHECK(p.value(0, 0) == Approx(before - 0.01 / (std::sqrt(0.0991) + 1e-8)).epsilon(1e-6));
}

TEST_CASE("Adam's first steps match the bias-corrected formulas", "[optim]") {
  Parameter p("p", Matrix::Constant(1, 1, 1.f));
  Adam adam({&p}, 0.01f);
  // Step 1: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) = lr·sign(g) for any g.
  p.grad(0, 0) = 3.f;
  adam.step();
  CHECK(p.value(0, 0) == Approx(0.99f).epsilon(1e-6));
  // Step 2 with g = 1: m = 0.9·0.3 + 0.1 = 0.37, v = 0.999·0.009 + 0.001 = 0.009991;
  // m̂ = 0.37/0.19, v̂ = 0.009991/0.001999; Δ = 0.01·m̂/(√v̂ + 1e-8).
  p.grad(0, 0) = 1.f;
  adam.step();
  const double m_hat = 0.37 / (1 - 0.81), v_hat = 0.009991 / (1 - 0.998001);
  CHECK(p.value(0, 0) == Approx(0.99 - 0.01 * m_hat / (std::sqrt(v_hat) + 1e-8)).epsilon(1e-6));
}

TEST_CASE("Adam minimizes a quadratic", "[optim]") {
  Parameter p("p", Matrix::Constant(1, 2, 5.f));
  Adam adam({&p}, 0.1f);
  for (int i = 0; i < 500; ++i) {
    p.grad = 2.f * (p.value.array() - 1.f).matrix();  // ∇ (p − 1)²
    adam.step();
  }
  // Adam's steps shrink with the gradient near the optimum; 500 steps of 0.1 reach 1 ± 0.05.
  CHECK(p.value(0, 0) == Approx(1.f).margin(0.05));
  CHECK(p.value(0, 1) == Approx(1.f).margin(0.05));
}

TEST_CASE("Adam treats moments below the normal float range as zero", "[optim]") {
  // A subnormal gradient (1e-39 < 2⁻¹²⁶) gives a subnormal m, flushed: the parameter stays put.
  Parameter p("p", Matrix::Zero(1, 2));
  Adam adam({&p}, 0.01f);
  p.grad << 1e-39f, 1e-30f;
  adam.step();
  CHECK(p.value(0, 0) == 0.f);
  // A tiny but normal gradient still moves it: m̂ = g, v̂ flushed to 0, Δ = lr·g/ε = 1e-24.
  CHECK(p.value(0, 1) == Approx(-1e-24f).epsilon(1e-5));
}

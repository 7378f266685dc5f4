// Layers: initializer statistics, the variational layer's KL and sampling, dropout's mask.
#include <catch2/catch.hpp>
#include <cmath>

#include "autodiff/stable_math.h"
#include "distributions/normal.h"
#include "nn/dropout.h"
#include "nn/mlp.h"
#include "nn/variational_linear.h"

using namespace vi;

TEST_CASE("initializers have the documented spread", "[nn]") {
  Rng rng(0);
  const Matrix u = init_weight(Init::FanInUniform, 100, 400, rng);
  CHECK(u.maxCoeff() <= 0.1f);  // bound 1/√100
  CHECK(u.minCoeff() >= -0.1f);
  const Matrix x = init_weight(Init::XavierNormal, 100, 300, rng);
  // Var 2/(100+300) = 0.005; 30 000 draws estimate it within a few percent.
  CHECK(x.array().square().mean() == Approx(0.005).epsilon(0.05));
  const Matrix n = init_weight(Init::Normal, 100, 300, rng);
  CHECK(n.array().square().mean() == Approx(1.0).epsilon(0.05));
  REQUIRE_THROWS(parse_init("zeros"));
}

TEST_CASE("the variational layer's KL matches the Gaussian closed form", "[nn]") {
  VariationalLinear layer("v", 2, 3, 4.f);
  layer.mu().value << 0.1f, -0.2f, 0.3f, 0.f, 1.f, -1.f;
  layer.rho().value.setConstant(-1.f);
  Tape t;
  const double var = stable_softplus(-1.f);
  double expected = 0;
  for (Index i = 0; i < 6; ++i) expected += kl_normal(layer.mu().value.data()[i], var, 0.0, 4.0);
  CHECK(layer.kl_sum(t).item() == Approx(expected).epsilon(1e-5));
  CHECK(layer.kl_mean(t).item() == Approx(expected / 6).epsilon(1e-5));
}

TEST_CASE("the variational layer samples weights with variance softplus(rho)", "[nn]") {
  VariationalLinear layer("v", 1, 1, 1.f, 0.5f, 0.3f);
  Rng rng(1);
  Tape t;
  double s = 0, s2 = 0;
  const int n = 20000;
  Matrix one = Matrix::Ones(1, 1);
  for (int i = 0; i < n; ++i) {
    t.clear();
    const double w = layer.forward(t, t.constant(one), rng).item();  // x = 1, bias 0: y = w
    s += w;
    s2 += w * w;
  }
  const double mean = s / n, var = s2 / n - mean * mean;
  CHECK(mean == Approx(0.5).margin(0.03));                    // 4 s.e. of √0.85/√20000
  CHECK(var == Approx(stable_softplus(0.3f)).epsilon(0.05));  // softplus(0.3) ≈ 0.854
}

TEST_CASE("variational layer gradients match finite differences", "[nn]") {
  // With the noise fixed by reseeding, the sampled output is a smooth function of μ and ρ.
  VariationalLinear layer("v", 3, 2, 4.f);
  layer.rho().value.setConstant(-0.5f);
  Rng data(2);
  const Matrix x = data.normal_matrix(5, 3);
  Tape t;
  Rng rng(7);
  Var loss = sum(square(layer.forward(t, t.constant(x), rng))) + layer.kl_sum(t);
  t.backward(loss);
  const Matrix analytic = layer.rho().grad;
  auto eval = [&]() {
    Tape u;
    Rng r(7);
    return double((sum(square(layer.forward(u, u.constant(x), r))) + layer.kl_sum(u)).item());
  };
  for (Index e = 0; e < 6; ++e) {
    const float orig = layer.rho().value.data()[e];
    layer.rho().value.data()[e] = orig + 1e-2f;
    const double plus = eval();
    layer.rho().value.data()[e] = orig - 1e-2f;
    const double minus = eval();
    layer.rho().value.data()[e] = orig;
    CHECK(analytic.data()[e] == Approx((plus - minus) / 2e-2).epsilon(0.02).margin(2e-3));
  }
}

TEST_CASE("dropout keeps 1-p of the units, scaled to preserve the mean", "[nn]") {
  Rng rng(0);
  const Matrix mask = dropout_mask(200, 100, 0.5f, rng);
  const double kept = (mask.array() > 0).cast<double>().mean();
  CHECK(kept == Approx(0.5).margin(0.02));
  CHECK(mask.mean() == Approx(1.0).margin(0.04));  // survivors scaled by 1/(1−p) = 2
  Tape t;
  Var x = t.constant(Matrix::Ones(3, 3));
  CHECK(dropout(t, x, 0.5f, false, rng).value() == Matrix::Ones(3, 3));  // off at prediction
  CHECK(dropout(t, x, 0.f, true, rng).value() == Matrix::Ones(3, 3));    // p = 0 is identity
}

TEST_CASE("an MLP has the requested layer shapes", "[nn]") {
  Rng rng(0);
  Mlp mlp("m", {2, 20, 20, 1}, Activation::Relu, Init::FanInUniform, rng);
  ParameterList params;
  mlp.collect(params);
  REQUIRE(params.size() == 6);
  CHECK(params[0]->value.rows() == 2);
  CHECK(params[0]->value.cols() == 20);
  CHECK(params[5]->value.cols() == 1);
  Tape t;
  CHECK(mlp.forward(t, t.constant(Matrix::Zero(7, 2))).rows() == 7);
}

TEST_CASE("dropout backward passes the gradient through the kept units only", "[nn]") {
  Rng rng(3);
  Parameter x("x", Matrix::Constant(4, 5, 2.f));
  Tape t;
  Var y = dropout(t, t.param(x), 0.5f, true, rng);
  const Matrix mask = t.node(y.id).value / 2.f;  // the mask drawn: 0 or 1/(1−p) = 2
  t.backward(sum(y));
  CHECK(x.grad == mask);  // d/dx Σ x∘m = m
  CHECK((mask.array() == 0.f || mask.array() == 2.f).all());
}

TEST_CASE("an MLP's gradients match finite differences for every activation", "[nn]") {
  // Two hidden layers, so each activation sits between two matrix products.
  for (Activation a : {Activation::Relu, Activation::Sigmoid, Activation::Tanh, Activation::Gelu}) {
    Rng rng(4);
    Mlp mlp("m", {1, 6, 6, 1}, a, Init::FanInUniform, rng);
    ParameterList params;
    mlp.collect(params);
    const Matrix x = Rng(5).normal_matrix(8, 1);
    auto loss = [&](Tape& t) { return sum(square(mlp.forward(t, t.constant(x)))); };
    Tape t;
    t.backward(loss(t));
    Parameter& w = *params[2];  // the second layer's weights, 6×6
    const Matrix analytic = w.grad;
    for (Index e = 0; e < w.value.size(); ++e) {
      const float orig = w.value.data()[e];
      Tape u;
      w.value.data()[e] = orig + 1e-2f;
      const double plus = loss(u).item();
      u.clear();
      w.value.data()[e] = orig - 1e-2f;
      const double minus = loss(u).item();
      w.value.data()[e] = orig;
      INFO("activation " << int(a) << ", entry " << e);
      CHECK(analytic.data()[e] == Approx((plus - minus) / 2e-2).epsilon(0.02).margin(2e-3));
    }
    for (Parameter* p : params) p->zero_grad();
  }
}

TEST_CASE("the literal σ² = log(1 + e^ρ) agrees with softplus until e^ρ overflows", "[nn]") {
  using Softplus = VariationalLinear::Softplus;
  VariationalLinear stable("s", 1, 4, 100.f, 0.f, 0.f, Softplus::Stable);
  VariationalLinear literal("l", 1, 4, 100.f, 0.f, 0.f, Softplus::Literal);
  for (VariationalLinear* layer : {&stable, &literal})
    layer->rho().value << -3.f, 2.f, 88.f, 89.f;  // e^89 > FLT_MAX ≈ e^88.72
  const Matrix vs = stable.variance(), vl = literal.variance();
  for (Index i = 0; i < 3; ++i) CHECK(vl(0, i) == Approx(vs(0, i)).epsilon(1e-6));
  CHECK(std::isfinite(vs(0, 3)));
  CHECK(std::isinf(vl(0, 3)));  // the original's overflow
  // On the tape the overflow makes the KL NaN (−∞ + ∞) and ρ's gradient NaN (0·∞), as in
  // PyTorch.
  Tape t;
  Var kl = literal.kl_sum(t);
  CHECK(std::isnan(kl.item()));
  t.backward(kl);
  CHECK(std::isnan(literal.rho().grad(0, 3)));
  CHECK(std::isfinite(literal.rho().grad(0, 0)));
}

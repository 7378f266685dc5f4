// The tape: parameter gradients accumulate, constants get none, reuse across steps is exact.
#include <catch2/catch.hpp>

#include "autodiff/ops.h"

using namespace vi;

TEST_CASE("a parameter used twice receives the sum of both gradients", "[autodiff][tape]") {
  Parameter p("p", Matrix::Constant(1, 1, 3.f));
  Tape t;
  Var a = t.param(p), b = t.param(p);
  t.backward(a * b + a);  // d/dp (p² + p) = 2p + 1 = 7
  CHECK(p.grad(0, 0) == 7.f);
}

TEST_CASE("constants need no gradient and ops on them record none", "[autodiff][tape]") {
  Tape t;
  Var c = t.constant(Matrix::Constant(2, 2, 1.f));
  Var y = exp(c);
  CHECK_FALSE(t.node(y.id).needs_grad);
}

TEST_CASE("a cleared tape reproduces the same values and gradients", "[autodiff][tape]") {
  Parameter w("w", Matrix::Constant(3, 2, 0.5f));
  Tape t;
  Matrix first_grad;
  for (int round = 0; round < 2; ++round) {
    t.clear();
    w.zero_grad();
    Var x = t.constant(Matrix::Constant(4, 3, 2.f));
    Var loss = sum(square(matmul(x, t.param(w))));
    t.backward(loss);
    CHECK(loss.item() == 4 * 2 * 9.f);  // every output entry is 2·0.5·3 = 3
    if (round == 0) first_grad = w.grad;
  }
  CHECK(w.grad == first_grad);
}

TEST_CASE("a node no gradient flows into ends backward with a zero gradient", "[autodiff][tape]") {
  Parameter p("p", Matrix::Constant(2, 2, 0.5f));
  Tape t;
  for (int round = 0; round < 2; ++round) {
    t.clear();
    p.zero_grad();
    Var a = t.param(p);
    Var unused = exp(a);                                   // node 1 in both rounds
    Var loss = round == 0 ? sum(unused) : sum(square(a));  // round 1 leaves node 1 out
    t.backward(loss);
    if (round == 0) CHECK(unused.grad() == Matrix::Ones(2, 2));
    if (round == 1) CHECK(unused.grad() == Matrix::Zero(2, 2));
    CHECK(p.grad(1, 0) == Approx(round == 0 ? std::exp(0.5) : 1.0));  // e^p, then 2p
  }
}

TEST_CASE("backward refuses a loss that is not a scalar", "[autodiff][tape]") {
  Tape t;
  Parameter p("p", Matrix::Zero(2, 2));
  REQUIRE_THROWS_WITH(t.backward(t.param(p)), Catch::Contains("1×1"));
}

TEST_CASE("the tape counts 2·m·k·n flops per matrix product, forward and backward",
          "[autodiff][tape]") {
  Parameter w("w", Matrix::Constant(3, 5, 0.5f)), b("b", Matrix::Zero(1, 5));
  Tape t;
  Var x = t.constant(Matrix::Constant(4, 3, 1.f));  // 4×3: x needs no gradient
  Var y = sum(matmul(x, t.param(w)));               // forward 2·4·3·5
  CHECK(t.flops() == 120.0);
  t.backward(y);  // dW = xᵀ·dY only: another 2·3·4·5
  CHECK(t.flops() == 240.0);
  t.clear();  // the count spans steps
  Var h = t.param(w);
  Var z = sum(dense(t.constant(Matrix::Constant(2, 3, 1.f)), h, t.param(b)));  // 2·2·3·5
  t.backward(z);  // dW only, as the input is a constant: 2·3·2·5
  CHECK(t.flops() == 240.0 + 60.0 + 60.0);
}

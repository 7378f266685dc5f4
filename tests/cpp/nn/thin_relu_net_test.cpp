// The fused one-hidden-layer network: the same values and gradients as dense_relu, dropout and
// dense composed, and the same dropout draws.
#include "nn/thin_relu_net.h"

#include <catch2/catch.hpp>

#include "nn/dropout.h"

using namespace vi;

namespace {

struct Net {
  Parameter x, w1, b1, w2;
};

Net random_net(Index rows, Index k_in, Index hidden, uint64_t seed) {
  Rng rng(seed);
  return {{"x", rng.normal_matrix(rows, k_in)},
          {"w1", rng.normal_matrix(k_in, hidden)},
          {"b1", rng.normal_matrix(1, hidden)},
          {"w2", rng.normal_matrix(hidden, 1)}};
}

// Runs loss = Σ_r c_r·out_r (fixed weights c) through `f`, returns the output and leaves the
// parameters' gradients set.
template <class F>
Matrix run(Net& net, F f) {
  for (Parameter* p : {&net.x, &net.w1, &net.b1, &net.w2})
    p->grad.setZero(p->value.rows(), p->value.cols());
  Tape t;
  Var out = f(t, t.param(net.x), t.param(net.w1), t.param(net.b1), t.param(net.w2));
  Rng weights(99);
  Var loss = sum(out * t.constant(weights.normal_matrix(out.rows(), 1)));
  t.backward(loss);
  return out.value();
}

void require_close(const Matrix& a, const Matrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.cols() == b.cols());
  // The fused backward sums in another order: agreement to float rounding of sums of ~100 terms.
  const float scale = 1.f + b.cwiseAbs().maxCoeff();
  REQUIRE((a - b).cwiseAbs().maxCoeff() <= 1e-5f * scale);
}

void compare(Index rows, Index k_in, Index hidden, float p) {
  INFO(rows << " rows, " << k_in << " inputs, " << hidden << " hidden, p = " << p);
  Net fused = random_net(rows, k_in, hidden, 3), composed = random_net(rows, k_in, hidden, 3);
  Rng fused_rng(7), composed_rng(7);
  const Matrix out_fused = run(fused, [&](Tape&, Var x, Var w1, Var b1, Var w2) {
    return thin_relu_net(x, w1, b1, w2, p, &fused_rng);
  });
  const Matrix out_composed = run(composed, [&](Tape& t, Var x, Var w1, Var b1, Var w2) {
    Var h = dropout(t, dense_relu(x, w1, b1), p, true, composed_rng);
    return dense(h, w2, t.constant(Matrix::Zero(1, 1)));
  });
  // The forward pass sums exactly as the composition does.
  REQUIRE(out_fused == out_composed);
  require_close(fused.x.grad, composed.x.grad);
  require_close(fused.w1.grad, composed.w1.grad);
  require_close(fused.b1.grad, composed.b1.grad);
  require_close(fused.w2.grad, composed.w2.grad);
  // Both drew the same mask, so the generators are in step.
  REQUIRE(fused_rng.next_u32() == composed_rng.next_u32());
}

}  // namespace

TEST_CASE("thin_relu_net matches dense_relu then dense, values and gradients", "[nn]") {
  compare(1000, 2, 50, 0.f);  // the moons networks
  compare(7, 3, 5, 0.f);      // a hidden width that is not a multiple of four
  compare(9, 1, 8, 0.f);
}

TEST_CASE("thin_relu_net with dropout matches dense_relu, dropout and dense", "[nn]") {
  compare(1000, 2, 50, 0.5f);
  compare(13, 2, 7, 0.3f);
}

TEST_CASE("thin_relu_net rejects shapes that do not fit", "[nn]") {
  Tape t;
  Rng rng(1);
  Var x = t.constant(rng.normal_matrix(4, 2));
  Var w1 = t.constant(rng.normal_matrix(2, 5)), b1 = t.constant(rng.normal_matrix(1, 5));
  REQUIRE_THROWS_WITH(thin_relu_net(x, w1, b1, t.constant(rng.normal_matrix(5, 2))),
                      Catch::Contains("one output"));
  REQUIRE_THROWS_WITH(thin_relu_net(x, t.constant(rng.normal_matrix(3, 5)), b1,
                                    t.constant(rng.normal_matrix(5, 1))),
                      Catch::Contains("W1 3×5"));
  REQUIRE_THROWS(thin_relu_net(x, w1, b1, t.constant(rng.normal_matrix(5, 1)), 0.5f, nullptr));
}

// The fused dense ops: gradients against finite differences, and agreement with the unfused ops.
#include <catch2/catch.hpp>

#include "autodiff/gradcheck.h"

using namespace vi;

namespace {

Matrix random_matrix(int r, int c, uint64_t seed) {
  Rng rng(seed);
  Matrix m(r, c);
  rng.fill_uniform(m, -2.f, 2.f);
  return m;
}

// (R, K, C): every forward kernel (K ≤ 4, one output, general), both dW branches (K ≤ C, K > C)
// and row counts that are and are not multiples of four.
const std::vector<std::array<int, 3>> kShapes = {{1, 1, 1}, {3, 1, 4}, {4, 2, 5}, {5, 3, 1},
                                                 {6, 4, 3}, {2, 5, 1}, {7, 6, 9}, {9, 9, 2}};

Var reference(Var x, Var w, Var b, bool relu_after) {
  Var z = matmul(x, w) + b;
  return relu_after ? relu(z) : z;
}

}  // namespace

TEST_CASE("dense backward matches finite differences", "[autodiff][dense]") {
  for (auto [r, k, c] : kShapes) {
    INFO(r << "x" << k << " times " << k << "x" << c);
    const GradcheckResult res =
        gradcheck([](Tape&, const std::vector<Var>& v) { return dense(v[0], v[1], v[2]); },
                  {random_matrix(r, k, 1), random_matrix(k, c, 2), random_matrix(1, c, 3)});
    INFO(res.report);
    CHECK(res.ok);
  }
}

TEST_CASE("dense accumulates into an input used twice", "[autodiff][dense]") {
  // y = x·W + b + x needs K = C; dx must add both paths.
  const GradcheckResult res =
      gradcheck([](Tape&, const std::vector<Var>& v) { return dense(v[0], v[1], v[2]) + v[0]; },
                {random_matrix(5, 3, 4), random_matrix(3, 3, 5), random_matrix(1, 3, 6)});
  INFO(res.report);
  CHECK(res.ok);
}

TEST_CASE("dense writes its input's first gradient and adds to one already there",
          "[autodiff][dense]") {
  // Reverse order: the op last on the tape is the first to send x a gradient. Here square(x) is
  // before the dense layers, so they write x's gradient first and square adds to it; of two
  // dense layers on x, the later one writes and the earlier one adds.
  const std::vector<Matrix> inputs = {random_matrix(5, 3, 7), random_matrix(3, 4, 8),
                                      random_matrix(1, 4, 9), random_matrix(3, 4, 10)};
  const GradcheckResult before_dense = gradcheck(
      [](Tape&, const std::vector<Var>& v) {
        Var squares = sum(square(v[0]));
        return sum(dense(v[0], v[1], v[2])) + squares;
      },
      inputs);
  INFO(before_dense.report);
  CHECK(before_dense.ok);
  const GradcheckResult two_layers = gradcheck(
      [](Tape&, const std::vector<Var>& v) {
        Var first = dense_relu(v[0], v[1], v[2]);
        return first + dense(v[0], v[3], v[2]);
      },
      inputs);
  INFO(two_layers.report);
  CHECK(two_layers.ok);
}

TEST_CASE("dense's written input gradient equals the one it adds to zeros", "[autodiff][dense]") {
  const Matrix x0 = random_matrix(9, 6, 11), w0 = random_matrix(6, 5, 12),
               b0 = random_matrix(1, 5, 13);
  const auto input_gradient = [&](bool zeros_first) {
    Parameter x("x", x0), w("w", w0), b("b", b0);
    Tape t;
    Var xv = t.param(x);
    Var y = sum(dense_relu(xv, t.param(w), t.param(b)));
    // 0·Σx, later on the tape, sends x a gradient of zeros before the dense layer's.
    if (zeros_first) y = y + scale(sum(xv), 0.f);
    t.backward(y);
    return Matrix(x.grad);
  };
  CHECK(input_gradient(false) == input_gradient(true));
}

TEST_CASE("dense_relu backward matches finite differences away from the kink",
          "[autodiff][dense]") {
  const GradcheckOptions options;
  for (auto [r, k, c] : kShapes) {
    INFO(r << "x" << k << " times " << k << "x" << c);
    // Pick inputs whose pre-activations all stay 3 steps from 0, where relu is smooth over the
    // whole difference quotient (each input moves a pre-activation by at most |other| ≤ 2 per
    // unit).
    for (uint64_t seed = 10;; seed += 3) {
      const Matrix x = random_matrix(r, k, seed), w = random_matrix(k, c, seed + 1),
                   b = random_matrix(1, c, seed + 2);
      const Matrix z = (x * w).rowwise() + b.row(0);
      if (z.cwiseAbs().minCoeff() < 3.0 * options.step * 2.0 * (k + 1)) continue;
      const GradcheckResult res =
          gradcheck([](Tape&, const std::vector<Var>& v) { return dense_relu(v[0], v[1], v[2]); },
                    {x, w, b}, options);
      INFO(res.report);
      CHECK(res.ok);
      break;
    }
  }
}

TEST_CASE("dense and dense_relu equal matmul + bias (+ relu) in value and gradient",
          "[autodiff][dense]") {
  for (bool relu_after : {false, true})
    for (auto [r, k, c] : kShapes) {
      INFO((relu_after ? "dense_relu " : "dense ") << r << "x" << k << " times " << k << "x" << c);
      Parameter x("x", random_matrix(r, k, 20)), w("w", random_matrix(k, c, 21)),
          b("b", random_matrix(1, c, 22));
      const Matrix weights = random_matrix(r, c, 23);
      auto run = [&](bool fused) {
        for (Parameter* p : {&x, &w, &b}) p->zero_grad();
        Tape t;
        Var xv = t.param(x), wv = t.param(w), bv = t.param(b);
        Var y = fused ? (relu_after ? dense_relu(xv, wv, bv) : dense(xv, wv, bv))
                      : reference(xv, wv, bv, relu_after);
        t.backward(sum(y * t.constant(weights)));
        return std::array<Matrix, 4>{y.value(), x.grad, w.grad, b.grad};
      };
      const auto fused = run(true), unfused = run(false);
      // Sums in another order: equal up to float rounding of a few products of magnitude ≤ 4.
      for (int i = 0; i < 4; ++i)
        CHECK((fused[size_t(i)] - unfused[size_t(i)]).cwiseAbs().maxCoeff() < 1e-4);
    }
}

TEST_CASE("dense rejects shapes that do not fit", "[autodiff][dense]") {
  Tape t;
  Var x = t.constant(Matrix::Zero(3, 2)), w = t.constant(Matrix::Zero(3, 4));
  Var b = t.constant(Matrix::Zero(1, 4));
  REQUIRE_THROWS_WITH(dense(x, w, b), Catch::Contains("dense") && Catch::Contains("3×2"));
}

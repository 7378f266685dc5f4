// Every op's backward matches central finite differences, on edge and broadcasting shapes.
#include <catch2/catch.hpp>
#include <cmath>

#include "autodiff/gradcheck.h"

using namespace vi;

namespace {

// Shapes every elementwise op is checked on: scalar, row, column, rectangular.
const std::vector<std::pair<int, int>> kShapes = {{1, 1}, {1, 5}, {4, 1}, {3, 4}};

Matrix random_matrix(int r, int c, uint64_t seed, float lo = -2.f, float hi = 2.f) {
  Rng rng(seed);
  Matrix m(r, c);
  rng.fill_uniform(m, lo, hi);
  return m;
}

void require_gradients(const TapeFunction& f, const std::vector<Matrix>& inputs,
                       const GradcheckOptions& options = {}) {
  const GradcheckResult r = gradcheck(f, inputs, options);
  INFO(r.report);
  REQUIRE(r.ok);
}

}  // namespace

TEST_CASE("unary op backwards match finite differences", "[autodiff][ops]") {
  struct Case {
    const char* name;
    Var (*op)(Var);
    float lo, hi;               // input domain
    std::vector<double> kinks;  // points where the derivative jumps
  };
  const std::vector<Case> cases = {
      {"exp", [](Var x) { return exp(x); }, -2, 2, {}},
      {"log", [](Var x) { return log(x); }, 0.5f, 3, {}},
      {"tanh", [](Var x) { return tanh(x); }, -2, 2, {}},
      {"relu", [](Var x) { return relu(x); }, -2, 2, {0.0}},
      {"sigmoid", [](Var x) { return sigmoid(x); }, -4, 4, {}},
      {"gelu", [](Var x) { return gelu(x); }, -4, 4, {}},
      {"softplus", [](Var x) { return softplus(x); }, -4, 4, {}},
      {"square", [](Var x) { return square(x); }, -2, 2, {}},
      {"sqrt", [](Var x) { return sqrt(x); }, 0.5f, 3, {}},
      {"scale", [](Var x) { return scale(x, -1.7f); }, -2, 2, {}},
      {"shift", [](Var x) { return shift(x, 0.3f); }, -2, 2, {}},
      {"sum", [](Var x) { return sum(x); }, -2, 2, {}},
      {"mean", [](Var x) { return mean(x); }, -2, 2, {}},
      {"sum_rows", [](Var x) { return sum_rows(x); }, -2, 2, {}},
      {"mean_rows", [](Var x) { return mean_rows(x); }, -2, 2, {}},
      {"sum_cols", [](Var x) { return sum_cols(x); }, -2, 2, {}},
      {"log_sum_exp_cols", [](Var x) { return log_sum_exp_cols(x); }, -2, 2, {}},
  };
  for (const Case& c : cases) {
    for (auto [r, k] : kShapes) {
      INFO(c.name << " on " << r << "x" << k);
      GradcheckOptions options;
      options.kinks = c.kinks;
      options.kink_gap = 2 * options.step;  // the difference quotient straddles a kink there
      require_gradients([&](Tape&, const std::vector<Var>& x) { return c.op(x[0]); },
                        {random_matrix(r, k, 7, c.lo, c.hi)}, options);
    }
  }
}

TEST_CASE("softplus stays finite and exact far from zero", "[autodiff][ops]") {
  Tape t;
  Matrix x(1, 3);
  x << 100.f, -100.f, 0.f;
  Var y = softplus(t.constant(x));
  CHECK(y.value()(0, 0) == Approx(100.f));  // log(1 + e¹⁰⁰) = 100 to float precision
  CHECK(y.value()(0, 1) == Approx(3.7200760e-44).margin(1e-45));  // e⁻¹⁰⁰ (denormal in float)
  CHECK(y.value()(0, 2) == Approx(std::log(2.f)));
}

TEST_CASE("gelu is x·Φ(x) with the exact normal cdf, not the tanh approximation",
          "[autodiff][ops]") {
  Tape t;
  Matrix x(1, 7);
  x << -6.f, -2.f, -0.5f, 0.f, 0.5f, 2.f, 6.f;
  const Matrix y = gelu(t.constant(x)).value();
  for (Index i = 0; i < x.cols(); ++i) {
    const double v = x(0, i), exact = 0.5 * v * std::erfc(-v / std::sqrt(2.0));
    INFO("x = " << v);
    CHECK(y(0, i) == Approx(exact).epsilon(1e-6).margin(1e-7));
  }
  // The tanh approximation gives −0.158808 at x = −2; the exact value is −0.0455003.
  CHECK(y(0, 1) == Approx(-0.04550026).epsilon(1e-5));
}

TEST_CASE("log_sum_exp_cols stays finite where every exponential under- or overflows",
          "[autodiff][ops]") {
  Tape t;
  Matrix x(2, 2);
  x << -1000.f, -1001.f, 1000.f, 1000.f;  // e^{±1000} is 0 or ∞ in float
  Var y = log_sum_exp_cols(t.constant(x));
  CHECK(y.value()(0, 0) == Approx(-1000.0 + std::log1p(std::exp(-1.0))));
  CHECK(y.value()(1, 0) == Approx(1000.0 + std::log(2.0)));
}

TEST_CASE("broadcasting binary op backwards match finite differences", "[autodiff][ops]") {
  // (a shape, b shape): equal, scalar, row vector, column vector, and each the other way round.
  const std::vector<std::array<int, 4>> pairs = {{3, 4, 3, 4}, {3, 4, 1, 1}, {1, 1, 3, 4},
                                                 {3, 4, 1, 4}, {1, 4, 3, 4}, {3, 4, 3, 1},
                                                 {3, 1, 3, 4}, {3, 1, 1, 4}, {1, 1, 1, 1}};
  using Binary = Var (*)(Var, Var);
  const std::vector<std::pair<const char*, Binary>> ops = {
      {"add", [](Var a, Var b) { return a + b; }},
      {"sub", [](Var a, Var b) { return a - b; }},
      {"mul", [](Var a, Var b) { return a * b; }},
      {"div", [](Var a, Var b) { return a / b; }},
  };
  for (const auto& [name, op] : ops) {
    for (const auto& s : pairs) {
      INFO(name << ": " << s[0] << "x" << s[1] << " with " << s[2] << "x" << s[3]);
      // Divisors kept in [0.5, 2] so the quotient is smooth over the difference step.
      require_gradients([op = op](Tape&, const std::vector<Var>& x) { return op(x[0], x[1]); },
                        {random_matrix(s[0], s[1], 3), random_matrix(s[2], s[3], 4, 0.5f, 2.f)});
    }
  }
}

TEST_CASE("incompatible shapes are rejected with both shapes named", "[autodiff][ops]") {
  Tape t;
  Var a = t.constant(Matrix::Zero(3, 4));
  Var b = t.constant(Matrix::Zero(2, 4));
  REQUIRE_THROWS_WITH(a + b, Catch::Contains("3×4") && Catch::Contains("2×4"));
  REQUIRE_THROWS_WITH(matmul(a, b), Catch::Contains("do not chain"));
}

TEST_CASE("matmul backward matches finite differences", "[autodiff][ops]") {
  // 1×1·1×1, row·column, column·row, and shapes crossing the 4-row, 8- and 4-column blocks.
  const std::vector<std::array<int, 3>> shapes = {{1, 1, 1}, {1, 5, 1},  {5, 1, 3},
                                                  {3, 4, 2}, {7, 3, 13}, {9, 6, 12}};
  for (auto [m, k, n] : shapes) {
    INFO(m << "x" << k << " · " << k << "x" << n);
    require_gradients([](Tape&, const std::vector<Var>& x) { return matmul(x[0], x[1]); },
                      {random_matrix(m, k, 11), random_matrix(k, n, 12)});
  }
}

TEST_CASE("concat, slice, tile and fold backwards match finite differences", "[autodiff][ops]") {
  require_gradients([](Tape&, const std::vector<Var>& x) { return concat_cols(x[0], x[1]); },
                    {random_matrix(3, 2, 1), random_matrix(3, 5, 2)});
  require_gradients([](Tape&, const std::vector<Var>& x) { return concat_rows(x[0], x[1]); },
                    {random_matrix(1, 4, 1), random_matrix(3, 4, 2)});
  require_gradients([](Tape&, const std::vector<Var>& x) { return slice_cols(x[0], 1, 3); },
                    {random_matrix(3, 5, 5)});
  require_gradients([](Tape&, const std::vector<Var>& x) { return slice_rows(x[0], 2, 2); },
                    {random_matrix(5, 3, 6)});
  require_gradients([](Tape&, const std::vector<Var>& x) { return tile_rows(x[0], 3); },
                    {random_matrix(2, 3, 7)});
  require_gradients([](Tape&, const std::vector<Var>& x) { return fold_rows(x[0], 4); },
                    {random_matrix(12, 1, 8)});
}

TEST_CASE("tile_rows stacks k copies and fold_rows turns blocks of rows into columns",
          "[autodiff][ops]") {
  Tape t;
  const Matrix x = random_matrix(2, 3, 9);
  const Matrix& tiled = tile_rows(t.constant(x), 3).value();  // 6×3
  REQUIRE(tiled.rows() == 6);
  for (int i = 0; i < 3; ++i) REQUIRE(tiled.middleRows(i * 2, 2) == x);
  const Matrix column = random_matrix(6, 1, 10);
  const Matrix& folded = fold_rows(t.constant(column), 3).value();  // 2×3
  REQUIRE(folded.rows() == 2);
  REQUIRE(folded.cols() == 3);
  for (int i = 0; i < 3; ++i)
    for (int p = 0; p < 2; ++p) REQUIRE(folded(p, i) == column(i * 2 + p, 0));
  REQUIRE_THROWS_WITH(fold_rows(t.constant(column), 4), Catch::Contains("does not fold"));
}

TEST_CASE("bce_with_logits matches its definition and its gradient", "[autodiff][ops]") {
  Rng rng(9);
  Matrix y(4, 3);
  for (Index i = 0; i < y.size(); ++i) y.data()[i] = rng.uniform() < 0.5 ? 0.f : 1.f;
  require_gradients(
      [&](Tape& t, const std::vector<Var>& x) { return bce_with_logits(x[0], t.constant(y)); },
      {random_matrix(4, 3, 8, -5, 5)});
  // Broadcast logits (one per column, shared down the rows): the gradient sums over rows.
  require_gradients(
      [&](Tape& t, const std::vector<Var>& x) { return bce_with_logits(x[0], t.constant(y)); },
      {random_matrix(1, 3, 10, -5, 5)});
  // Closed form at moderate logits: −y log σ(x) − (1−y) log(1−σ(x)).
  Tape t;
  Matrix x(1, 2);
  x << 0.7f, -1.3f;
  Matrix target(1, 2);
  target << 1.f, 0.f;
  Var l = bce_with_logits(t.constant(x), t.constant(target));
  CHECK(l.value()(0, 0) == Approx(-std::log(1 / (1 + std::exp(-0.7)))));
  CHECK(l.value()(0, 1) == Approx(-std::log(1 - 1 / (1 + std::exp(1.3)))));
  // Stable where the literal formula overflows: logit 200 with target 0 costs 200 nats.
  Matrix big(1, 1), zero = Matrix::Zero(1, 1);
  big << 200.f;
  CHECK(bce_with_logits(t.constant(big), t.constant(zero)).item() == Approx(200.f));
}

TEST_CASE("a composite expression's gradient matches finite differences", "[autodiff][ops]") {
  // A two-layer network with a Gaussian log-likelihood: the ops chained as the labs chain them.
  require_gradients(
      [](Tape&, const std::vector<Var>& x) {
        Var h = tanh(matmul(x[0], x[1]) + x[2]);
        Var out = matmul(h, x[3]);
        return mean(square(out - 0.5f) * exp(-x[4]) + x[4]);
      },
      {random_matrix(6, 3, 1), random_matrix(3, 5, 2), random_matrix(1, 5, 3),
       random_matrix(5, 2, 4), random_matrix(1, 2, 5, -1, 1)});
}

// The GEMM kernel: matches a double-precision reference, and sums each entry over k in order.
#include "autodiff/gemm.h"

#include <array>
#include <catch2/catch.hpp>

#include "random/rng.h"

using namespace vi;

TEST_CASE("gemm matches a double-precision product on every blocking remainder",
          "[autodiff][gemm]") {
  Rng rng(5);
  // Sizes around the 4-row and 8/4-column blocks, plus a large one.
  for (int m : {1, 3, 4, 5, 9, 64})
    for (int n : {1, 3, 4, 7, 8, 13, 50})
      for (int k : {1, 2, 15, 50}) {
        Matrix a = rng.normal_matrix(m, k), b = rng.normal_matrix(k, n), c;
        matmul_into(a, b, c);
        const Eigen::MatrixXd reference = a.cast<double>() * b.cast<double>();
        // Each entry sums k float products: error ≤ k·ε·Σ|aᵢₚbₚⱼ| (ε = 2⁻²⁴); 1e-5·(1+k) bounds it
        // for these N(0,1) entries with room to spare.
        INFO(m << "x" << k << "x" << n);
        REQUIRE((c.cast<double>() - reference).cwiseAbs().maxCoeff() <= 1e-5 * (1 + k) * 4);
      }
}

TEST_CASE("gemm sums over k in order, so both builds agree bit for bit", "[autodiff][gemm]") {
  Rng rng(6);
  Matrix a = rng.normal_matrix(9, 37), b = rng.normal_matrix(37, 21), c;
  matmul_into(a, b, c);
  for (Index i = 0; i < c.rows(); ++i)
    for (Index j = 0; j < c.cols(); ++j) {
      float s = 0.f;
      for (Index p = 0; p < a.cols(); ++p) s += a(i, p) * b(p, j);
      REQUIRE(c(i, j) == s);  // exact: the same float operations in the same order
    }
}

TEST_CASE("gemm_add completes each in-order sum over k before adding it to C, for A and Aᵀ",
          "[autodiff][gemm]") {
  Rng rng(7);
  // The thin shapes of small networks (2 inputs, 1 output, K = 1 outer products) and remainders.
  for (auto [m, n, k] : {std::array<int, 3>{2, 50, 1000},
                         {50, 1, 300},
                         {1000, 50, 1},
                         {3, 13, 9},
                         {7, 2, 5},
                         {21, 1, 17},
                         {5, 6, 1}})
    for (Transpose ta : {Transpose::No, Transpose::Yes}) {
      INFO(m << "x" << k << "x" << n << (ta == Transpose::Yes ? " transposed" : ""));
      const Matrix a = ta == Transpose::No ? rng.normal_matrix(m, k) : rng.normal_matrix(k, m);
      const Matrix b = rng.normal_matrix(k, n), c0 = rng.normal_matrix(m, n);
      Matrix c = c0;
      matmul_add(a, ta, b, c);
      for (Index i = 0; i < m; ++i)
        for (Index j = 0; j < n; ++j) {
          float s = 0.f;
          for (Index p = 0; p < k; ++p) s += (ta == Transpose::No ? a(i, p) : a(p, i)) * b(p, j);
          REQUIRE(c(i, j) == c0(i, j) + s);  // exact: the same float operations in the same order
        }
    }
}

TEST_CASE("gemm_add adds A·B or Aᵀ·B to what C holds", "[autodiff][gemm]") {
  Rng rng(8);
  for (int m : {1, 4, 6, 9})
    for (int n : {1, 5, 8, 13})
      for (int k : {1, 7, 40}) {
        INFO(m << "x" << k << "x" << n);
        const Matrix b = rng.normal_matrix(k, n), c0 = rng.normal_matrix(m, n);
        const Matrix a = rng.normal_matrix(m, k), at = rng.normal_matrix(k, m);
        Matrix c = c0;
        matmul_add(a, Transpose::No, b, c);
        const Eigen::MatrixXd expected = c0.cast<double>() + a.cast<double>() * b.cast<double>();
        // Same bound as above, plus the rounding of the final addition.
        REQUIRE((c.cast<double>() - expected).cwiseAbs().maxCoeff() <= 1e-5 * (2 + k) * 4);
        c = c0;
        matmul_add(at, Transpose::Yes, b, c);
        const Eigen::MatrixXd expected_t =
            c0.cast<double>() + at.cast<double>().transpose() * b.cast<double>();
        REQUIRE((c.cast<double>() - expected_t).cwiseAbs().maxCoeff() <= 1e-5 * (2 + k) * 4);
      }
}

namespace {

// The plain in-order triple loop the kernel must reproduce bit for bit: C (+)= op(A)·B.
Matrix in_order_product(const Matrix& a, Transpose ta, const Matrix& b, const Matrix* c0) {
  const Index m = ta == Transpose::No ? a.rows() : a.cols(), k = b.rows(), n = b.cols();
  Matrix c(m, n);
  for (Index i = 0; i < m; ++i)
    for (Index j = 0; j < n; ++j) {
      float s = 0.f;
      for (Index p = 0; p < k; ++p) s += (ta == Transpose::No ? a(i, p) : a(p, i)) * b(p, j);
      c(i, j) = c0 ? (*c0)(i, j) + s : s;
    }
  return c;
}

}  // namespace

TEST_CASE("gemm is bit-identical to an in-order loop on every row, column and k-chunk remainder",
          "[autodiff][gemm]") {
  Rng rng(9);
  // m: every remainder of the 4-row blocks; n: of the 8- and 4-column blocks, including the padded
  // two- and three-column tails; k: short sums and long ones (≥ 256 run in chunks of 128 steps,
  // with a last chunk that is full, one step long, or partial).
  int checked = 0;
  for (int m : {1, 2, 3, 4, 5, 6, 7, 9, 40})
    for (int n : {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 20})
      for (int k : {1, 2, 7, 255, 256, 257, 300, 1000}) {
        INFO(m << "x" << k << "x" << n);
        const Matrix a = rng.normal_matrix(m, k), at = rng.normal_matrix(k, m);
        const Matrix b = rng.normal_matrix(k, n), c0 = rng.normal_matrix(m, n);
        Matrix c;
        matmul_into(a, b, c);
        REQUIRE(c == in_order_product(a, Transpose::No, b, nullptr));
        c = c0;
        matmul_add(a, Transpose::No, b, c);
        REQUIRE(c == in_order_product(a, Transpose::No, b, &c0));
        c = c0;
        matmul_add(at, Transpose::Yes, b, c);
        REQUIRE(c == in_order_product(at, Transpose::Yes, b, &c0));
        ++checked;
      }
  REQUIRE(checked == 9 * 13 * 8);
}

TEST_CASE("gemm_add on a long transposed sum equals the same sum without chunking",
          "[autodiff][gemm]") {
  // The gradient products' shape (dW = xᵀ·g over a batch of 8000): the chunked path keeps each
  // entry's partial sum between chunks, so the result matches a single in-order pass exactly.
  Rng rng(10);
  const Matrix x = rng.normal_matrix(8000, 20), g = rng.normal_matrix(8000, 10);
  const Matrix c0 = rng.normal_matrix(20, 10);
  Matrix c = c0;
  matmul_add(x, Transpose::Yes, g, c);
  REQUIRE(c == in_order_product(x, Transpose::Yes, g, &c0));
}

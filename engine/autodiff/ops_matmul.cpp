// Matrix product C = A·B and its backward pass.

#include "autodiff/gemm.h"
#include "autodiff/ops.h"
#include "autodiff/shape_error.h"

namespace vi {
namespace {

void matmul_backward(Tape& t, Node& c) {
  Node& a = t.node(c.a);
  Node& b = t.node(c.b);
  const Index m = a.value.rows(), k = a.value.cols(), n = b.value.cols();
  if (a.needs_grad) {
    t.count_product(m, n, k);
    Matrix& transposed = t.scratch(1);
    transposed = b.value.transpose();
    matmul_add(c.grad, Transpose::No, transposed, a.grad);  // dA += dC·Bᵀ
  }
  if (b.needs_grad) {
    t.count_product(k, m, n);
    matmul_add(a.value, Transpose::Yes, c.grad, b.grad);  // dB += Aᵀ·dC
  }
}

}  // namespace

Var matmul(Var a, Var b) {
  Tape& t = *a.tape;
  if (a.cols() != b.rows())
    throw_shape_error("matmul", {{"A", a.rows(), a.cols()}, {"B", b.rows(), b.cols()}},
                      "do not chain");
  Var c = t.push("matmul", matmul_backward, a.id, b.id);
  t.count_product(a.rows(), a.cols(), b.cols());
  matmul_into(a.value(), b.value(), t.node(c.id).value);
  return c;
}

}  // namespace vi

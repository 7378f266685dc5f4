// Matrix product C = A·B and its backward pass.
#include <stdexcept>
#include <string>

#include "autodiff/gemm.h"
#include "autodiff/ops.h"

namespace vi {
namespace {

void matmul_backward(Tape& t, Node& c) {
  Node& a = t.node(c.a);
  Node& b = t.node(c.b);
  Matrix& tmp = t.scratch(0);
  Matrix& transposed = t.scratch(1);
  if (a.needs_grad) {
    transposed = b.value.transpose();
    matmul_into(c.grad, transposed, tmp);  // dA += dC·Bᵀ
    a.grad += tmp;
  }
  if (b.needs_grad) {
    transposed = a.value.transpose();
    matmul_into(transposed, c.grad, tmp);  // dB += Aᵀ·dC
    b.grad += tmp;
  }
}

}  // namespace

Var matmul(Var a, Var b) {
  Tape& t = *a.tape;
  if (a.cols() != b.rows())
    throw std::invalid_argument("matmul: shapes " + std::to_string(a.rows()) + "×" +
                                std::to_string(a.cols()) + " and " + std::to_string(b.rows()) +
                                "×" + std::to_string(b.cols()) + " do not chain");
  Var c = t.push("matmul", matmul_backward, a.id, b.id);
  matmul_into(a.value(), b.value(), t.node(c.id).value);
  return c;
}

}  // namespace vi

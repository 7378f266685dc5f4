// Reductions: sum, mean, sums over rows or columns, and the log-sum-exp over columns.
#include <cmath>

#include "autodiff/ops.h"

namespace vi {
namespace {

void sum_backward(Tape& t, Node& y) {
  t.node(y.a).grad.array() += y.grad(0, 0);  // dx += dy (broadcast)
}

void mean_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  x.grad.array() += y.grad(0, 0) / float(x.value.size());  // dx += dy / n
}

void sum_rows_backward(Tape& t, Node& y) {
  t.node(y.a).grad.rowwise() += y.grad.row(0);  // dx[i, :] += dy
}

void mean_rows_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  x.grad.rowwise() += y.grad.row(0) / float(x.value.rows());  // dx[i, :] += dy / R
}

void sum_cols_backward(Tape& t, Node& y) {
  t.node(y.a).grad.colwise() += y.grad.col(0);  // dx[:, j] += dy
}

void log_sum_exp_cols_backward(Tape& t, Node& y) {
  // ∂y_r/∂x_rj = e^{x_rj − y_r}, the softmax of row r: dx[r, j] += dy[r]·e^{x_rj − y_r}.
  Node& x = t.node(y.a);
  x.grad.array() +=
      (x.value.colwise() - y.value.col(0)).array().exp().colwise() * y.grad.col(0).array();
}

}  // namespace

Var sum(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("sum", sum_backward, x.id);
  t.node(y.id).value.setConstant(1, 1, t.node(x.id).value.sum());
  return y;
}

Var mean(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("mean", mean_backward, x.id);
  t.node(y.id).value.setConstant(1, 1, t.node(x.id).value.mean());
  return y;
}

Var sum_rows(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("sum_rows", sum_rows_backward, x.id);
  t.node(y.id).value = t.node(x.id).value.colwise().sum();
  return y;
}

Var mean_rows(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("mean_rows", mean_rows_backward, x.id);
  t.node(y.id).value = t.node(x.id).value.colwise().mean();
  return y;
}

Var sum_cols(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("sum_cols", sum_cols_backward, x.id);
  t.node(y.id).value = t.node(x.id).value.rowwise().sum();
  return y;
}

Var log_sum_exp_cols(Var x) {
  Tape& t = *x.tape;
  Var y = t.push("log_sum_exp_cols", log_sum_exp_cols_backward, x.id);
  const Matrix& v = t.node(x.id).value;
  // y_r = m_r + log Σ_j e^{x_rj − m_r}, m_r = max_j x_rj: no term overflows, the largest is 1.
  Matrix out(v.rows(), 1);
  for (Index r = 0; r < v.rows(); ++r) {
    const float top = v.row(r).maxCoeff();
    out(r, 0) = top + std::log((v.row(r).array() - top).exp().sum());
  }
  t.node(y.id).value = std::move(out);
  return y;
}

}  // namespace vi

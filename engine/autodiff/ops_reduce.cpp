// Reductions: sum, mean, and sums over rows or columns.
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

}  // namespace vi

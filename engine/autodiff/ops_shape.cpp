// Concatenation and slicing along rows or columns.
#include <stdexcept>
#include <string>

#include "autodiff/ops.h"

namespace vi {
namespace {

void concat_cols_backward(Tape& t, Node& y) {
  Node& a = t.node(y.a);
  Node& b = t.node(y.b);
  if (a.needs_grad) a.grad += y.grad.leftCols(a.value.cols());   // dA += dY[:, :Ca]
  if (b.needs_grad) b.grad += y.grad.rightCols(b.value.cols());  // dB += dY[:, Ca:]
}

void concat_rows_backward(Tape& t, Node& y) {
  Node& a = t.node(y.a);
  Node& b = t.node(y.b);
  if (a.needs_grad) a.grad += y.grad.topRows(a.value.rows());     // dA += dY[:Ra, :]
  if (b.needs_grad) b.grad += y.grad.bottomRows(b.value.rows());  // dB += dY[Ra:, :]
}

void slice_cols_backward(Tape& t, Node& y) {
  t.node(y.a).grad.middleCols(y.start, y.count) += y.grad;  // dX[:, s:s+n] += dY
}

void slice_rows_backward(Tape& t, Node& y) {
  t.node(y.a).grad.middleRows(y.start, y.count) += y.grad;  // dX[s:s+n, :] += dY
}

void check_range(const char* op, int start, int count, Index size) {
  if (start < 0 || count < 0 || start + count > size)
    throw std::invalid_argument(std::string(op) + ": range [" + std::to_string(start) + ", " +
                                std::to_string(start + count) + ") outside 0.." +
                                std::to_string(size));
}

}  // namespace

Var concat_cols(Var a, Var b) {
  Tape& t = *a.tape;
  if (a.rows() != b.rows()) throw std::invalid_argument("concat_cols: row counts differ");
  Var y = t.push("concat_cols", concat_cols_backward, a.id, b.id);
  Matrix& v = t.node(y.id).value;
  v.resize(a.rows(), a.cols() + b.cols());
  v << t.node(a.id).value, t.node(b.id).value;
  return y;
}

Var concat_rows(Var a, Var b) {
  Tape& t = *a.tape;
  if (a.cols() != b.cols()) throw std::invalid_argument("concat_rows: column counts differ");
  Var y = t.push("concat_rows", concat_rows_backward, a.id, b.id);
  Matrix& v = t.node(y.id).value;
  v.resize(a.rows() + b.rows(), a.cols());
  v << t.node(a.id).value, t.node(b.id).value;
  return y;
}

Var slice_cols(Var x, int start, int count) {
  Tape& t = *x.tape;
  check_range("slice_cols", start, count, x.cols());
  Var y = t.push("slice_cols", slice_cols_backward, x.id);
  Node& n = t.node(y.id);
  n.start = start;
  n.count = count;
  n.value = t.node(x.id).value.middleCols(start, count);
  return y;
}

Var slice_rows(Var x, int start, int count) {
  Tape& t = *x.tape;
  check_range("slice_rows", start, count, x.rows());
  Var y = t.push("slice_rows", slice_rows_backward, x.id);
  Node& n = t.node(y.id);
  n.start = start;
  n.count = count;
  n.value = t.node(x.id).value.middleRows(start, count);
  return y;
}

}  // namespace vi

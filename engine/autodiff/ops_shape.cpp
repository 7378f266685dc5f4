// Concatenation, slicing and tiling along rows or columns.
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

void tile_rows_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  const Index r = x.value.rows();
  for (int i = 0; i < y.count; ++i)
    x.grad += y.grad.middleRows(i * r, r);  // dX += Σᵢ dY[iR:(i+1)R, :]
}

void fold_rows_backward(Tape& t, Node& y) {
  Node& x = t.node(y.a);
  const Index r = y.value.rows();
  for (int i = 0; i < y.count; ++i)
    x.grad.middleRows(i * r, r) += y.grad.col(i);  // dX[iR:(i+1)R] += dY[:, i]
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

Var tile_rows(Var x, int k) {
  Tape& t = *x.tape;
  if (k < 1) throw std::invalid_argument("tile_rows: k = " + std::to_string(k) + " < 1");
  Var y = t.push("tile_rows", tile_rows_backward, x.id);
  Node& n = t.node(y.id);
  n.count = k;
  const Matrix& v = t.node(x.id).value;
  n.value.resize(k * v.rows(), v.cols());
  for (int i = 0; i < k; ++i) n.value.middleRows(i * v.rows(), v.rows()) = v;
  return y;
}

Var fold_rows(Var x, int k) {
  Tape& t = *x.tape;
  if (k < 1 || x.cols() != 1 || x.rows() % k != 0)
    throw std::invalid_argument("fold_rows: a " + std::to_string(x.rows()) + "×" +
                                std::to_string(x.cols()) + " input does not fold into " +
                                std::to_string(k) + " columns");
  Var y = t.push("fold_rows", fold_rows_backward, x.id);
  Node& n = t.node(y.id);
  n.count = k;
  const Matrix& v = t.node(x.id).value;
  const Index r = v.rows() / k;
  n.value.resize(r, k);
  for (int i = 0; i < k; ++i) n.value.col(i) = v.middleRows(i * r, r);
  return y;
}

}  // namespace vi

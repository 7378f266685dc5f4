// Helpers shared by the broadcasting ops: shape rules, elementwise apply, gradient reduction.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>

#include "base/matrix.h"

namespace vi {

inline bool broadcastable(Index a, Index b) {
  return a == b || a == 1 || b == 1;
}

inline void check_broadcast(const char* op, const Matrix& a, const Matrix& b) {
  if (!broadcastable(a.rows(), b.rows()) || !broadcastable(a.cols(), b.cols()))
    throw std::invalid_argument(std::string(op) + ": shapes " + std::to_string(a.rows()) + "×" +
                                std::to_string(a.cols()) + " and " + std::to_string(b.rows()) +
                                "×" + std::to_string(b.cols()) + " do not broadcast");
}

// out(i, j) = f(a(i or 0, j or 0), b(i or 0, j or 0)) over the broadcast shape.
template <class F>
void broadcast_apply(const Matrix& a, const Matrix& b, Matrix& out, F f) {
  const Index rows = std::max(a.rows(), b.rows()), cols = std::max(a.cols(), b.cols());
  out.resize(rows, cols);
  const Index a_row = a.rows() == 1 ? 0 : a.cols(), b_row = b.rows() == 1 ? 0 : b.cols();
  const Index a_col = a.cols() == 1 ? 0 : 1, b_col = b.cols() == 1 ? 0 : 1;
  for (Index i = 0; i < rows; ++i) {
    const float* ar = a.data() + i * a_row;
    const float* br = b.data() + i * b_row;
    float* o = out.data() + i * cols;
    if (a_col == 1 && b_col == 1) {
      for (Index j = 0; j < cols; ++j) o[j] = f(ar[j], br[j]);
    } else {
      for (Index j = 0; j < cols; ++j) o[j] = f(ar[j * a_col], br[j * b_col]);
    }
  }
}

// dst += src summed down to dst's shape (over the dimensions where dst has size 1).
inline void add_reduced(Matrix& dst, const Matrix& src) {
  if (dst.rows() == src.rows() && dst.cols() == src.cols()) {
    dst += src;
  } else if (dst.rows() == 1 && dst.cols() == 1) {
    dst(0, 0) += src.sum();
  } else if (dst.rows() == 1) {
    dst += src.colwise().sum();
  } else {
    dst += src.rowwise().sum();
  }
}

}  // namespace vi

// Shuffled minibatches: one permutation per epoch, consecutive slices of it as batches.
#pragma once

#include <vector>

#include "data/datasets.h"

namespace vi {

class Minibatches {
 public:
  Minibatches(Index n, Index batch_size) : n_(n), batch_size_(batch_size) {}

  Index batches_per_epoch() const { return (n_ + batch_size_ - 1) / batch_size_; }

  // Rows of batch b (0-based within the epoch); reshuffles when b == 0.
  const std::vector<int>& batch(Index b, Rng& rng);

 private:
  Index n_, batch_size_;
  std::vector<int> order_, rows_;
};

// out (rows.size()×C) = the listed rows of x (N×C), in order. A plain loop: Eigen's row-block
// assignment stays an out-of-line call per row in the labs' size-optimized WebAssembly (2 % of
// the vae's training).
inline void gather_rows(const Matrix& x, const std::vector<int>& rows, Matrix& out) {
  const Index cols = x.cols();
  out.resize(Index(rows.size()), cols);
  float* __restrict to = out.data();
  for (const int r : rows) {
    const float* from = x.data() + Index(r) * cols;
    for (Index c = 0; c < cols; ++c) *to++ = from[c];
  }
}

}  // namespace vi

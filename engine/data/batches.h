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

}  // namespace vi

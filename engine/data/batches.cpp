// Shuffled minibatches.
#include "data/batches.h"

#include <algorithm>

namespace vi {

const std::vector<int>& Minibatches::batch(Index b, Rng& rng) {
  if (b == 0 || order_.empty()) rng.permutation(int(n_), order_);
  const Index begin = b * batch_size_, end = std::min(n_, begin + batch_size_);
  rows_.assign(order_.begin() + begin, order_.begin() + end);
  return rows_;
}

}  // namespace vi

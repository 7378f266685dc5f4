// Inverted dropout.
#include "nn/dropout.h"

namespace vi {

Matrix dropout_mask(Index rows, Index cols, float p, Rng& rng) {
  Matrix mask(rows, cols);
  const float keep_scale = p < 1.f ? 1.f / (1.f - p) : 0.f;
  float* m = mask.data();
  for (Index i = 0; i < mask.size(); ++i) m[i] = rng.uniform() < p ? 0.f : keep_scale;
  return mask;
}

Var dropout(Tape& t, Var x, float p, bool active, Rng& rng) {
  if (!active || p <= 0.f) return x;
  return x * t.constant(dropout_mask(x.rows(), x.cols(), p, rng));
}

}  // namespace vi

// Inverted dropout as one tape op: the mask is drawn into the node and reused by backward.
#include "nn/dropout.h"

namespace vi {

// 0 with probability p, else 1/(1−p), from as few random bits as represent p (one for ½).
void fill_dropout_mask(Matrix& mask, Index rows, Index cols, float p, Rng& rng) {
  mask.resize(rows, cols);
  const float keep_scale = p < 1.f ? 1.f / (1.f - p) : 0.f;
  rng.fill_bernoulli(mask.data(), mask.size(), bernoulli_bits(p), 0.f, keep_scale);
}

namespace {

void dropout_backward(Tape& t, Node& y) {
  t.node(y.a).grad.array() += y.grad.array() * y.aux.array();  // dx += dy ∘ m
}

}  // namespace

Matrix dropout_mask(Index rows, Index cols, float p, Rng& rng) {
  Matrix mask;
  fill_dropout_mask(mask, rows, cols, p, rng);
  return mask;
}

Var dropout(Tape& t, Var x, float p, bool active, Rng& rng) {
  if (!active || p <= 0.f) return x;
  Var y = t.push("dropout", dropout_backward, x.id);
  Node& n = t.node(y.id);
  fill_dropout_mask(n.aux, x.rows(), x.cols(), p, rng);  // kept in the node: no allocation per step
  n.value = x.value().cwiseProduct(n.aux);               // y = x ∘ m
  return y;
}

}  // namespace vi

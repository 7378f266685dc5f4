// Numerically stable binary cross-entropy with logits.
#include <cmath>

#include "autodiff/broadcast.h"
#include "autodiff/ops.h"
#include "autodiff/stable_math.h"

namespace vi {
namespace {

// max(x, 0) − x·y + log(1 + e^{−|x|}), given e = e^{−|x|}.
inline float bce_from(float x, float y, float e) {
  return std::fmax(x, 0.f) - x * y + portable_log1p(e);
}

// σ(x) from e = e^{−|x|}: the same operations as stable_sigmoid.
inline float sigmoid_from(float x, float e) {
  return x >= 0.f ? 1.f / (1.f + e) : e / (1.f + e);
}

void bce_with_logits_backward(Tape& t, Node& l) {
  Node& x = t.node(l.a);
  const Node& y = t.node(l.b);
  if (!x.needs_grad) return;
  Matrix& tmp = t.scratch(0);
  if (l.aux.size() == x.value.size()) {
    // Logits and targets of one shape: forward kept e^{−|x|} in aux. dx += dl·(σ(x) − y)
    tmp.resize(x.value.rows(), x.value.cols());
    const float *xv = x.value.data(), *yv = y.value.data(), *e = l.aux.data(), *dl = l.grad.data();
    float* d = tmp.data();
    for (Index i = 0; i < tmp.size(); ++i) d[i] = (sigmoid_from(xv[i], e[i]) - yv[i]) * dl[i];
    x.grad += tmp;
    return;
  }
  // dx += dl·(σ(x) − y), summed over the dimensions x was broadcast along
  broadcast_apply(x.value, y.value, tmp,
                  [](float xv, float yv) { return stable_sigmoid(xv) - yv; });
  tmp.array() *= l.grad.array();
  add_reduced(x.grad, tmp);
}

}  // namespace

Var bce_with_logits(Var logits, Var targets) {
  Tape& t = *logits.tape;
  check_broadcast("bce_with_logits", logits.value(), targets.value());
  Var l = t.push("bce_with_logits", bce_with_logits_backward, logits.id, targets.id);
  Node& n = t.node(l.id);
  n.needs_grad = t.node(logits.id).needs_grad;
  const Matrix &x = t.node(logits.id).value, &y = t.node(targets.id).value;
  if (x.rows() == y.rows() && x.cols() == y.cols()) {
    // One exponential per entry, kept for backward.
    n.value.resize(x.rows(), x.cols());
    n.aux.resize(x.rows(), x.cols());
    for (Index i = 0; i < x.size(); ++i) {
      const float e = std::exp(-std::fabs(x.data()[i]));
      n.aux.data()[i] = e;
      n.value.data()[i] = bce_from(x.data()[i], y.data()[i], e);
    }
  } else {
    n.aux.resize(0, 0);
    broadcast_apply(x, y, n.value,
                    [](float xv, float yv) { return bce_from(xv, yv, std::exp(-std::fabs(xv))); });
  }
  return l;
}

}  // namespace vi

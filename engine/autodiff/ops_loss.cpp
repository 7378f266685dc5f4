// Numerically stable binary cross-entropy with logits.
#include <cmath>

#include "autodiff/broadcast.h"
#include "autodiff/ops.h"
#include "autodiff/stable_math.h"

namespace vi {
namespace {

void bce_with_logits_backward(Tape& t, Node& l) {
  Node& x = t.node(l.a);
  const Node& y = t.node(l.b);
  if (!x.needs_grad) return;
  Matrix& tmp = t.scratch(0);
  // dx += dl·(σ(x) − y)
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
  broadcast_apply(t.node(logits.id).value, t.node(targets.id).value, n.value, [](float x, float y) {
    return std::fmax(x, 0.f) - x * y + portable_log1p(std::exp(-std::fabs(x)));
  });
  return l;
}

}  // namespace vi

// Fully connected layer, as one fused dense node (ops_dense.cpp).
#include "nn/linear.h"

namespace vi {

Linear::Linear(const std::string& name, Index in, Index out, Init init, Rng& rng)
    : weight_(name + ".weight", init_weight(init, in, out, rng)),
      bias_(name + ".bias", init_bias(in, out, rng)) {}

Var Linear::forward(Tape& t, Var x) {
  return dense(x, t.param(weight_), t.param(bias_));
}

Var Linear::forward_relu(Tape& t, Var x) {
  return dense_relu(x, t.param(weight_), t.param(bias_));
}

}  // namespace vi

// Weight initializers: N(0, 1), the framework-default fan-in uniform, and Xavier normal.
#pragma once

#include <string>

#include "base/matrix.h"
#include "random/rng.h"

namespace vi {

enum class Init {
  Normal,        // every weight ~ N(0, 1)
  FanInUniform,  // U(−1/√fan_in, 1/√fan_in): PyTorch's nn.Linear default for weights and biases
  XavierNormal,  // N(0, 2 / (fan_in + fan_out))
};

Init parse_init(const std::string& name);  // "normal" | "default" | "xavier"

// A fan_in × fan_out weight matrix (layers compute x·W).
Matrix init_weight(Init init, Index fan_in, Index fan_out, Rng& rng);

// A 1 × fan_out bias: always the framework default U(−1/√fan_in, 1/√fan_in), since the original
// exercises' custom initializers only touch weights.
Matrix init_bias(Index fan_in, Index fan_out, Rng& rng);

}  // namespace vi

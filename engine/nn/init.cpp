// Weight initializers.
#include "nn/init.h"

#include <cmath>
#include <stdexcept>

namespace vi {

Init parse_init(const std::string& name) {
  if (name == "normal") return Init::Normal;
  if (name == "default") return Init::FanInUniform;
  if (name == "xavier") return Init::XavierNormal;
  throw std::invalid_argument("unknown initializer '" + name + "' (normal, default, xavier)");
}

Matrix init_weight(Init init, Index fan_in, Index fan_out, Rng& rng) {
  Matrix w(fan_in, fan_out);
  switch (init) {
    case Init::Normal:
      rng.fill_normal(w);
      break;
    case Init::FanInUniform: {
      const float bound = 1.f / std::sqrt(float(fan_in));
      rng.fill_uniform(w, -bound, bound);
      break;
    }
    case Init::XavierNormal: {
      rng.fill_normal(w);
      w *= std::sqrt(2.f / float(fan_in + fan_out));
      break;
    }
  }
  return w;
}

Matrix init_bias(Index fan_in, Index fan_out, Rng& rng) {
  Matrix b(1, fan_out);
  const float bound = 1.f / std::sqrt(float(fan_in));
  rng.fill_uniform(b, -bound, bound);
  return b;
}

}  // namespace vi

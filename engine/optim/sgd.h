// Stochastic gradient descent with momentum and weight decay (PyTorch's conventions).
#pragma once

#include <vector>

#include "optim/optimizer.h"

namespace vi {

class Sgd : public Optimizer {
 public:
  Sgd(ParameterList params, float lr, float momentum = 0.f, float weight_decay = 0.f);
  void step() override;

 private:
  float momentum_, weight_decay_;
  std::vector<Matrix> velocity_;
  bool first_ = true;
};

}  // namespace vi

// RMSProp in PyTorch's form (no momentum, not centered): a running mean of squared gradients.
#pragma once

#include <vector>

#include "optim/optimizer.h"

namespace vi {

class RmsProp : public Optimizer {
 public:
  // PyTorch's defaults: α = 0.99, ε = 10⁻⁸.
  RmsProp(ParameterList params, float lr, float alpha = 0.99f, float eps = 1e-8f);
  void step() override;

 private:
  float alpha_, eps_;
  std::vector<Matrix> v_;  // running mean of g², one per parameter, same shape
};

}  // namespace vi

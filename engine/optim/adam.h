// Adam (Kingma & Ba) with bias correction, in PyTorch's arithmetic order.
#pragma once

#include <vector>

#include "optim/optimizer.h"

namespace vi {

class Adam : public Optimizer {
 public:
  Adam(ParameterList params, float lr, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f);
  void step() override;
  int steps() const { return t_; }

 private:
  float beta1_, beta2_, eps_;
  std::vector<Matrix> m_, v_;
  int t_ = 0;
};

}  // namespace vi

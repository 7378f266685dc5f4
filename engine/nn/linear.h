// A fully connected layer y = x·W + b.
#pragma once

#include <string>

#include "autodiff/ops.h"
#include "nn/init.h"

namespace vi {

class Linear {
 public:
  Linear(const std::string& name, Index in, Index out, Init init, Rng& rng);

  Var forward(Tape& t, Var x);       // x: R×in → R×out
  Var forward_relu(Tape& t, Var x);  // relu(x·W + b), fused in one node
  void collect(ParameterList& out) { out.push_back(&weight_), out.push_back(&bias_); }

  Parameter& weight() { return weight_; }  // in × out
  Parameter& bias() { return bias_; }      // 1 × out
  const Parameter& weight() const { return weight_; }
  const Parameter& bias() const { return bias_; }

 private:
  Parameter weight_;
  Parameter bias_;
};

}  // namespace vi

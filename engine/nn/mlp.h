// A multilayer perceptron: Linear layers with one activation between them, none after the last.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nn/linear.h"

namespace vi {

enum class Activation { Relu, Tanh, Sigmoid, Gelu };

Var activate(Activation a, Var x);

class Mlp {
 public:
  // sizes = {in, hidden..., out}
  Mlp(const std::string& name, const std::vector<int>& sizes, Activation activation, Init init,
      Rng& rng);

  Var forward(Tape& t, Var x);
  void collect(ParameterList& out);
  std::vector<std::unique_ptr<Linear>>& layers() { return layers_; }

 private:
  std::vector<std::unique_ptr<Linear>> layers_;
  Activation activation_;
};

}  // namespace vi

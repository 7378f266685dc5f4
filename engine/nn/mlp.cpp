// Multilayer perceptron.
#include "nn/mlp.h"

#include "nn/thin_relu_net.h"

namespace vi {

Var activate(Activation a, Var x) {
  switch (a) {
    case Activation::Relu:
      return relu(x);
    case Activation::Tanh:
      return tanh(x);
    case Activation::Sigmoid:
      return sigmoid(x);
    case Activation::Gelu:
      return gelu(x);
  }
  return x;
}

Mlp::Mlp(const std::string& name, const std::vector<int>& sizes, Activation activation, Init init,
         Rng& rng)
    : activation_(activation) {
  for (size_t i = 0; i + 1 < sizes.size(); ++i)
    layers_.push_back(std::make_unique<Linear>(name + "." + std::to_string(i), sizes[i],
                                               sizes[i + 1], init, rng));
}

Var Mlp::forward(Tape& t, Var x) {
  if (layers_.size() == 2 && activation_ == Activation::Relu &&
      layers_[1]->weight().value.cols() == 1) {
    // One hidden ReLU layer and one output: the fused node, then the output bias.
    Linear &hidden = *layers_[0], &output = *layers_[1];
    return thin_relu_net(x, t.param(hidden.weight()), t.param(hidden.bias()),
                         t.param(output.weight())) +
           t.param(output.bias());
  }
  for (size_t i = 0; i < layers_.size(); ++i) {
    const bool hidden = i + 1 < layers_.size();
    if (hidden && activation_ == Activation::Relu) {
      x = layers_[i]->forward_relu(t, x);  // one fused node: x·W + b, then relu
    } else {
      x = layers_[i]->forward(t, x);
      if (hidden) x = activate(activation_, x);
    }
  }
  return x;
}

void Mlp::collect(ParameterList& out) {
  for (auto& layer : layers_) layer->collect(out);
}

}  // namespace vi

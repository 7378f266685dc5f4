// The reverse-mode tape: nodes (value, gradient, backward function, op name) and Var handles.
//
// A tape is cleared and refilled each training step; its nodes keep their matrices' memory, so a
// step of the same shape as the last one allocates nothing. Nodes live in a deque, so references
// to them stay valid while new nodes are pushed.
#pragma once

#include <deque>
#include <vector>

#include "autodiff/parameter.h"
#include "base/matrix.h"

namespace vi {

class Tape;
struct Node;

// Accumulates node.grad into the gradients of node's inputs (only those that need one).
using BackwardFn = void (*)(Tape&, Node&);

// Fields ordered so that a node packs into 128 bytes natively: the deque then indexes its blocks
// by shifts (measured with callgrind: 136 bytes cost neural_process 4 % more instructions).
struct Node {
  Matrix value;
  Matrix grad;
  const char* op = "constant";
  BackwardFn backward = nullptr;
  int a = -1, b = -1;        // input node ids
  int c = -1, d = -1;        // further input ids, for ops with more than two inputs
  int start = 0, count = 0;  // slice ops: the first row or column taken, and how many
  Matrix aux;                // op cache kept from forward to backward (a mask, a sigmoid)
  Parameter* param = nullptr;
  float scalar = 0.f;  // op parameter (a scale, an offset)
  bool needs_grad = false;
  bool grad_ready = false;  // during backward: grad holds the sum of what has flowed in so far
  // The op's backward readies its inputs' gradients itself (Tape::gradient / first_gradient),
  // so that it can write a first gradient instead of adding it to zeros.
  bool readies_input_grads = false;
};

struct Var {
  Tape* tape = nullptr;
  int id = -1;

  const Matrix& value() const;
  const Matrix& grad() const;
  Index rows() const { return value().rows(); }
  Index cols() const { return value().cols(); }
  float item() const { return value()(0, 0); }  // the value of a 1×1 result
};

class Tape {
 public:
  void clear() { size_ = 0; }
  int size() const { return size_; }

  Var constant(const Matrix& value);
  Var constant(float value);
  Var param(Parameter& p);

  // Appends a node computed from inputs a and b (-1 when absent); the caller fills its value.
  Var push(const char* op, BackwardFn backward, int a, int b = -1);

  Node& node(int id) { return nodes_[size_t(id)]; }
  const Node& node(int id) const { return nodes_[size_t(id)]; }

  // Reverse sweep from a 1×1 loss; adds each parameter node's gradient into its Parameter.
  // A node's gradient is readied (sized and zeroed) when the first gradient flows into it, not
  // all at once: an op whose node has readies_input_grads may instead write that first gradient
  // outright (first_gradient), which spares a sweep that zeroes it and one that reads the zeros.
  void backward(Var loss);

  // For backward functions of ops with readies_input_grads: n's gradient, zeroed if nothing has
  // flowed into it yet, to add to.
  Matrix& gradient(Node& n);
  // True when nothing has flowed into n's gradient yet: it is then sized like n's value, left
  // unset, and counted as ready, and the caller must write every entry.
  bool first_gradient(Node& n);

  // Work matrices reused by backward functions (e.g. a transposed operand).
  Matrix& scratch(int slot) { return scratch_[slot]; }
  // A work index list reused by backward functions (e.g. the rows that carry gradient).
  std::vector<int>& scratch_indices() { return scratch_indices_; }

  // Floating-point operations of the matrix products run on this tape, forward and backward,
  // since it was made (2·m·k·n per m×k by k×n product; clear() keeps the count).
  void count_product(Index m, Index k, Index n) {
    flops_ += 2.0 * double(m) * double(k) * double(n);
  }
  double flops() const { return flops_; }

 private:
  std::deque<Node> nodes_;
  int size_ = 0;
  Matrix scratch_[3];
  std::vector<int> scratch_indices_;
  double flops_ = 0.0;
};

inline const Matrix& Var::value() const {
  return tape->node(id).value;
}
inline const Matrix& Var::grad() const {
  return tape->node(id).grad;
}

}  // namespace vi

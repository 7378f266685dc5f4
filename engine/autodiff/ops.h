// Differentiable operations on Vars; each op's forward and backward sit side by side in ops_*.cpp.
//
// Broadcasting (add, sub, mul, div, bce_with_logits): in each of the two dimensions the operands'
// sizes are equal or one of them is 1; the result takes the larger size. The backward pass sums
// the gradient over every broadcast dimension, so a 1×C bias receives the sum over rows.
// Shape key: R rows (data points), C columns (features); 1×1 is a scalar.
//
// Tape order. Every op appends its node when it is called, so the tape records ops in the order
// the C++ evaluates them, and backward sums a node's gradient contributions in reverse tape
// order. C++ leaves unspecified which operand of a binary operator (or which function argument)
// is evaluated first, and compilers differ; float addition is not associative. So an expression
// whose operands both add nodes, like `f(x) + g(x)`, could record them in another order on
// another compiler and move the result by an ulp. The rule that keeps native and WebAssembly
// bit-identical: both builds use clang, and code whose result must not depend on the compiler
// adds nodes from at most one operand per expression (name the others first, one per statement).
#pragma once

#include "autodiff/tape.h"

namespace vi {

// ops_matmul.cpp
Var matmul(Var a, Var b);  // (R×K)·(K×C) → R×C

// ops_dense.cpp: a fully connected layer in one node, the bias b (1×C) added to every row.
Var dense(Var x, Var w, Var b);       // (R×K)·(K×C) + 1×C → R×C
Var dense_relu(Var x, Var w, Var b);  // relu(x·W + b), R×C

// ops_binary.cpp (broadcasting)
Var operator+(Var a, Var b);
Var operator-(Var a, Var b);
Var operator*(Var a, Var b);  // elementwise
Var operator/(Var a, Var b);  // elementwise

// ops_unary.cpp (elementwise)
Var exp(Var x);
Var log(Var x);
Var tanh(Var x);
Var relu(Var x);
Var sigmoid(Var x);
Var gelu(Var x);      // x·Φ(x), Φ the standard normal's cdf
Var softplus(Var x);  // log(1 + eˣ), computed stably for any x
Var square(Var x);
Var sqrt(Var x);
Var scale(Var x, float s);  // s·x
Var shift(Var x, float c);  // x + c
inline Var operator-(Var x) {
  return scale(x, -1.f);
}
inline Var operator*(Var x, float s) {
  return scale(x, s);
}
inline Var operator*(float s, Var x) {
  return scale(x, s);
}
inline Var operator+(Var x, float c) {
  return shift(x, c);
}
inline Var operator+(float c, Var x) {
  return shift(x, c);
}
inline Var operator-(Var x, float c) {
  return shift(x, -c);
}
inline Var operator-(float c, Var x) {
  return shift(scale(x, -1.f), c);
}

// ops_reduce.cpp
Var sum(Var x);               // R×C → 1×1
Var mean(Var x);              // R×C → 1×1
Var sum_rows(Var x);          // R×C → 1×C, summing over rows
Var mean_rows(Var x);         // R×C → 1×C
Var sum_cols(Var x);          // R×C → R×1, summing over columns
Var log_sum_exp_cols(Var x);  // R×C → R×1: log Σ_j e^{x_rj}, stable for any magnitudes

// ops_shape.cpp
Var concat_cols(Var a, Var b);                // R×Ca, R×Cb → R×(Ca+Cb)
Var concat_rows(Var a, Var b);                // Ra×C, Rb×C → (Ra+Rb)×C
Var slice_cols(Var x, int start, int count);  // R×C → R×count
Var slice_rows(Var x, int start, int count);  // R×C → count×C
Var tile_rows(Var x, int k);                  // R×C → (k·R)×C: k copies stacked
Var fold_rows(Var x, int k);  // (k·R)×1 → R×k: column i holds rows iR…(i+1)R−1

// ops_loss.cpp
// Elementwise binary cross-entropy of targets y ∈ [0, 1] given logits x, stable for large |x|:
// max(x, 0) − x·y + log(1 + e^{−|x|}). Targets are data: no gradient flows to them.
Var bce_with_logits(Var logits, Var targets);

}  // namespace vi

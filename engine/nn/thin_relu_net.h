// A one-hidden-layer ReLU network with a single output, relu(x·W₁ + b₁)·W₂, as one tape node.
//
// The moons networks (2 inputs, 50 hidden units, 1 output, 1000 points) and regression's (1
// input, 20 or 50 hidden units, 8000 points) are bound by memory traffic, not arithmetic: as
// separate ops, a step sweeps the N×H hidden matrix about eleven times (write, read, zero its
// gradient, add the outer product g·W₂ᵀ, mask by the ReLU, and so on). This node keeps only the
// hidden activations and sweeps them twice, once forward and once backward (a third time when x
// needs a gradient). Gradients match the composition of dense_relu, dropout and dense (to
// rounding: the sums run in a different order), tested against it.
//
// Rows whose incoming gradient is zero or subnormal (|g| < 2⁻¹²⁶ ≈ 1.2e-38) are skipped: they
// contribute exactly zero, or amounts below the normal float range, which x86 processors compute
// in a slow microcode path (~100 cycles per vector operation). A confident classifier sends such
// gradients from many points: in the moons BNN's default run about 40% of the rows carry exactly
// zero (σ rounds to its target) and 4% a subnormal (logits below about −80); skipping them about
// halves the step's time on x86 (measure with `vilab bench --lab moons`).
#pragma once

#include "autodiff/ops.h"
#include "random/rng.h"

namespace vi {

// relu(x·W₁ + b₁)·W₂ for x R×K, W₁ K×H, b₁ 1×H, W₂ H×1 → R×1 (add the output bias after).
// With dropout_p > 0 the hidden units are dropped as dropout(·, p, true, rng) would, drawing the
// same mask from rng; rng may be null when dropout_p is 0. Meant for few inputs (K ≤ 4 or so):
// the hidden layer sums over K per entry without blocking.
Var thin_relu_net(Var x, Var w1, Var b1, Var w2, float dropout_p = 0.f, Rng* rng = nullptr);

}  // namespace vi

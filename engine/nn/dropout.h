// Inverted dropout: zero each unit with probability p and scale survivors by 1/(1−p).
//
// `active` is chosen per call, so the same network can train with dropout, predict with it kept on
// (Monte Carlo dropout), or predict deterministically (the plain network).
#pragma once

#include "autodiff/ops.h"
#include "random/rng.h"

namespace vi {

Var dropout(Tape& t, Var x, float p, bool active, Rng& rng);

// The mask dropout(·) would multiply by: entries 0 or 1/(1−p), shape rows × cols, drawn in
// row-major order by Rng::fill_bernoulli.
Matrix dropout_mask(Index rows, Index cols, float p, Rng& rng);
// The same draws into `mask`, resized to rows × cols (reusing its memory).
void fill_dropout_mask(Matrix& mask, Index rows, Index cols, float p, Rng& rng);

}  // namespace vi

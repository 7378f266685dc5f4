// Diagonal Normal distributions on the tape: log density, reparameterized sample, closed-form KL.
#pragma once

#include "autodiff/ops.h"
#include "random/rng.h"

namespace vi {

constexpr float kLog2Pi = 1.8378770664093453f;

// Elementwise log N(x | μ, e^{log_var}) = −½ log 2π − ½ log_var − (x−μ)² / (2e^{log_var}).
Var normal_log_prob(Var x, Var mean, Var log_var);

// Elementwise log N(x | μ, σ²) given σ.
Var normal_log_prob_std(Var x, Var mean, Var std);

// Elementwise log N(x | μ, σ²) for a fixed, known σ.
Var normal_log_prob_fixed(Var x, Var mean, float std);

// μ + σ∘ε with ε ~ N(0, I) drawn from rng: a draw whose gradient flows to μ and σ.
Var normal_rsample(Var mean, Var std, Rng& rng);

// Elementwise KL(N(μ, e^{log_var}) ‖ N(0, 1)) = ½(e^{log_var} + μ² − 1 − log_var).
Var kl_to_standard_normal(Var mean, Var log_var);

// Elementwise KL(N(μq, σq²) ‖ N(μp, σp²)) = log(σp/σq) + (σq² + (μq−μp)²)/(2σp²) − ½.
Var kl_normal(Var mean_q, Var std_q, Var mean_p, Var std_p);

// The same closed forms in double precision, for metrics and tests.
double normal_log_prob(double x, double mean, double var);
double kl_normal(double mean_q, double var_q, double mean_p, double var_p);

}  // namespace vi

// Diagonal Normal.
#include "distributions/normal.h"

#include <cmath>

namespace vi {

Var normal_log_prob(Var x, Var mean, Var log_var) {
  return (-0.5f * kLog2Pi - 0.5f * log_var) - square(x - mean) * exp(-log_var) * 0.5f;
}

Var normal_log_prob_std(Var x, Var mean, Var std) {
  return (-0.5f * kLog2Pi - log(std)) - square((x - mean) / std) * 0.5f;
}

Var normal_log_prob_fixed(Var x, Var mean, float std) {
  return -square(x - mean) * (0.5f / (std * std)) + (-0.5f * kLog2Pi - std::log(std));
}

Var normal_rsample(Var mean, Var std, Rng& rng) {
  const Index rows = std::max(mean.rows(), std.rows()), cols = std::max(mean.cols(), std.cols());
  return mean + std * mean.tape->constant(rng.normal_matrix(rows, cols));
}

Var kl_to_standard_normal(Var mean, Var log_var) {
  return (exp(log_var) + square(mean) - 1.f - log_var) * 0.5f;
}

Var kl_normal(Var mean_q, Var std_q, Var mean_p, Var std_p) {
  Var var_p = square(std_p);
  return (log(std_p) - log(std_q)) + (square(std_q) + square(mean_q - mean_p)) / (2.f * var_p) -
         0.5f;
}

double normal_log_prob(double x, double mean, double var) {
  const double d = x - mean;
  return -0.5 * (std::log(2.0 * M_PI * var) + d * d / var);
}

double kl_normal(double mean_q, double var_q, double mean_p, double var_p) {
  const double d = mean_q - mean_p;
  return 0.5 * (std::log(var_p / var_q) + (var_q + d * d) / var_p - 1.0);
}

}  // namespace vi

// A bound on the work of one engine call: a config whose estimated cost for a call is over the
// budget is refused with a ConfigError naming the call, the fields behind the cost and their
// values.
//
// Costs are counted in "products" (multiply-adds, or one exp/log term): a lab estimates, from its
// config alone, an upper bound on the products of each call (construction, one step round,
// views, metrics). kCallBudget keeps every call within about 2 s natively on the project's
// machine under load; scripts/bench_limits.mjs measures the calls at the budget's edge.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace vi {

// Products one call may take: about 1 s natively for GEMM-bound work on the project's machine.
constexpr double kCallBudget = 4e9;
// Terms one call may take when each is an exp or log in double (logistic's exact posterior and
// predictives, vae's exact likelihood): about 50× dearer than a product.
constexpr double kCallTermBudget = 8e7;

// One field behind a cost and its value, for the message.
using CostFactor = std::pair<std::string, double>;

struct WorkEstimate {
  std::string call;                 // "construction", "step", "views", "metrics"
  double units = 0.0;               // estimated products (or terms)
  double budget = kCallBudget;      // the bound
  std::vector<CostFactor> factors;  // the fields that set the cost, with their values
  std::string unit = "products";    // what units counts, for the message
};

// Throws ConfigError "<lab>: <call> would take <units> <unit> (field = v, …), over the
// <budget> one call may take; lower <fields>" for the first estimate over its budget.
void check_work(const std::string& lab, const std::vector<WorkEstimate>& estimates);

}  // namespace vi

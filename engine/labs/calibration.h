// Calibration of predictive distributions: reliability bins and expected calibration error for
// class probabilities, and observed against nominal coverage of central intervals for a
// continuous predictive, from each target's probability integral transform.
//
// Shapes: n predictions; B equal-width bins of [0, 1]; L nominal levels.
#pragma once

#include <vector>

#include "base/matrix.h"
#include "util/json.h"

namespace vi {

constexpr int kReliabilityBins = 10;

// Predicted probabilities p(y = 1 | x) grouped into B equal-width bins of [0, 1] (p = 1 joins the
// last bin). A bin's predicted is its mean p, its observed the fraction of its outcomes that are
// 1; both NaN for an empty bin. A calibrated predictor has observed ≈ predicted in every bin.
struct Reliability {
  std::vector<int> count;                   // B
  std::vector<double> predicted, observed;  // B
  double ece = NAN;  // Σ_b (count_b / n)·|observed_b − predicted_b|; NaN when n = 0
};

// From n probabilities and n outcomes (0 or 1; y n×1).
Reliability reliability(const std::vector<float>& prob, const Matrix& y,
                        int bins = kReliabilityBins);

// {count, predicted, observed} as arrays for a view (the ECE goes to the metrics); an empty bin
// has count 0 and 0 for its predicted and observed (NaN in Reliability).
Json reliability_json(const Reliability& r);

// A classifier's reliability on held-out points (fresh draws of the training process) and on
// far-away points (a lab's shifted version of it, labelled by the same process).
struct Calibration {
  Reliability held_out, far;
};

// metrics: eceHeldOut and eceFar; view: {heldOut: {count, predicted, observed}, far: {…}}.
void add_ece(Json& metrics, const Calibration& c);
Json calibration_view(const Calibration& c);

// The seed of a calibration set's own generator, from the lab's seed and a stream tag: the set
// never draws from, or shifts, a training stream.
uint64_t calibration_seed(int lab_seed, uint64_t stream);

// The nominal levels of the coverage curve: 0.05, 0.10, …, 0.95.
std::vector<double> nominal_levels();

// u = Φ((y − mean) / sd): where y falls in a Gaussian predictive's CDF (to float precision).
double gaussian_pit(double y, double mean, double sd);

// Observed coverage of the central interval at each nominal level a: the fraction of the n
// targets whose u = F(y) satisfies |2u − 1| ≤ a (between the (1 − a)/2 and (1 + a)/2 quantiles).
// Calibrated: coverage ≈ a at every level; a predictive too wide covers more (above the diagonal).
std::vector<double> coverage_curve(const std::vector<double>& pit,
                                   const std::vector<double>& levels);

// Mean |coverage − level| over the levels: how far the curve strays from the diagonal.
double coverage_error(const std::vector<double>& coverage, const std::vector<double>& levels);

}  // namespace vi

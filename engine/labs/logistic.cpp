// Lab 3, logistic: Bayesian logistic regression on two blobs — MAP, Laplace and mean-field VI side
// by side, against the exact posterior over the two weights on a grid.
//
// Shapes: N training points, x N×2, y N×1; weights w 2×1 (layers compute x·W), bias 1×1; G points
// of the display grid; S Monte Carlo weight samples (bias held at its point estimate).
//
// `objective` = exercise reproduces the original losses: MAP minimizes mean BCE + λ‖w‖², Laplace
// inverts that loss's Hessian, VI minimizes mean BCE + mean KL. `elbo` makes all three target the
// posterior under the prior N(0, priorVar·I): MAP minimizes mean BCE + ‖w‖²/(2·priorVar·N), Laplace
// inverts N times the Hessian of that mean loss, VI minimizes mean BCE + (Σ KL)/N. The exact panel
// always shows that posterior (prior N(0, priorVar·I), full likelihood), with the bias held at the
// optimum of the current objective's MAP loss, so the exercise's mis-scalings stay visible.
//
// `family` = fullCov gives VI a full-covariance q = N(μ, L·Lᵀ): the layer's σ's are L's diagonal
// and one more parameter is its off-diagonal L₁₀. VI's ELBO at q against the exact panel's
// posterior is estimated by Monte Carlo; log p(X) − ELBO = KL(q ‖ exact).
#include <cmath>

#include "config/work_budget.h"
#include "data/datasets.h"
#include "distributions/bernoulli.h"
#include "labs/calibration.h"
#include "labs/gaussian_q.h"
#include "labs/logistic_posterior.h"
#include "labs/logistic_vi.h"
#include "labs/own_points.h"
#include "labs/registry.h"
#include "nn/linear.h"
#include "optim/sgd.h"

namespace vi {
namespace {

constexpr int kTestPoints = 2000;
// Far-away points for the reliability diagrams: the two blobs with three times the spread, drawn
// from a stream of their own; a point's label is the blob that drew it (docs/labs.md).
constexpr int kFarPoints = 2000;
constexpr float kFarSpread = 3.f;
constexpr uint64_t kFarStream = 0xfa7;
constexpr int kMaxOwnPoints = 100;
constexpr float kCentre = 2.f;  // blobs at (−2, −2) and (2, 2)
// Draws behind VI's ELBO estimate in the metrics and behind each point of its history, from a
// stream restarted at every estimate, so successive estimates share their draws.
constexpr int kElboSamples = 4096, kElboHistorySamples = 256;
constexpr uint64_t kElboStream = 0xe1b0;
// The gradient-noise measurement's draws: a stream of their own, restarted at every measurement.
constexpr uint64_t kNoiseStream = 0x9015e;

std::vector<float> flat(const Vec2& v) {
  return {float(v[0]), float(v[1])};
}
std::vector<float> flat(const Mat2& m) {
  return {float(m[0]), float(m[1]), float(m[2]), float(m[3])};
}

// One method's predictive, evaluated on the display grid, the training set and the test set.
struct Scores {
  std::vector<float> grid;  // p(y = 1 | x) per grid point
  double accuracy = NAN, test_nll = NAN, entropy = NAN;
  Calibration calibration;  // held out: the test set
};

// p̄(xₚ) = (1/S) Σₛ σ(wₛ·xₚ + b) for the rows of `points` (P×2) and weight samples ws.
std::vector<float> predictive(const Matrix& points, const std::vector<Vec2>& ws, double b) {
  std::vector<float> out(size_t(points.rows()));
  for (Index p = 0; p < points.rows(); ++p) {
    const double x0 = points(p, 0), x1 = points(p, 1);
    double total = 0.0;
    for (const Vec2& w : ws) {
      const double z = w[0] * x0 + w[1] * x1 + b;
      total += z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : 1.0 - 1.0 / (1.0 + std::exp(z));
    }
    out[size_t(p)] = float(total / double(ws.size()));
  }
  return out;
}

// MAP: full-batch SGD on mean BCE + penalty·‖w‖² (penalty λ, or 1/(2·priorVar·N) under elbo).
class MapMethod : public TrainingMethod {
 public:
  MapMethod(const Config& c, const Dataset& train, double penalty, Rng& init)
      : TrainingMethod({"MAP", c.integer("map.steps"), "map.lr", 0.2f, {"loss"}}, Rng()),
        train_(train),
        penalty_(penalty),
        layer_("map", 2, 1, Init::FanInUniform, init) {
    ParameterList params;
    layer_.collect(params);
    set_optimizer(std::make_unique<Sgd>(params, c.real("map.lr")));
  }

  Vec2 w() const { return {layer_.weight().value(0, 0), layer_.weight().value(1, 0)}; }
  double b() const { return layer_.bias().value(0, 0); }

 protected:
  double train_step() override {
    tape_.clear();
    Var logits = layer_.forward(tape_, tape_.constant(train_.x));  // N×1
    Var w = tape_.param(layer_.weight());                          // 2×1
    Var loss =
        mean(bce_with_logits(logits, tape_.constant(train_.y))) + sum(square(w)) * float(penalty_);
    return minimize(loss);
  }

 private:
  const Dataset& train_;
  double penalty_;
  Linear layer_;
};

class Logistic : public Lab {
 public:
  explicit Logistic(const Config& c)
      : elbo_(c.choice("objective") == "elbo"),
        prior_var_(c.number("priorVar")),
        std_(c.real("std")) {
    Rng rng(uint64_t(c.integer("seed")));
    const float sd = c.real("std");
    const Dataset blobs =
        make_blobs(c.integer("points"), -kCentre, -kCentre, kCentre, kCentre, sd, rng);
    // The display grid follows the exercise's data, so a point of the student's never moves it.
    exercise_lo_ = blobs.x.colwise().minCoeff();
    exercise_hi_ = blobs.x.colwise().maxCoeff();
    // The student's points train every method and the exact posterior; the test set stays the
    // exercise's.
    train_ = with_own_points(blobs, c.points("data"));
    test_ = make_blobs(kTestPoints, -kCentre, -kCentre, kCentre, kCentre, sd, rng);
    Rng far_rng(calibration_seed(c.integer("seed"), kFarStream));
    far_ = make_blobs(kFarPoints, -kCentre, -kCentre, kCentre, kCentre, kFarSpread * sd, far_rng);
    const double n = double(train_.size());
    map_penalty_ = elbo_ ? 1.0 / (2.0 * prior_var_ * n) : c.number("map.weightDecay");
    map_ = std::make_unique<MapMethod>(c, train_, map_penalty_, rng);
    vi_ = std::make_unique<LogisticVi>(c, train_, elbo_, float(prior_var_), Rng(rng.next_u32()));
    add_method(*map_);
    add_method(*vi_);
    display_seed_ = rng.next_u32();
    const MapOptimum optimum = map_optimum(train_.x, train_.y, map_penalty_);
    exact_space_ = std::make_unique<WeightSpace>(train_.x, train_.y, optimum.bias);
    set_display(c);
    vi_->set_gap_probe([this](const GaussianQ& q) {
      return std::array<float, 2>{
          float(kl_to_exact(*exact_space_, prior_var_, exact_, q.mean, q.cov(), 8)),
          float(exact_.log_evidence - elbo_at(q, kElboHistorySamples).value)};
    });
  }

  Json metrics() override {
    evaluate();
    Json m = Json::object();
    Json map = scores_json(map_scores_);
    map["w"] = flat(map_->w());
    map["b"] = map_->b();
    if (map_->steps_done() > 0) map["loss"] = map_->loss();  // once a method has stepped
    Json laplace = scores_json(laplace_scores_);
    laplace["mean"] = flat(map_->w());
    laplace["cov"] = flat(laplace_cov_);
    laplace["klToExact"] = laplace_kl_;
    Json vi = scores_json(vi_scores_);
    vi["mean"] = flat(vi_->weight_mean());
    vi["var"] = flat(vi_->weight_var());
    vi["cov"] = flat(vi_->cov());
    vi["b"] = vi_->b();
    if (vi_->steps_done() > 0) vi["loss"] = vi_->loss();
    vi["klToExact"] = vi_kl_;
    // The gap: log p(X) from the exact panel's grid, less the ELBO at q for that posterior.
    vi["elboEstimate"] = vi_elbo_.value;
    vi["elboStdError"] = vi_elbo_.standard_error;
    vi["elboGap"] = exact_.log_evidence - vi_elbo_.value;
    // The ELBO gradient's noise at VI's q, per estimator and MC sample count.
    if (noise_version_ != vi_->version()) {
      Rng noise_rng(kNoiseStream);
      vi_noise_ = vi_->gradient_noise(noise_rng);
      noise_version_ = vi_->version();
    }
    write_gradient_noise(vi, vi_noise_);
    m["map"] = map;
    m["laplace"] = laplace;
    m["vi"] = vi;
    m["exact"] = exact_json();
    return m;
  }

  Json views() override {
    evaluate();
    Json v = Json::object();
    v["x"] = std::vector<float>(train_.x.data(), train_.x.data() + train_.x.size());
    v["y"] = std::vector<float>(train_.y.data(), train_.y.data() + train_.y.size());
    write_grid(v, "grid", box_);
    Json map = Json::object(), laplace = Json::object(), vi = Json::object();
    map["prob"] = map_scores_.grid;
    map["w"] = flat(map_->w());
    map["b"] = map_->b();
    map_->history().export_to(map);
    map["reliability"] = calibration_view(map_scores_.calibration);
    laplace["reliability"] = calibration_view(laplace_scores_.calibration);
    vi["reliability"] = calibration_view(vi_scores_.calibration);
    laplace["prob"] = laplace_scores_.grid;
    laplace["mean"] = flat(map_->w());
    laplace["cov"] = flat(laplace_cov_);
    vi["prob"] = vi_scores_.grid;
    vi["mean"] = flat(vi_->weight_mean());
    vi["var"] = flat(vi_->weight_var());
    vi["cov"] = flat(vi_->cov());
    vi_->history().export_to(vi);
    Json exact = exact_json();
    exact["density"] = exact_.density;
    write_grid(exact, "", exact_.box);
    v["map"] = map;
    v["laplace"] = laplace;
    v["vi"] = vi;
    v["exact"] = exact;
    v["farStd"] = kFarSpread * std_;
    return v;
  }

 private:
  void apply_settings(const Config& c, const std::vector<std::string>&) override { set_display(c); }

  // The predictives' draws, the exact posterior's grid and the maps' grid; forgets the scores.
  void set_display(const Config& c) {
    // Fixed standard-normal draws for the predictives: views move smoothly with the weights and
    // never touch the training generator.
    Rng display(display_seed_);
    const int samples = c.integer("samples");
    eps_.clear();
    for (int s = 0; s < samples; ++s) eps_.push_back({display.normal(), display.normal()});

    exact_ = exact_posterior(*exact_space_, prior_var_, c.integer("exactGrid"));

    // The display grid spans twice the data's extent (plus a margin), as in the original plots.
    const Matrix &lo = exercise_lo_, &hi = exercise_hi_;
    const int g = c.integer("gridSize");
    box_ = {2.0 * (lo(0, 0) - 0.4),
            2.0 * (hi(0, 0) + 0.4),
            2.0 * (lo(0, 1) - 0.4),
            2.0 * (hi(0, 1) + 0.4),
            g,
            g};
    grid_points_.resize(g * g, 2);
    for (int j = 0; j < g; ++j)
      for (int i = 0; i < g; ++i) grid_points_.row(j * g + i) << box_.x(i), box_.y(j);
    evaluated_map_ = evaluated_vi_ = -1;
  }

  // Laplace at the current MAP weights: exercise Σ = (∇²L)⁻¹, elbo Σ = (N·∇²L)⁻¹.
  void update_laplace() {
    const WeightSpace ws(train_.x, train_.y, map_->b());
    laplace_cov_ = inverse(ws.mean_loss_hessian(map_->w(), map_penalty_));
    if (elbo_)
      for (double& c : laplace_cov_) c /= double(train_.size());
  }

  // Laplace, predictives, accuracies, test NLL, entropies and KLs, recomputed when a method's
  // parameters changed.
  void evaluate() {
    if (evaluated_map_ == map_->version() && evaluated_vi_ == vi_->version()) return;
    update_laplace();
    const Vec2 w = map_->w(), m = vi_->weight_mean(), var = vi_->weight_var();
    const GaussianQ q = vi_->q();
    // Laplace samples m + L·ε with Σ = L·Lᵀ; VI samples μ + σ∘ε, or μ + L·ε for fullCov.
    const double l00 = std::sqrt(laplace_cov_[0]), l10 = laplace_cov_[2] / l00;
    const double l11 = std::sqrt(std::max(laplace_cov_[3] - l10 * l10, 0.0));
    std::vector<Vec2> laplace_ws, vi_ws;
    for (const Vec2& e : eps_) {
      laplace_ws.push_back({w[0] + l00 * e[0], w[1] + l10 * e[0] + l11 * e[1]});
      if (vi_->full())
        vi_ws.push_back(q.at(e[0], e[1]));
      else
        vi_ws.push_back({m[0] + std::sqrt(var[0]) * e[0], m[1] + std::sqrt(var[1]) * e[1]});
    }
    map_scores_ = score({w}, map_->b());
    laplace_scores_ = score(laplace_ws, map_->b());
    vi_scores_ = score(vi_ws, vi_->b());
    laplace_kl_ = kl_to_exact(*exact_space_, prior_var_, exact_, w, laplace_cov_);
    vi_kl_ = kl_to_exact(*exact_space_, prior_var_, exact_, m, vi_->cov());
    vi_elbo_ = elbo_at(q, kElboSamples);
    evaluated_map_ = map_->version();
    evaluated_vi_ = vi_->version();
  }

  // ELBO(q) for the exact panel's posterior (its bias, prior N(0, priorVar·I), full likelihood).
  ElboEstimate elbo_at(const GaussianQ& q, int samples) const {
    Rng elbo_rng(kElboStream);
    const auto log_joint = [this](double w0, double w1) {
      return exact_space_->log_joint(w0, w1, prior_var_);
    };
    return elbo_estimate(log_joint, q, samples, elbo_rng);
  }

  Scores score(const std::vector<Vec2>& ws, double b) const {
    Scores s;
    s.grid = predictive(grid_points_, ws, b);
    double entropy = 0.0;
    for (float p : s.grid) entropy += bernoulli_entropy(p);
    s.entropy = entropy / double(s.grid.size());
    const std::vector<float> train = predictive(train_.x, ws, b);
    int correct = 0;
    for (Index i = 0; i < train_.size(); ++i)
      correct += (train[size_t(i)] >= 0.5f) == (train_.y(i, 0) > 0.5f);
    s.accuracy = double(correct) / double(train_.size());
    const std::vector<float> test = predictive(test_.x, ws, b);
    double nll = 0.0;
    for (Index i = 0; i < test_.size(); ++i) nll += bernoulli_nll(test[size_t(i)], test_.y(i, 0));
    s.test_nll = nll / double(test_.size());
    s.calibration = {reliability(test, test_.y), reliability(predictive(far_.x, ws, b), far_.y)};
    return s;
  }

  static Json scores_json(const Scores& s) {
    Json j = Json::object();
    j["accuracy"] = s.accuracy;
    j["testNll"] = s.test_nll;
    j["entropy"] = s.entropy;
    add_ece(j, s.calibration);
    return j;
  }

  Json exact_json() const {
    Json e = Json::object();
    e["mean"] = flat(exact_.mean);
    e["cov"] = flat(exact_.cov);
    e["mode"] = flat(exact_.mode);
    e["cell"] = std::vector<float>{float(exact_.box.dx()), float(exact_.box.dy())};
    e["bias"] = exact_space_->bias();
    e["logEvidence"] = exact_.log_evidence;
    return e;
  }

  bool elbo_;
  double prior_var_;
  float std_;  // the blobs' standard deviation
  double map_penalty_ = 0.0;
  Dataset train_, test_, far_;
  Matrix exercise_lo_, exercise_hi_;  // 1×2: the exercise's data's extent
  std::unique_ptr<MapMethod> map_;
  std::unique_ptr<LogisticVi> vi_;
  uint32_t display_seed_ = 0;
  std::vector<Vec2> eps_;  // S standard-normal pairs
  std::unique_ptr<WeightSpace> exact_space_;
  ExactPosterior exact_;
  GridBox box_{};
  Matrix grid_points_;                          // G×2
  int evaluated_map_ = -1, evaluated_vi_ = -1;  // the versions the scores below describe
  Mat2 laplace_cov_{};
  Scores map_scores_, laplace_scores_, vi_scores_;
  double laplace_kl_ = NAN, vi_kl_ = NAN;
  ElboEstimate vi_elbo_;
  GradientNoise vi_noise_;
  int noise_version_ = -1;  // VI's version vi_noise_ describes
};

// Upper bounds on each call's exp/log terms. Construction: the exact posterior's coarse passes
// ((exactGrid/2)² nodes, up to 9 of them while the box widens) and its fine pass (exactGrid²
// nodes), each node a sum over the training points; MAP's Newton solve (100 iterations, 40
// halvings). metrics() and views() after new weights: the three predictives on the display grid and
// the training, test and far-away sets, two KLs to the exact posterior (32² nodes each), VI's
// ELBO and its gradient's noise.
std::vector<WorkEstimate> logistic_work(const Config& c) {
  const double points = c.integer("points") + c.points("data").count(),
               exact = c.integer("exactGrid");
  const double coarse = std::max(16.0, std::floor(exact / 2));
  const double samples = c.integer("samples"), grid = c.integer("gridSize");
  return {{"construction",
           points * (9 * coarse * coarse + exact * exact + 100 * 41),
           kCallTermBudget,
           {{"points", points}, {"exactGrid", exact}},
           "exp/log terms"},
          {"metrics and views",
           (2 * samples + 1) * (grid * grid + points + kTestPoints + kFarPoints) +
               (2 * 32 * 32 + kElboSamples) * points + LogisticVi::noise_terms(int(points)),
           kCallTermBudget,
           {{"samples", samples}, {"gridSize", grid}, {"points", points}},
           "exp/log terms"}};
}

Schema logistic_schema() {
  return {
      labelled_points_field(-10, 10, -10, 10, kMaxOwnPoints),
      integer_field("points", "Training points", 400, 20, 5000, "Data",
                    "Training points, half in each blob."),
      number_field("std", "Blob standard deviation", 0.8, 0.05, 5, "Data",
                   "Standard deviation of each blob."),
      choice_field("objective", "Objective", "exercise", {"exercise", "elbo"}, "Model",
                   "exercise: the original losses; elbo: every method targets the posterior "
                   "under the prior N(0, priorVar·I) shown in the weight panel."),
      number_field("priorVar", "Prior variance", 4, 0.01, 1000, "Model",
                   "Prior variance of each weight (VI's prior and the exact posterior's).", "",
                   true),
      choice_field("family", "VI family", "meanField", {"meanField", "fullCov"}, "Model",
                   "meanField: VI's q = N(μ, diag σ²), the exercise's; fullCov: q = N(μ, L·Lᵀ) "
                   "with L lower-triangular (Cholesky), so q can tilt with the posterior."),
      number_field("map.weightDecay", "MAP weight decay λ", 5e-2, 0, 10, "Model",
                   "λ in the MAP loss mean BCE + λ‖w‖² (exercise objective only)."),
      number_field("map.lr", "MAP learning rate", 0.2, 1e-4, 1000, "Training",
                   "SGD learning rate of MAP.", "", true),
      integer_field("map.steps", "MAP steps", 20, 0, 100000, "Training",
                    "Full-batch SGD steps of MAP."),
      number_field("vi.lr", "VI learning rate", 0.1, 1e-4, 1000, "Training",
                   "SGD learning rate of VI.", "", true),
      integer_field("vi.steps", "VI steps", 40, 0, 100000, "Training",
                    "Full-batch SGD steps of VI."),
      integer_field("samples", "Monte Carlo weight samples", 400, 1, 5000, "Display",
                    "Monte Carlo weight samples for the Laplace and VI predictives."),
      integer_field("gridSize", "Map resolution", 80, 20, 200, "Display",
                    "Points per side of the predictive maps' grid."),
      integer_field("exactGrid", "Exact-posterior grid", 96, 16, 512, "Display",
                    "Points per side of the exact posterior's grid in weight space."),
      seed_field(),
  };
}

LabInfo logistic_lab() {
  return {"logistic",
          30,
          "Bayesian logistic regression: MAP, Laplace, VI",
          "How sure is a linear classifier, and how well do Laplace and VI capture it?",
          "Lab 3-b, part I: approximate inference in classification (Bayesian logistic regression)",
          // Live fields apply at the next step; Display fields are view; the rest restart.
          mark_kinds(logistic_schema(), {"map.lr", "map.steps", "vi.lr", "vi.steps"}),
          [](const Config& c) { check_work("logistic", logistic_work(c)); },
          [](const Config& c) { return std::make_unique<Logistic>(c); },
          {{"logistic/map", {{"vi.steps", RawValue::of_number(0)}}},
           {"logistic/vi", {{"map.steps", RawValue::of_number(0)}}}},
          {{"map", {"map", "laplace"}, 0.01}, {"vi", {"vi"}, 0.01}},
          {}};
}

const LabRegistrar registrar(logistic_lab);

}  // namespace

}  // namespace vi

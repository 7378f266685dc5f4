// Lab 1, localization: amortized Gaussian VI for a target's position from sensor readings.
//
// Shapes: L sensors, N readings each; the readings X (L×N) enter both networks as one 1×LN row.
// q(z|X) = N(μ(X), diag exp(logvar(X))), μ and logvar each a LN→hidden(tanh)→2 network; with
// family = fullCov, q(z|X) = N(μ(X), L·Lᵀ) and the second network's head is 3 wide: log L₀₀²,
// log L₁₁² (the mean-field logvar) and β = L₁₀ / L₀₀, the slope of z₁ on z₀ under q
// (z₁ − μ₁ = β·(z₀ − μ₀) + L₁₁ε₁). The slope is scale-free: a network output of order one,
// which one-sample noise moves by a fraction of itself, where L₁₀ itself (of the order of the
// posterior's sd) would be swamped by it.
#include <cmath>

#include "data/datasets.h"
#include "labs/gradient_noise.h"
#include "labs/localization_model.h"
#include "labs/localization_objective.h"
#include "labs/registry.h"
#include "nn/mlp.h"
#include "optim/adam.h"

namespace vi {
namespace {

constexpr int kMaxSensors = 6;  // the original exercise places 3
// The plane drawn on the page, and the lattice sizes of its density and of the close-up's.
constexpr double kPlaneHalfWidth = 5.0;
constexpr int kPlaneNodes = 121, kCloseNodes = 97;
// Draws behind the ELBO estimate in the metrics (standard error about 0.01 nats at the default
// q) and behind each point of its history; each estimate restarts its own stream, so successive
// estimates share their draws and the gap curve moves only with q.
constexpr int kElboSamples = 16384, kElboHistorySamples = 256;
constexpr uint64_t kElboStream = 0xe1b0;
// The gradient-noise panel: 200 estimates of 64 samples (a variance known to about ±10 %), and
// 800, 3 200, 12 800 of 16, 4, 1 from the same 12 800 draws, from a stream of their own.
const std::vector<int> kNoiseSamples{1, 4, 16, 64};
constexpr int kNoiseReplicates = 200;
constexpr uint64_t kNoiseStream = 0x9015e;

class Localization : public SingleMethodLab {
 public:
  // One stream, as in the original exercise: the readings, then the initial weights, then the
  // training noise.
  explicit Localization(const Config& c)
      : SingleMethodLab(
            {"", c.integer("steps"), "lr", 0.01f, {"elbo", "loglik", "kl", "klToExact", "elboGap"}},
            Rng(uint64_t(c.integer("seed")))),
        mc_samples_(c.integer("mcSamples")),
        lr_(c.real("lr")),
        lr_decay_(c.flag("lrDecay")),
        shared_noise_(c.choice("noise") == "shared"),
        posterior_samples_(c.integer("posteriorSamples")),
        full_(c.choice("family") == "fullCov"),
        score_(c.choice("estimator") == "score") {
    const PointList& placed = c.points("sensors");
    Matrix sensors(placed.count(), 2);
    for (int k = 0; k < placed.count(); ++k)
      sensors.row(k) << float(placed.at(k, 0)), float(placed.at(k, 1));
    target_ = {c.real("targetX"), c.real("targetY")};
    Matrix readings = sensor_readings(sensors, target_[0], target_[1], c.real("A"),
                                      c.real("noiseVar"), c.integer("readingsPerSensor"), rng_);
    model_ = SensorModel(sensors, readings, c.number("A"), c.number("noiseVar"));
    input_ = Eigen::Map<const Matrix>(readings.data(), 1, readings.size());

    const int in = int(model_.readings().size()), hidden = c.integer("hidden");
    mean_net_ = std::make_unique<Mlp>("mean", std::vector<int>{in, hidden, 2}, Activation::Tanh,
                                      Init::FanInUniform, rng_);
    logvar_net_ = std::make_unique<Mlp>("logvar", std::vector<int>{in, hidden, full_ ? 3 : 2},
                                        Activation::Tanh, Init::FanInUniform, rng_);
    ParameterList params;
    mean_net_->collect(params);
    logvar_net_->collect(params);
    set_optimizer(std::make_unique<Adam>(params, lr_));

    exact_ = exact_posterior(model_);
    density_ = posterior_density(model_, -kPlaneHalfWidth, kPlaneHalfWidth, -kPlaneHalfWidth,
                                 kPlaneHalfWidth, kPlaneNodes, kPlaneNodes);
    // The close-up lattice: ±4.5 sd of the exact posterior's widest direction.
    const double half = std::max(0.15, 4.5 * std::sqrt(std::max(exact_.cov[0], exact_.cov[3])));
    close_box_ = {exact_.mean[0] - half, exact_.mean[0] + half, exact_.mean[1] - half,
                  exact_.mean[1] + half};
    close_density_ = posterior_density(model_, close_box_[0], close_box_[1], close_box_[2],
                                       close_box_[3], kCloseNodes, kCloseNodes);
    update_q();
  }

  Json metrics() override {
    Json m = Json::object();
    m["elbo"] = elbo();
    m["loglik"] = loglik();
    m["kl"] = kl();
    m["mean"] = std::vector<float>{float(q_mean_[0]), float(q_mean_[1])};
    m["var"] = std::vector<float>{float(q_var_[0]), float(q_var_[1])};
    const auto [avg_mean, avg_var] = averaged_q();
    m["avgMean"] = std::vector<float>{float(avg_mean[0]), float(avg_mean[1])};
    m["avgVar"] = std::vector<float>{float(avg_var[0]), float(avg_var[1])};
    m["exactMean"] = std::vector<float>{float(exact_.mean[0]), float(exact_.mean[1])};
    m["exactCov"] = std::vector<float>(exact_.cov.begin(), exact_.cov.end());
    m["klToExact"] = kl_current(20);
    m["klToExactAvg"] = full_ ? kl_to_exact(model_, exact_, averaged_gaussian())
                              : kl_to_exact(model_, exact_, avg_mean.data(), avg_var.data());
    // The gap: log p(X) from the grid, less the ELBO at q for the observed readings.
    m["cov"] = flat(current_q().cov());
    m["avgCov"] = flat(averaged_gaussian().cov());
    const ElboEstimate elbo = elbo_at_q(kElboSamples);
    m["logEvidence"] = exact_.log_evidence;
    m["elboEstimate"] = elbo.value;
    m["elboStdError"] = elbo.standard_error;
    m["elboGap"] = exact_.log_evidence - elbo.value;
    // The gradient's noise at q: total variance per estimator and MC sample count.
    Rng noise_rng(kNoiseStream);
    const auto log_joint = [this](double z0, double z1) {
      const std::array<double, 2> g = model_.log_joint_gradient(z0, z1);
      return std::array<double, 3>{model_.log_joint(z0, z1), g[0], g[1]};
    };
    const GradientNoise noise =
        gradient_noise(log_joint, current_q(), kNoiseSamples, kNoiseReplicates, noise_rng);
    write_gradient_noise(m, noise);
    return m;
  }

  Json views() override {
    Json v = Json::object();
    v["sensors"] = std::vector<float>(model_.sensors().data(),
                                      model_.sensors().data() + model_.sensors().size());
    v["target"] = std::vector<float>{target_[0], target_[1]};
    v["readings"] = std::vector<float>(model_.readings().data(),
                                       model_.readings().data() + model_.readings().size());
    v["mean"] = std::vector<float>{float(q_mean_[0]), float(q_mean_[1])};
    v["var"] = std::vector<float>{float(q_var_[0]), float(q_var_[1])};
    const auto [avg_mean, avg_var] = averaged_q();
    v["avgMean"] = std::vector<float>{float(avg_mean[0]), float(avg_mean[1])};
    v["avgVar"] = std::vector<float>{float(avg_var[0]), float(avg_var[1])};
    v["exactMean"] = std::vector<float>{float(exact_.mean[0]), float(exact_.mean[1])};
    v["exactCov"] = std::vector<float>(exact_.cov.begin(), exact_.cov.end());
    v["cov"] = flat(current_q().cov());
    v["avgCov"] = flat(averaged_gaussian().cov());
    // The same standard-normal draws every frame, moved by the current q: samples glide smoothly.
    // With shared noise q samples as it trains, one ε for both coordinates.
    Rng display_rng(0x5eed);
    std::vector<float> samples(size_t(2 * posterior_samples_));
    for (int s = 0; s < posterior_samples_; ++s)
      if (full_) {
        const double e0 = display_rng.normal();
        const double e1 = shared_noise_ ? e0 : display_rng.normal();
        samples[size_t(2 * s)] = float(q_mean_[0] + q_chol_[0] * e0);
        samples[size_t(2 * s + 1)] = float(q_mean_[1] + q_chol_[1] * e0 + q_chol_[2] * e1);
      } else {
        const double shared = shared_noise_ ? display_rng.normal() : 0.0;
        for (int d = 0; d < 2; ++d)
          samples[size_t(2 * s + d)] =
              float(q_mean_[size_t(d)] +
                    std::sqrt(q_var_[size_t(d)]) * (shared_noise_ ? shared : display_rng.normal()));
      }
    v["samples"] = samples;
    // Densities on node lattices (edges included), row j at y = y0 + j·(y1 − y0)/(ny − 1).
    v["density"] = density_;
    write_grid_nodes(v, "grid", -kPlaneHalfWidth, kPlaneHalfWidth, -kPlaneHalfWidth,
                     kPlaneHalfWidth, kPlaneNodes, kPlaneNodes);
    v["closeDensity"] = close_density_;
    write_grid_nodes(v, "close", close_box_[0], close_box_[1], close_box_[2], close_box_[3],
                     kCloseNodes, kCloseNodes);
    history_.export_to(v);
    return v;
  }

 private:
  // One Adam step on the negative ELBO, its gradient by the chosen estimator.
  double train_step() override {
    if (lr_decay_) optimizer_->set_lr(lr_ / (1.f + float(steps_done()) / 1000.f));
    tape_.clear();
    Var x = tape_.constant(input_);
    Var mu = mean_net_->forward(tape_, x);      // 1×2
    Var head = logvar_net_->forward(tape_, x);  // 1×2, or 1×3 for fullCov
    const LocalizationObjective objective{model_, full_, shared_noise_, mc_samples_};
    const ObjectiveStep step =
        score_ ? objective.score(mu, head, rng_) : objective.reparam(mu, head, rng_);
    tape_.backward(step.backward);
    optimizer_->step();
    report_term(0, step.loglik);
    report_term(1, step.kl);
    return step.loss;
  }

  double elbo() const { return -loss(); }
  double loglik() const { return term(0); }
  double kl() const { return term(1); }

  void after_step() override {
    update_q();
    trajectory_.push_back({float(q_mean_[0]), float(q_mean_[1]), float(q_logvar_[0]),
                           float(q_logvar_[1]), float(q_slope_)});
    if (steps_done() > budget() / 2) accumulate_average(trajectory_.back());
  }

  void apply_settings(const Config& c, const std::vector<std::string>& changed) override {
    posterior_samples_ = c.integer("posteriorSamples");
    mc_samples_ = c.integer("mcSamples");
    lr_ = c.real("lr");
    lr_decay_ = c.flag("lrDecay");
    score_ = c.choice("estimator") == "score";
    if (has(changed, "lrDecay") && !lr_decay_) set_learning_rate(lr_);
    // The average covers the second half of the current budget: recomputed from q's trajectory
    // in the order a run of that budget accumulates it, so continuing equals a fresh run.
    if (has(changed, "steps")) {
      averaged_ = 0;
      avg_mean_ = {};
      avg_logvar_ = {};
      avg_slope_ = 0.0;
      for (int s = budget() / 2 + 1; s <= steps_done(); ++s)
        accumulate_average(trajectory_[size_t(s - 1)]);
    }
  }

  void after_rollback() override { update_q(); }  // q of the restored weights

  void record_history(int step) override {
    if (!history_.wants(step)) return;
    const double gap = exact_.log_evidence - elbo_at_q(kElboHistorySamples).value;
    history_.record(
        step, {float(elbo()), float(loglik()), float(kl()), float(kl_current(8)), float(gap)});
  }

  // KL(q ‖ exact); a mean-field q through the diagonal quadrature the lab has always used.
  double kl_current(int nodes) const {
    if (full_) return kl_to_exact(model_, exact_, current_q(), nodes);
    return kl_to_exact(model_, exact_, q_mean_.data(), q_var_.data(), nodes);
  }

  // The ELBO at q for the observed readings, from its own stream restarted at every call.
  ElboEstimate elbo_at_q(int samples) const {
    Rng elbo_rng(kElboStream);
    const auto log_joint = [this](double z0, double z1) { return model_.log_joint(z0, z1); };
    return elbo_estimate(log_joint, current_q(), samples, elbo_rng);
  }

  GaussianQ current_q() const { return {q_mean_, q_chol_}; }

  GaussianQ averaged_gaussian() const {
    const auto [mean, var] = averaged_q();
    const double slope = averaged_ == 0 ? q_slope_ : avg_slope_;
    return {mean, {std::sqrt(var[0]), slope * std::sqrt(var[0]), std::sqrt(var[1])}};
  }

  static std::vector<float> flat(const std::array<double, 4>& m) {
    return {float(m[0]), float(m[1]), float(m[2]), float(m[3])};
  }

  // q at the current weights (the networks' outputs for this X).
  void update_q() {
    eval_tape_.clear();
    Var x = eval_tape_.constant(input_);
    const Matrix mu = mean_net_->forward(eval_tape_, x).value();
    const Matrix logvar = logvar_net_->forward(eval_tape_, x).value();
    for (int d = 0; d < 2; ++d) {
      q_mean_[size_t(d)] = mu(0, d);
      q_var_[size_t(d)] = std::exp(double(logvar(0, d)));
      q_logvar_[size_t(d)] = logvar(0, d);
    }
    q_slope_ = full_ ? double(logvar(0, 2)) : 0.0;
    q_chol_ = {std::sqrt(q_var_[0]), q_slope_ * std::sqrt(q_var_[0]), std::sqrt(q_var_[1])};
  }

  // Running average of μ, log-variance and the slope β over the second half of training;
  // q = (μ, log L₀₀², log L₁₁², β).
  void accumulate_average(const std::array<float, 5>& q) {
    ++averaged_;
    for (int d = 0; d < 2; ++d) {
      avg_mean_[size_t(d)] += (double(q[size_t(d)]) - avg_mean_[size_t(d)]) / averaged_;
      avg_logvar_[size_t(d)] += (double(q[size_t(2 + d)]) - avg_logvar_[size_t(d)]) / averaged_;
    }
    avg_slope_ += (double(q[4]) - avg_slope_) / averaged_;
  }

  std::pair<std::array<double, 2>, std::array<double, 2>> averaged_q() const {
    if (averaged_ == 0) return {q_mean_, q_var_};
    return {avg_mean_, {std::exp(avg_logvar_[0]), std::exp(avg_logvar_[1])}};
  }

  int mc_samples_;
  float lr_;
  bool lr_decay_;
  bool shared_noise_;  // one ε for both coordinates of z, as the original template
  int posterior_samples_;
  bool full_;   // family = fullCov
  bool score_;  // estimator = score: the score-function gradient, else reparameterization
  SensorModel model_;
  std::array<float, 2> target_{};
  Matrix input_;  // 1 × LN
  std::unique_ptr<Mlp> mean_net_, logvar_net_;
  Tape eval_tape_;
  GridPosterior exact_;
  std::vector<float> density_, close_density_;
  std::array<double, 4> close_box_{};  // x0, x1, y0, y1
  std::array<double, 2> q_mean_{}, q_var_{}, q_logvar_{};
  std::array<double, 3> q_chol_{};  // L₀₀, L₁₀, L₁₁
  double q_slope_ = 0.0;            // β = L₁₀ / L₀₀
  std::array<double, 2> avg_mean_{}, avg_logvar_{};
  double avg_slope_ = 0.0;
  int averaged_ = 0;
  // q after every step (μ, log σ², β; floats, as the networks give them): a raised budget moves
  // the averaged half.
  std::vector<std::array<float, 5>> trajectory_;
};

// A sensor exactly on the target reads A / 0: every reading infinite, the posterior undefined.
void check_sensors_off_target(const Config& c) {
  const PointList& sensors = c.points("sensors");
  for (int k = 0; k < sensors.count(); ++k) {
    if (float(sensors.at(k, 0)) != c.real("targetX") ||
        float(sensors.at(k, 1)) != c.real("targetY"))
      continue;
    throw ConfigError("localization: field 'sensors' sensor " + std::to_string(k + 1) + " (x = " +
                      Json(sensors.at(k, 0)).dump() + ", y = " + Json(sensors.at(k, 1)).dump() +
                      ") is exactly on the target (targetX, targetY): its readings would be "
                      "infinite; move the sensor or the target");
  }
}

// The score function weighs each z by q's density; shared noise draws z off that density (on a
// line), so the estimate would have nothing to do with q's gradient.
void check_estimator_noise(const Config& c) {
  if (c.choice("estimator") != "score" || c.choice("noise") != "shared") return;
  throw ConfigError(
      "localization: field 'estimator' = score needs field 'noise' = independent (it is shared): "
      "the score function weighs each z by q's density, and shared noise's samples (all on one "
      "line) do not follow it; set noise to independent or estimator to reparam");
}

Schema localization_schema() {
  return {
      points_field("sensors", "Sensors", {{"x", -5, 5}, {"y", -5, 5}}, kMaxSensors, "Data",
                   "Sensor positions: drag a sensor on the plot, click an empty spot to add one, "
                   "right-click or Delete to remove one (1 to 6); written x,y_x,y.",
                   1, "0.5,1_3.5,1_2,3"),
      number_field("targetX", "Target x", -1, -5, 5, "Data",
                   "True target, x coordinate (what we infer)."),
      number_field("targetY", "Target y", 2, -5, 5, "Data", "True target, y coordinate."),
      number_field("A", "Attenuation A", 10, 0.1, 50, "Data",
                   "Attenuation A: how fast the signal fades with distance."),
      number_field("noiseVar", "Noise variance σ²", 5, 0.01, 100, "Data",
                   "Noise variance σ² of every reading.", "", true),
      integer_field("readingsPerSensor", "Readings per sensor N", 5, 1, 50, "Data",
                    "Readings N per sensor."),
      integer_field("hidden", "Hidden units per network", 50, 1, 500, "Model",
                    "Hidden tanh units in each of the two networks."),
      choice_field("family", "Variational family", "meanField", {"meanField", "fullCov"}, "Model",
                   "meanField: q = N(μ, diag σ²), the exercise's; fullCov: q = N(μ, L·Lᵀ) with L "
                   "lower-triangular (Cholesky), so q can tilt with the posterior."),
      choice_field("noise", "Sampling noise ε", "independent", {"independent", "shared"}, "Model",
                   "How z = μ + σ∘ε is sampled: independent, ε ~ N(0, I); or shared, one ε for "
                   "both coordinates, as the original template's noise of shape (1, 1): q's "
                   "samples then lie on a line and the objective is no longer a lower bound."),
      number_field("lr", "Learning rate", 1e-2, 1e-5, 10, "Training", "Adam learning rate.", "",
                   true),
      integer_field("steps", "Training steps", 10000, 1, 200000, "Training",
                    "Optimizer steps in the run."),
      integer_field("mcSamples", "MC samples per step", 1, 1, 100, "Training",
                    "Monte Carlo samples of z per step (more = less noisy gradients)."),
      choice_field("estimator", "Gradient estimator", "reparam", {"reparam", "score"}, "Training",
                   "How each step estimates the ELBO's gradient. reparam: through z = μ + σ∘ε "
                   "(the exercise's); score: the score function (REINFORCE), the average of "
                   "(log p(X, z) − log q(z))·∇ log q(z) over the step's samples, no baseline: "
                   "unbiased but far noisier. Applies at the next step."),
      boolean_field("lrDecay", "Learning-rate decay", false, "Training",
                    "Decay the learning rate as lr / (1 + step/1000), letting the iterate settle."),
      integer_field("posteriorSamples", "Samples from q to draw", 50, 0, 2000, "Display",
                    "Samples from q drawn on the plot."),
      seed_field(),
  };
}

LabInfo localization_lab() {
  return {"localization",
          10,
          "Neural VI for target localization",
          "Where is the target, and how sure can we be?",
          "Deep Learning lab 5, part I (UC3M): VI with neural networks for a toy example",
          // Live fields apply at the next step; Display fields are view; the rest restart.
          mark_kinds(localization_schema(), {"lr", "steps", "mcSamples", "lrDecay", "estimator"}),
          [](const Config& c) {
            check_sensors_off_target(c);
            check_estimator_noise(c);
          },
          [](const Config& c) { return std::make_unique<Localization>(c); },
          {},
          {},
          {}};
}

const LabRegistrar registrar(localization_lab);

}  // namespace

}  // namespace vi

// Lab 6, neural_process: function samples from a neural process on five points of sin x, and
// the collapse of its z-posteriors that makes the samples agree where no data was ever seen.
//
// Shapes: P = 5 data points (x = −2…2, y = sin x); G = 80 grid points x* = −4, −3.9, …, 3.9;
// S display samples of z; Z = 2. A "mask" is a 5-bit set of data points (bit i = point i).
// The summary numbers (z stds, KL, spread, fit) are deterministic functions of the weights: the
// KL and context std are averaged over every context the training step can draw, exactly.
#include <algorithm>
#include <cmath>

#include "labs/neural_process_model.h"
#include "labs/registry.h"
#include "optim/adam.h"

namespace vi {
namespace {

constexpr int kPoints = 5, kMasks = 31, kGrid = 80, kThumbSamples = 20, kMaxSnapshots = 16;
constexpr int kMaxContext = 10;   // context points of the student's own
constexpr int kLossWindow = 101;  // steps in the running median of the loss
constexpr uint64_t kDisplayStream = 0x9e0c355;

float grid_x(int k) {
  return float(-4.0 + 0.1 * k);  // as np.arange(-4, 4, 0.1).astype(float32)
}

// The contexts a training step draws: 1, 2 or 3 points with probability ⅓ each, then a uniform
// subset of that size; as masks with their probabilities.
struct WeightedMask {
  int mask;
  double weight;
};
std::vector<WeightedMask> training_contexts() {
  const double subsets[4] = {1, 5, 10, 10};  // C(5, k)
  std::vector<WeightedMask> out;
  for (int mask = 1; mask <= kMasks; ++mask) {
    const int k = __builtin_popcount(unsigned(mask));
    if (k <= 3) out.push_back({mask, 1.0 / 3.0 / subsets[k]});
  }
  return out;
}

// The original exercise's guarded KL between diagonal Gaussians, in double (for the summaries).
double kl_guarded(const float* mean_q, const float* std_q, const float* mean_p,
                  const float* std_p) {
  double kl = 0.0;
  for (int d = 0; d < kNpZDim; ++d) {
    const double q_var = double(std_q[d]) * std_q[d] + 1e-16,
                 p_var = double(std_p[d]) * std_p[d] + 1e-16;
    const double diff = double(mean_q[d]) - mean_p[d];
    kl += q_var / p_var + diff * diff / p_var + std::log(p_var / q_var) - 1.0;
  }
  return 0.5 * kl;
}

struct Summary {
  Matrix mask_mean, mask_std;    // kMasks×Z: q(z | mask) for masks 1…31 (row mask − 1)
  Matrix shown_mean, shown_std;  // 1×Z: q(z | the displayed context)
  std::array<float, 2> z_std_context{}, z_std_all{}, z_mean_context{};
  double kl = 0.0, spread_far = 0.0, data_rmse = 0.0;
};

// The student's context points, rows (x, sin x): observed like the five data points, noise-free.
Matrix context_points(const Config& c) {
  const PointList& xs = c.points("context");
  Matrix points(xs.count(), 2);
  for (int i = 0; i < xs.count(); ++i) {
    points(i, 0) = float(xs.at(i, 0));
    points(i, 1) = float(std::sin(double(points(i, 0))));  // as the data: sin in double
  }
  return points;
}

class NeuralProcess : public SingleMethodLab {
 public:
  // One stream, as in the original exercise: the initial weights, then each step's context
  // split and z noise.
  explicit NeuralProcess(const Config& c)
      : SingleMethodLab({"",
                         c.integer("steps"),
                         "lr",
                         1e-3f,
                         {"loss", "lossMedian", "targetNll"},
                         1000,
                         "The KL term divides by the context posterior's variance: when that std "
                         "collapses towards 0 (most often with init = normal) the loss explodes. "
                         "Try init = default or xavier, or another seed."},
                        Rng(uint64_t(c.integer("seed")))),
        z_samples_(c.integer("zSamples")),
        output_std_(c.real("outputStd")),
        context_mask_(c.integer("contextMask")),
        snapshot_every_(c.integer("snapshotEvery")),
        context_(context_points(c)),
        snapshot_base_(snapshot_every_),
        nets_(parse_init(c.choice("init")), rng_),
        untrained_(nets_),
        contexts_(training_contexts()),
        state_history_({"kl", "zStdContext0", "zStdContext1", "zStdAll0", "zStdAll1", "spreadFar",
                        "dataRmse"}) {
    data_.resize(kPoints, 2);
    for (int i = 0; i < kPoints; ++i) {
      data_(i, 0) = float(i - 2);
      data_(i, 1) = float(std::sin(double(i - 2)));  // sin in double: portable to the last bit
    }
    Rng display(kDisplayStream);
    display_eps_ = display.normal_matrix(c.integer("functionSamples"), kNpZDim);
    const ParameterList params = nets_.params();
    set_optimizer(std::make_unique<Adam>(params, c.real("lr")));
    record_state();
    take_snapshot();
  }

  Json metrics() override {
    const Summary& s = summary();
    Json m = Json::object();
    // NaN (null in JSON) before the first step.
    m["loss"] = loss();
    m["lossMedian"] = recent_losses_.empty() ? NAN : loss_median();
    m["kl"] = s.kl;
    m["zStdContext"] = std::vector<float>(s.z_std_context.begin(), s.z_std_context.end());
    m["zStdAll"] = std::vector<float>(s.z_std_all.begin(), s.z_std_all.end());
    // The means the original prints: of q(z | context), averaged over the training contexts like
    // the std, and of q(z | all five points).
    m["zMeanContext"] = std::vector<float>(s.z_mean_context.begin(), s.z_mean_context.end());
    m["zMeanAll"] = std::vector<float>{s.mask_mean(kMasks - 1, 0), s.mask_mean(kMasks - 1, 1)};
    m["targetNll"] = target_nll();
    m["spreadFar"] = s.spread_far;
    m["dataRmse"] = s.data_rmse;
    return m;
  }

  Json views() override {
    const Summary& s = summary();
    Json v = Json::object();
    std::vector<float> x(kPoints), y(kPoints), grid(kGrid);
    for (int i = 0; i < kPoints; ++i) x[size_t(i)] = data_(i, 0), y[size_t(i)] = data_(i, 1);
    for (int k = 0; k < kGrid; ++k) grid[size_t(k)] = grid_x(k);
    v["dataX"] = x;
    v["dataY"] = y;
    v["gridX"] = grid;
    v["contextMask"] = context_mask_;
    std::vector<float> context_x, context_y;  // the student's context points (none: the mask's)
    for (Index i = 0; i < context_.rows(); ++i) {
      context_x.push_back(context_(i, 0));
      context_y.push_back(context_(i, 1));
    }
    v["contextX"] = context_x;
    v["contextY"] = context_y;
    v["samples"] = function_samples(s, display_eps_);  // S×G
    // The original's "untrained function samples": z ~ N(0, I) (the display draws ε themselves)
    // through the decoder at initialization, and through the current decoder.
    v["priorSamples"] = prior_samples(nets_);           // S×G
    v["untrainedSamples"] = prior_samples(untrained_);  // S×G
    // What the page needs to redraw the samples for another context without a new lab: q(z|mask)
    // for every mask, the fixed draws ε, and the decoder's weights.
    v["maskZMean"] = to_floats(s.mask_mean);
    v["maskZStd"] = to_floats(s.mask_std);
    v["displayEps"] = to_floats(display_eps_);
    const std::vector<Matrix> w = nets_.values();
    v["decoderW1"] = to_floats(w[8]);  // (1+Z)×H
    v["decoderB1"] = to_floats(w[9]);
    v["decoderW2"] = to_floats(w[10]);  // H×1
    v["decoderB2"] = to_floats(w[11]);
    std::vector<float> snapshot_steps, snapshot_samples;
    for (const auto& [at, samples] : snapshots_) {
      snapshot_steps.push_back(float(at));
      snapshot_samples.insert(snapshot_samples.end(), samples.begin(), samples.end());
    }
    v["snapshotSteps"] = snapshot_steps;
    v["snapshotSamples"] = snapshot_samples;  // per snapshot: kThumbSamples×G
    v["snapshotSampleCount"] = kThumbSamples;
    history_.export_to(v);
    state_history_.export_to(v, "state");
    return v;
  }

 private:
  void apply_settings(const Config& c, const std::vector<std::string>& changed) override {
    z_samples_ = c.integer("zSamples");
    context_mask_ = c.integer("contextMask");
    context_ = context_points(c);
    // Keep the thumbnails' thinning: the new spacing times the doublings so far.
    snapshot_every_ = c.integer("snapshotEvery") * (snapshot_every_ / snapshot_base_);
    snapshot_base_ = c.integer("snapshotEvery");
    if (has(changed, "functionSamples")) {
      Rng display(kDisplayStream);
      display_eps_ = display.normal_matrix(c.integer("functionSamples"), kNpZDim);
    }
    summary_version_ = -1;  // the summary depends on the displayed context and draws
  }

  static std::vector<float> to_floats(const Matrix& m) {
    return std::vector<float>(m.data(), m.data() + m.size());
  }

  double train_step() override {
    // np.random.randint(1, 4) context points chosen without replacement; the rest are targets.
    const int n_context = 1 + rng_.uniform_int(3);
    rng_.permutation(kPoints, order_);
    split_.context.resize(n_context, 2);
    split_.targets.resize(kPoints - n_context, 2);
    bool in_context[kPoints] = {};
    for (int i = 0; i < n_context; ++i) {
      split_.context.row(i) = data_.row(order_[size_t(i)]);
      in_context[order_[size_t(i)]] = true;
    }
    for (int i = 0, k = 0; i < kPoints; ++i)
      if (!in_context[i]) split_.targets.row(k++) = data_.row(i);
    eps_.resize(z_samples_, kNpZDim);
    rng_.fill_normal(eps_);

    tape_.clear();
    const NpLoss l = np_loss(tape_, nets_.on_tape(tape_), split_, eps_, output_std_);
    tape_.backward(l.loss);
    optimizer_->step();
    report_term(0, l.target_nll.item());
    return l.loss.item();
  }

  double target_nll() const { return term(0); }

  void after_step() override {
    recent_losses_.push_back(float(loss()));
    if (recent_losses_.size() > size_t(kLossWindow)) recent_losses_.erase(recent_losses_.begin());
  }

  void record_history(int step) override {
    if (history_.wants(step))
      history_.record(step, {float(loss()), float(loss_median()), float(target_nll())});
    if (state_history_.wants(step)) record_state();
    if (step % snapshot_every_ == 0) take_snapshot();
  }

  double loss_median() const {
    std::vector<float> v = recent_losses_;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
  }

  void record_state() {
    const Summary& s = summary();
    state_history_.record(steps_done(),
                          {float(s.kl), s.z_std_context[0], s.z_std_context[1], s.z_std_all[0],
                           s.z_std_all[1], float(s.spread_far), float(s.data_rmse)});
  }

  // Thumbnails: the first kThumbSamples display draws; past kMaxSnapshots, every other one is
  // dropped (keeping step 0) and they are taken half as often.
  void take_snapshot() {
    Matrix eps = display_eps_.topRows(std::min<Index>(kThumbSamples, display_eps_.rows()));
    snapshots_.emplace_back(steps_done(), function_samples(summary(), eps));
    if (int(snapshots_.size()) <= kMaxSnapshots) return;
    size_t k = 0;
    for (size_t i = 0; i < snapshots_.size(); i += 2) snapshots_[k++] = std::move(snapshots_[i]);
    snapshots_.resize(k);
    snapshot_every_ *= 2;
  }

  const Summary& summary() {
    if (summary_version_ != version()) {
      compute_summary();
      summary_version_ = version();
    }
    return summary_;
  }

  void compute_summary() {
    Summary& s = summary_;
    s.mask_mean.resize(kMasks, kNpZDim);
    s.mask_std.resize(kMasks, kNpZDim);
    for (int mask = 1; mask <= kMasks; ++mask) {
      Matrix points(__builtin_popcount(unsigned(mask)), 2);
      for (int i = 0, k = 0; i < kPoints; ++i)
        if (mask & (1 << i)) points.row(k++) = data_.row(i);
      eval_tape_.clear();
      const ZPosterior q = z_posterior(nets_.on_tape(eval_tape_), eval_tape_.constant(points));
      s.mask_mean.row(mask - 1) = q.mean.value();
      s.mask_std.row(mask - 1) = q.std.value();
    }
    // The displayed context: the student's points, or else the mask's data points.
    if (context_.rows() > 0) {
      eval_tape_.clear();
      const ZPosterior q = z_posterior(nets_.on_tape(eval_tape_), eval_tape_.constant(context_));
      s.shown_mean = q.mean.value();
      s.shown_std = q.std.value();
    } else {
      s.shown_mean = s.mask_mean.row(context_mask_ - 1);
      s.shown_std = s.mask_std.row(context_mask_ - 1);
    }
    const int all = kMasks - 1;
    s.kl = 0.0;
    std::array<double, 2> context_std{}, context_mean{};
    for (const WeightedMask& c : contexts_) {
      const int row = c.mask - 1;
      s.kl += c.weight * kl_guarded(s.mask_mean.row(all).data(), s.mask_std.row(all).data(),
                                    s.mask_mean.row(row).data(), s.mask_std.row(row).data());
      for (int d = 0; d < kNpZDim; ++d) {
        context_std[size_t(d)] += c.weight * s.mask_std(row, d);
        context_mean[size_t(d)] += c.weight * s.mask_mean(row, d);
      }
    }
    for (int d = 0; d < kNpZDim; ++d) {
      s.z_std_context[size_t(d)] = float(context_std[size_t(d)]);
      s.z_mean_context[size_t(d)] = float(context_mean[size_t(d)]);
      s.z_std_all[size_t(d)] = s.mask_std(all, d);
    }
    // Spread at x = −4 and fit at the data, under q(z | displayed context).
    std::vector<float> xs{grid_x(0)};
    for (int i = 0; i < kPoints; ++i) xs.push_back(data_(i, 0));
    const std::vector<float> f = decode_samples(s, display_eps_, xs);  // S×6
    const Index n = display_eps_.rows(), cols = Index(xs.size());
    double mean_far = 0.0, square_far = 0.0, squared_error = 0.0;
    for (Index r = 0; r < n; ++r) mean_far += f[size_t(r * cols)] / double(n);
    for (Index r = 0; r < n; ++r)
      square_far += std::pow(f[size_t(r * cols)] - mean_far, 2) / double(n);
    for (int i = 0; i < kPoints; ++i) {
      double mean = 0.0;
      for (Index r = 0; r < n; ++r) mean += f[size_t(r * cols + 1 + i)] / double(n);
      squared_error += std::pow(mean - data_(i, 1), 2);
    }
    s.spread_far = std::sqrt(square_far);
    s.data_rmse = std::sqrt(squared_error / kPoints);
  }

  // Decoded means f_s(x) for z_s = μ + σ∘ε_s under q(z | displayed context): row-major S × |xs|.
  std::vector<float> decode_samples(const Summary& s, const Matrix& eps,
                                    const std::vector<float>& xs) {
    const Index n = eps.rows(), cols = Index(xs.size());
    Matrix inputs(n * cols, 1 + kNpZDim);
    for (Index r = 0; r < n; ++r)
      for (Index k = 0; k < cols; ++k) {
        inputs(r * cols + k, 0) = xs[size_t(k)];
        for (int d = 0; d < kNpZDim; ++d)
          inputs(r * cols + k, 1 + d) = s.shown_mean(0, d) + s.shown_std(0, d) * eps(r, d);
      }
    eval_tape_.clear();
    return to_floats(decode(nets_.on_tape(eval_tape_), eval_tape_.constant(inputs)).value());
  }

  // The decoder of `nets` on the grid for z = each row of the display draws, z ~ N(0, I): S×G.
  std::vector<float> prior_samples(NpNetworks& nets) {
    const Index n = display_eps_.rows();
    Matrix inputs(n * kGrid, 1 + kNpZDim);
    for (Index r = 0; r < n; ++r)
      for (int k = 0; k < kGrid; ++k) {
        inputs(r * kGrid + k, 0) = grid_x(k);
        for (int d = 0; d < kNpZDim; ++d) inputs(r * kGrid + k, 1 + d) = display_eps_(r, d);
      }
    eval_tape_.clear();
    return to_floats(decode(nets.on_tape(eval_tape_), eval_tape_.constant(inputs)).value());
  }

  std::vector<float> function_samples(const Summary& s, const Matrix& eps) {
    std::vector<float> xs(kGrid);
    for (int k = 0; k < kGrid; ++k) xs[size_t(k)] = grid_x(k);
    return decode_samples(s, eps, xs);
  }

  int z_samples_;
  float output_std_;
  int context_mask_, snapshot_every_;
  Matrix context_;     // C×2 rows (x, sin x): the student's context points (none: the mask's)
  int snapshot_base_;  // the snapshotEvery setting; snapshot_every_ is it times the doublings
  NpNetworks nets_;
  NpNetworks untrained_;  // the networks at initialization, for the untrained samples
  std::vector<WeightedMask> contexts_;
  Matrix data_;  // P×2 rows (x, y)
  Matrix display_eps_;
  Tape eval_tape_;
  NpSplit split_;
  Matrix eps_;
  std::vector<int> order_;
  History state_history_;
  std::vector<float> recent_losses_;
  std::vector<std::pair<int, std::vector<float>>> snapshots_;
  Summary summary_;
  int summary_version_ = -1;  // the parameters' version summary_ describes
};

Schema neural_process_schema() {
  return {
      choice_field("init", "Weight initialization", "normal", {"normal", "default", "xavier"},
                   "Model",
                   "Weight initialization: N(0, 1) (the original's), the framework's fan-in "
                   "uniform, or Xavier normal. Biases always use the framework default."),
      number_field("outputStd", "Decoder output std", 0.005, 1e-4, 1, "Model",
                   "Fixed std of the decoder's output distribution p(y* | x*, z).", "", true),
      number_field("lr", "Learning rate", 1e-3, 1e-5, 10, "Training",
                   "Adam learning rate (the original uses 0.001; near 10 training diverges).", "",
                   true),
      integer_field(
          "steps", "Training steps", 9001, 1, 100000, "Training",
          "Optimizer steps (the original trains 9 001, then 25 001 to show the collapse)."),
      integer_field("zSamples", "z samples per step", 10, 1, 100, "Training",
                    "Samples of z per step for the Monte Carlo log-likelihood of the targets."),
      points_field("context", "Context points", {{"x", -4, 3.9}}, kMaxContext, "Display",
                   "Where the drawn samples are conditioned: points (x, sin x) anywhere on the "
                   "axis, observed like the five data points (click the plot to add one, drag "
                   "it along x, Delete or right-click to remove it); none: the data points "
                   "the mask below selects. Written x_x_x."),
      integer_field("contextMask", "Context of the plotted samples (bit mask)", 31, 1, 31,
                    "Display",
                    "Which of the five points (bit i = point i, left to right) condition q(z | "
                    "context) for the drawn function samples when no context points are given; "
                    "31 = all five, as in the original."),
      integer_field("functionSamples", "Function samples drawn", 100, 1, 500, "Display",
                    "Function samples drawn."),
      integer_field("snapshotEvery", "Steps between thumbnails", 3000, 100, 100000, "Display",
                    "Steps between thumbnail snapshots of the samples (and at step 0)."),
      seed_field(),
  };
}

LabInfo neural_process_lab() {
  return {"neural_process",
          60,
          "Neural processes and their collapse",
          "Does a neural process stay uncertain where it has seen no data?",
          "Blog post \"Neural processes in PyTorch\" (in Chinese): a VAE-style neural process on "
          "five points of sin x",
          // Live fields apply at the next step; Display fields are view; the rest restart.
          mark_kinds(neural_process_schema(), {"lr", "steps", "zSamples"}),
          nullptr,
          [](const Config& c) { return std::make_unique<NeuralProcess>(c); },
          {},
          {},
          {}};
}

const LabRegistrar registrar(neural_process_lab);

}  // namespace

}  // namespace vi

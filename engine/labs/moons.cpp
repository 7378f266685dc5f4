// Lab 4, moons: a Bayesian neural network (mean-field VI), MC dropout and a plain network on two
// moons, compared by how uncertain their predictives are on the data and far from it.
//
// Shapes: N points, x N×2, y N×1; H hidden units; every network is 2→H ReLU→1 sigmoid with
// weights W₁ 2×H, b₁ 1×H, W₂ H×1, b₂ 1×1. G display-grid points, R = 64 ring points.
//
// `plain` is the dropout network itself, evaluated with dropout off (inverted dropout needs no
// rescaling), so the point estimate and MC dropout differ only in how they predict; with p = 0 the
// two predictives coincide exactly.
//
// Predictive maps refine progressively: each views() call adds a chunk of Monte Carlo passes to
// running sums of p and p² per grid point until `passes` are done, and starts over whenever the
// method's weights have changed. A call stays cheap at any grid size, and views report the passes
// done so far (`passesDone`, `refining`). refine(n) adds n passes without building views (the
// worker refines back to back between frames); each map's passes draw from the map's own stream,
// so the maps depend on the passes done, never on how they were chunked. Metrics use `evalPasses`
// fresh passes, deterministically.
#include <cmath>

#include "config/work_budget.h"
#include "data/datasets.h"
#include "distributions/bernoulli.h"
#include "labs/calibration.h"
#include "labs/moons_eval.h"
#include "labs/own_points.h"
#include "labs/registry.h"
#include "nn/linear.h"
#include "nn/thin_relu_net.h"
#include "nn/variational_linear.h"
#include "optim/adam.h"

namespace vi {
namespace {

constexpr int kRingPoints = 64;
// The reliability diagrams' sets, each from a generator of its own: held out, fresh moons with
// the data's noise; far away, the same moons with 0.5 more noise standard deviation, so most
// points lie off the arcs. A point's label is the moon that drew it (docs/labs.md).
constexpr int kCalibrationPoints = 500;
constexpr float kFarExtraNoise = 0.5f;
constexpr uint64_t kHeldOutStream = 0x4e1d, kFarStream = 0xfa7, kCalibrationPassStream = 0xca1;
constexpr double kRingRadius = 3.0;
constexpr double kViewHalfWidth = 3.5;  // the display square: data centre ± this, past the ring
// Work per views() call and Monte Carlo method, in point × hidden-unit products (a few ms): a
// 100×100 grid with 50 hidden units refines 40 passes per call (10 on the first), a 200×200 grid
// 10 (2 on the first).
constexpr double kViewWork = 2e7;

// What a divergence of the BNN most likely means when σ² is computed literally, as the original.
constexpr const char* kLiteralSigmaHint =
    "With σ² = log(1 + e^ρ) computed literally, e^ρ overflows float32 as soon as a ρ passes 88.7: "
    "weights the data ignore drift towards the prior variance (σ² = 100 takes ρ ≈ 100), and the "
    "original exercise crashed the same way near step 9 000. Set BNN σ² from ρ to softplus (the "
    "stable form) to run all the steps.";

VariationalLinear::Softplus sigma_form(const Config& c) {
  return c.choice("bnn.sigma") == "literal" ? VariationalLinear::Softplus::Literal
                                            : VariationalLinear::Softplus::Stable;
}

// The BNN: full-batch Adam on mean BCE + the two layers' mean KL terms, one weight sample per
// layer and step.
class BnnMethod : public TrainingMethod {
 public:
  BnnMethod(const Config& c, const Dataset& data, VariationalLinear layer1,
            VariationalLinear layer2, Rng stream)
      : TrainingMethod(
            {"BNN",
             c.integer("bnn.steps"),
             "bnn.lr",
             0.1f,
             {"loss", "kl"},
             1000,
             sigma_form(c) == VariationalLinear::Softplus::Literal ? kLiteralSigmaHint : ""},
            std::move(stream)),
        data_(data),
        layer1_(std::move(layer1)),
        layer2_(std::move(layer2)) {
    ParameterList params;
    layer1_.collect(params);
    layer2_.collect(params);
    set_optimizer(std::make_unique<Adam>(params, c.real("bnn.lr")));
  }

  double kl() const { return term(0); }  // the last step's KL term

  // One forward pass over `points` with freshly sampled weights: probabilities into `out`.
  void pass(const PointSet& points, Rng& rng, std::vector<float>& out) const {
    ReluNet sample;
    sample.w1 = sample_weights(layer1_, rng);
    sample.b1 = layer1_.bias().value;
    sample.w2 = sample_weights(layer2_, rng);
    sample.b2 = layer2_.bias().value(0, 0);
    sample.forward(points, out);
  }

 protected:
  double train_step() override {
    tape_.clear();
    Var w1 = layer1_.weight(tape_, &rng_);  // 2×H, w = μ + σ∘ε
    Var w2 = layer2_.weight(tape_, &rng_);  // H×1
    Var logits = thin_relu_net(tape_.constant(data_.x), w1, tape_.param(layer1_.bias()), w2) +
                 tape_.param(layer2_.bias());  // N×1
    Var bce = mean(bce_with_logits(logits, tape_.constant(data_.y)));
    Var kl = layer1_.kl_mean(tape_) + layer2_.kl_mean(tape_);
    Var loss = bce + kl;
    tape_.backward(loss);
    optimizer_->step();
    report_term(0, kl.item());
    return loss.item();
  }

 private:
  static Matrix sample_weights(const VariationalLinear& layer, Rng& rng) {
    const Matrix sd = layer.variance().cwiseSqrt();
    Matrix w = layer.mu().value;
    for (Index i = 0; i < w.size(); ++i) w.data()[i] += sd.data()[i] * rng.normal_float();
    return w;
  }

  const Dataset& data_;
  VariationalLinear layer1_, layer2_;
};

// MC dropout's network: full-batch Adam on mean BCE with a fresh mask on the hidden layer.
class DropoutMethod : public TrainingMethod {
 public:
  DropoutMethod(const Config& c, const Dataset& data, Linear layer1, Linear layer2, Rng stream)
      : TrainingMethod({"Dropout", c.integer("dropout.steps"), "dropout.lr", 0.01f, {"loss"}},
                       std::move(stream)),
        data_(data),
        p_(c.real("dropout.p")),
        layer1_(std::move(layer1)),
        layer2_(std::move(layer2)) {
    ParameterList params;
    layer1_.collect(params);
    layer2_.collect(params);
    set_optimizer(std::make_unique<Adam>(params, c.real("dropout.lr")));
  }

  float p() const { return p_; }
  void set_p(float p) { p_ = p; }  // live: the next step's masks and the next predictives
  ReluNet net() const {
    return {layer1_.weight().value, layer1_.bias().value, layer2_.weight().value,
            layer2_.bias().value(0, 0)};
  }

 protected:
  double train_step() override {
    tape_.clear();
    // relu(x·W₁ + b₁) ∘ m · W₂ + b₂ with a fresh mask m
    Var logits = thin_relu_net(tape_.constant(data_.x), tape_.param(layer1_.weight()),
                               tape_.param(layer1_.bias()), tape_.param(layer2_.weight()), p_,
                               &rng_) +
                 tape_.param(layer2_.bias());  // N×1
    Var loss = mean(bce_with_logits(logits, tape_.constant(data_.y)));
    return minimize(loss);
  }

 private:
  const Dataset& data_;
  float p_;
  Linear layer1_, layer2_;
};

class Moons : public Lab {
 public:
  explicit Moons(const Config& c)
      : hidden_(c.integer("hidden")),
        passes_(c.integer("passes")),
        eval_passes_(c.integer("evalPasses")) {
    Rng rng(uint64_t(c.integer("seed")));
    const Dataset moons = make_moons(c.integer("points"), c.real("noise"), rng);
    data_ = with_own_points(moons, c.points("data"));
    const float prior_var = c.real("bnn.priorVar");
    const VariationalLinear::Softplus form = sigma_form(c);
    VariationalLinear bnn1("bnn.1", 2, hidden_, prior_var, 0.f, 0.f, form),
        bnn2("bnn.2", hidden_, 1, prior_var, 0.f, 0.f, form);
    Linear drop1("dropout.1", 2, hidden_, Init::FanInUniform, rng);
    Linear drop2("dropout.2", hidden_, 1, Init::FanInUniform, rng);
    // Each method draws from its own generator, so how step(n) is chunked changes nothing.
    Rng bnn_stream(rng.next_u32());
    Rng drop_stream(rng.next_u32());
    bnn_ = std::make_unique<BnnMethod>(c, data_, std::move(bnn1), std::move(bnn2),
                                       std::move(bnn_stream));
    drop_ = std::make_unique<DropoutMethod>(c, data_, std::move(drop1), std::move(drop2),
                                            std::move(drop_stream));
    add_method(*bnn_);
    add_method(*drop_);
    eval_seed_ = rng.next_u32();
    view_seed_ = rng.next_u32();

    // The display square follows the exercise's data, so a point of the student's never moves it.
    const Matrix centre = moons.x.colwise().mean();
    cx_ = centre(0, 0);
    cy_ = centre(0, 1);
    set_grid(c.integer("gridSize"));
    data_points_ = PointSet::rows(data_.x);
    Rng held_rng(calibration_seed(c.integer("seed"), kHeldOutStream)),
        far_rng(calibration_seed(c.integer("seed"), kFarStream));
    held_out_ = make_moons(kCalibrationPoints, c.real("noise"), held_rng);
    far_noise_ = c.real("noise") + kFarExtraNoise;
    far_ = make_moons(kCalibrationPoints, far_noise_, far_rng);
    held_out_points_ = PointSet::rows(held_out_.x);
    far_points_ = PointSet::rows(far_.x);
    for (int k = 0; k < kRingPoints; ++k) {
      const double angle = 2.0 * M_PI * k / kRingPoints;
      ring_.x0.push_back(float(cx_ + kRingRadius * std::cos(angle)));
      ring_.x1.push_back(float(cy_ + kRingRadius * std::sin(angle)));
    }
  }

  Json metrics() override {
    evaluate();
    Json m = Json::object();
    Json bnn = scores_json(bnn_scores_), drop = scores_json(drop_scores_);
    // Losses exist once a method has stepped.
    if (bnn_->steps_done() > 0) bnn["loss"] = bnn_->loss(), bnn["kl"] = bnn_->kl();
    if (drop_->steps_done() > 0) drop["loss"] = drop_->loss();
    m["bnn"] = bnn;
    m["dropout"] = drop;
    m["plain"] = scores_json(plain_scores_);
    return m;
  }

  bool refine(int passes) override {
    refine_maps(passes);
    return refining();
  }

  Json views() override {
    refine_maps(0);
    const ReluNet net = drop_->net();
    Json v = Json::object();
    v["x"] = std::vector<float>(data_.x.data(), data_.x.data() + data_.x.size());
    v["y"] = std::vector<float>(data_.y.data(), data_.y.data() + data_.y.size());
    std::vector<float> ring;
    for (int k = 0; k < kRingPoints; ++k)
      ring.insert(ring.end(), {ring_.x0[size_t(k)], ring_.x1[size_t(k)]});
    v["ring"] = ring;
    write_grid(v, "grid", box_);
    v["passesTarget"] = passes_;
    v["refining"] = refining();
    Json bnn = bnn_map_.summary(), drop = drop_map_.summary();
    bnn_->history().export_to(bnn);
    drop_->history().export_to(drop);
    if (plain_version_ != drop_->version()) {
      std::vector<float> prob, entropy;
      net.plain(grid_hidden_, prob);
      for (float p : prob) entropy.push_back(float(bernoulli_entropy(p)));
      plain_view_ = Json::object();
      plain_view_["mean"] = prob;
      plain_view_["entropy"] = entropy;
      plain_version_ = drop_->version();
    }
    evaluate();
    bnn["reliability"] = calibration_view(bnn_scores_.calibration);
    drop["reliability"] = calibration_view(drop_scores_.calibration);
    v["bnn"] = bnn;
    v["dropout"] = drop;
    v["plain"] = plain_view_;
    v["plain"]["reliability"] = calibration_view(plain_scores_.calibration);
    v["farNoise"] = far_noise_;
    return v;
  }

 private:
  void apply_settings(const Config& c, const std::vector<std::string>& changed) override {
    passes_ = c.integer("passes");
    eval_passes_ = c.integer("evalPasses");
    drop_->set_p(c.real("dropout.p"));
    if (has(changed, "gridSize")) set_grid(c.integer("gridSize"));
    // Maps with more passes than asked for, on another grid or another p start over.
    if (has(changed, "gridSize") || bnn_map_.passes > passes_) bnn_map_.version = -1;
    if (has(changed, "gridSize") || has(changed, "dropout.p") || drop_map_.passes > passes_)
      drop_map_.version = -1;
    if (has(changed, "gridSize")) plain_version_ = -1;
    evaluated_bnn_ = evaluated_drop_ = -1;
  }

  void set_grid(int g) {
    box_ = {cx_ - kViewHalfWidth,
            cx_ + kViewHalfWidth,
            cy_ - kViewHalfWidth,
            cy_ + kViewHalfWidth,
            g,
            g};
    grid_ = PointSet::grid(box_);
  }

  bool refining() const { return bnn_map_.passes < passes_ || drop_map_.passes < passes_; }

  // Adds `passes` passes to each map (0: a views() chunk, sized by kViewWork).
  void refine_maps(int passes) {
    refine_map(bnn_map_, bnn_->version(), passes,
               [&](Rng& r, std::vector<float>& p) { bnn_->pass(grid_, r, p); });
    const ReluNet net = drop_->net();
    if (drop_map_.version != drop_->version()) grid_hidden_ = net.hidden(grid_);
    refine_map(drop_map_, drop_->version(), passes,
               [&](Rng& r, std::vector<float>& p) { net.masked(grid_hidden_, drop_->p(), r, p); });
  }

  template <class Pass>
  void refine_map(Refinement& map, int version, int passes, Pass pass) {
    if (map.version != version) map.reset(version, grid_.size(), view_seed_);
    // A quarter chunk right after new weights: while training, every frame starts over.
    const double work = map.passes == 0 ? kViewWork / 4 : kViewWork;
    const int chunk =
        passes > 0 ? passes : std::max(1, int(work / (double(grid_.size()) * hidden_)));
    for (int k = 0; k < chunk && map.passes < passes_; ++k) {
      pass(map.rng, map.buffer);
      map.add(map.buffer);
    }
  }

  // Metrics' predictives on the data and the ring, from `evalPasses` passes, cached per state.
  void evaluate() {
    if (evaluated_bnn_ == bnn_->version() && evaluated_drop_ == drop_->version()) return;
    Rng rng(eval_seed_);
    auto mc = [&](auto pass, const PointSet& points) {
      Refinement r;
      r.reset(0, points.size(), 0);
      std::vector<float> p;
      for (int k = 0; k < eval_passes_; ++k) {
        pass(points, p);
        r.add(p);
      }
      return r.mean();
    };
    auto bnn = [&](const PointSet& pts, std::vector<float>& p) { bnn_->pass(pts, rng, p); };
    // Named in turn: the order of function arguments is unspecified, and both draw from rng.
    const std::vector<float> bnn_data = mc(bnn, data_points_);
    const std::vector<float> bnn_ring = mc(bnn, ring_);
    bnn_scores_ = score(bnn_data, bnn_ring);
    const ReluNet net = drop_->net();
    const std::vector<float> data_hidden = net.hidden(data_points_),
                             ring_hidden = net.hidden(ring_);
    auto masked = [&](const std::vector<float>& hidden) {
      return
          [&](const PointSet&, std::vector<float>& p) { net.masked(hidden, drop_->p(), rng, p); };
    };
    const std::vector<float> drop_data = mc(masked(data_hidden), data_points_);
    const std::vector<float> drop_ring = mc(masked(ring_hidden), ring_);
    drop_scores_ = score(drop_data, drop_ring);
    std::vector<float> plain_data, plain_ring;
    net.plain(data_hidden, plain_data);
    net.plain(ring_hidden, plain_ring);
    plain_scores_ = score(plain_data, plain_ring);

    // Reliability on the calibration sets, from Monte Carlo passes of their own.
    Rng passes(calibration_seed(int(eval_seed_), kCalibrationPassStream));
    auto bnn_cal = [&](const PointSet& pts, std::vector<float>& p) { bnn_->pass(pts, passes, p); };
    const std::vector<float> held_hidden = net.hidden(held_out_points_),
                             far_hidden = net.hidden(far_points_);
    auto masked_cal = [&](const std::vector<float>& hidden) {
      return [&](const PointSet&, std::vector<float>& p) {
        net.masked(hidden, drop_->p(), passes, p);
      };
    };
    const std::vector<float> bnn_held = mc(bnn_cal, held_out_points_);
    const std::vector<float> bnn_far = mc(bnn_cal, far_points_);
    bnn_scores_.calibration = {reliability(bnn_held, held_out_.y), reliability(bnn_far, far_.y)};
    const std::vector<float> drop_held = mc(masked_cal(held_hidden), held_out_points_);
    const std::vector<float> drop_far = mc(masked_cal(far_hidden), far_points_);
    drop_scores_.calibration = {reliability(drop_held, held_out_.y), reliability(drop_far, far_.y)};
    std::vector<float> plain_held, plain_far;
    net.plain(held_hidden, plain_held);
    net.plain(far_hidden, plain_far);
    plain_scores_.calibration = {reliability(plain_held, held_out_.y),
                                 reliability(plain_far, far_.y)};
    evaluated_bnn_ = bnn_->version();
    evaluated_drop_ = drop_->version();
  }

  struct Scores {
    double accuracy = NAN, entropy_data = NAN, entropy_far = NAN;
    Calibration calibration;
  };

  Scores score(const std::vector<float>& on_data, const std::vector<float>& on_ring) const {
    Scores s;
    int correct = 0;
    double data_entropy = 0.0, ring_entropy = 0.0;
    for (Index i = 0; i < data_.size(); ++i) {
      correct += (on_data[size_t(i)] >= 0.5f) == (data_.y(i, 0) > 0.5f);
      data_entropy += bernoulli_entropy(on_data[size_t(i)]);
    }
    for (float p : on_ring) ring_entropy += bernoulli_entropy(p);
    s.accuracy = double(correct) / double(data_.size());
    s.entropy_data = data_entropy / double(data_.size());
    s.entropy_far = ring_entropy / double(on_ring.size());
    return s;
  }

  static Json scores_json(const Scores& s) {
    Json j = Json::object();
    j["accuracy"] = s.accuracy;
    j["entropyData"] = s.entropy_data;
    j["entropyFar"] = s.entropy_far;
    add_ece(j, s.calibration);
    return j;
  }

  int hidden_, passes_, eval_passes_;
  Dataset data_, held_out_, far_;
  double cx_ = 0.0, cy_ = 0.0;
  float far_noise_ = 0.f;  // the far-away set's noise standard deviation
  std::unique_ptr<BnnMethod> bnn_;
  std::unique_ptr<DropoutMethod> drop_;
  uint64_t eval_seed_ = 0, view_seed_ = 0;
  GridBox box_{};
  PointSet grid_, data_points_, ring_, held_out_points_, far_points_;
  Refinement bnn_map_, drop_map_;
  std::vector<float> grid_hidden_;  // the dropout net's hidden layer on the grid, H×G
  int plain_version_ = -1;          // the dropout version plain_view_ belongs to
  Json plain_view_;
  int evaluated_bnn_ = -1, evaluated_drop_ = -1;  // the versions the scores describe
  Scores bnn_scores_, drop_scores_, plain_scores_;
};

// Upper bounds on each call's products: metrics() runs evalPasses passes of both Monte Carlo
// methods over the data, the ring and the two calibration sets (3H products a point); views()
// is chunked by kViewWork (at least one pass per map), plus the metrics' evaluation for its
// reliability bins, and a step is a few passes over the data.
std::vector<WorkEstimate> moons_work(const Config& c) {
  const double points = c.integer("points") + c.points("data").count(),
               hidden = c.integer("hidden");
  const double grid = double(c.integer("gridSize")) * c.integer("gridSize");
  const double metrics =
      2.0 * c.integer("evalPasses") * (points + kRingPoints + 2 * kCalibrationPoints) * 3 * hidden;
  return {
      {"metrics",
       metrics,
       kCallBudget,
       {{"evalPasses", c.integer("evalPasses")}, {"points", points}, {"hidden", hidden}}},
      {"views",
       grid * hidden * 8 + 2 * kViewWork + metrics,
       kCallBudget,
       {{"gridSize", c.integer("gridSize")}, {"hidden", hidden}}},
      {"step", 2.0 * 9 * points * hidden, kCallBudget, {{"points", points}, {"hidden", hidden}}}};
}

Schema moons_schema() {
  return {
      labelled_points_field(-4, 5, -4, 4, 100),
      integer_field("points", "Points", 1000, 20, 5000, "Data", "Points in the two moons."),
      number_field("noise", "Noise", 0.05, 0, 1, "Data",
                   "Standard deviation of the noise added to each point."),
      integer_field("hidden", "Hidden units", 50, 1, 200, "Model",
                    "Hidden ReLU units of every network."),
      number_field("bnn.priorVar", "BNN prior variance", 100, 0.01, 10000, "Model",
                   "Prior variance of every BNN weight.", "", true),
      choice_field("bnn.sigma", "BNN σ² from ρ", "softplus", {"softplus", "literal"}, "Model",
                   "How the BNN computes σ² = log(1 + e^ρ): softplus, evaluated stably; or "
                   "literal, log(1 + exp(ρ)) in single precision as the original exercise did, "
                   "which overflows once a ρ passes 88.7."),
      number_field("dropout.p", "Dropout probability p", 0.5, 0, 0.95, "Model",
                   "Dropout probability of each hidden unit (training and MC prediction)."),
      number_field("bnn.lr", "BNN learning rate", 0.1, 1e-5, 1000, "Training",
                   "Adam learning rate of the BNN.", "", true),
      integer_field("bnn.steps", "BNN steps", 10000, 0, 200000, "Training",
                    "Full-batch Adam steps of the BNN."),
      number_field("dropout.lr", "Dropout-net learning rate", 0.01, 1e-5, 1000, "Training",
                   "Adam learning rate of the dropout network.", "", true),
      integer_field("dropout.steps", "Dropout-net steps", 500, 0, 200000, "Training",
                    "Full-batch Adam steps of the dropout network."),
      integer_field(
          "passes", "MC passes for the maps", 500, 1, 5000, "Display",
          "Monte Carlo passes behind the predictive maps (refined after each change of the "
          "weights, shown as they land; the status line counts them)."),
      integer_field("evalPasses", "MC passes for the metrics", 100, 1, 5000, "Display",
                    "Monte Carlo passes behind the accuracy and entropy metrics."),
      integer_field("gridSize", "Map resolution", 100, 20, 300, "Display",
                    "Points per side of the maps' grid."),
      seed_field(),
  };
}

LabInfo moons_lab() {
  return {"moons",
          40,
          "Two moons: Bayesian neural network vs MC dropout",
          "Which networks know what they do not know, far from the data?",
          "Lab 3-b, part II: Bayesian neural networks and Monte Carlo dropout",
          // Live fields apply at the next step; Display fields are view; the rest restart.
          mark_kinds(moons_schema(),
                     {"bnn.lr", "bnn.steps", "dropout.lr", "dropout.steps", "dropout.p"}),
          [](const Config& c) { check_work("moons", moons_work(c)); },
          [](const Config& c) { return std::make_unique<Moons>(c); },
          {{"moons/bnn", {{"dropout.steps", RawValue::of_number(0)}}},
           {"moons/dropout", {{"bnn.steps", RawValue::of_number(0)}}}},
          {{"bnn", {"bnn"}, 0.045}, {"dropout", {"dropout", "plain"}, 0.066}},
          {"refining"}};
}

const LabRegistrar registrar(moons_lab);

}  // namespace

}  // namespace vi

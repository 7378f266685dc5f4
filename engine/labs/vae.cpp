// Lab 5, vae: a variational autoencoder on points near a circle, with the exact log p(x) beside it.
//
// Shapes: N data points (the first 3/4 train, the rest test), B per minibatch, D = 2, L latent
// dimensions. One step is one minibatch; an epoch is ⌈N_train / B⌉ steps. The train ELBO (running
// average over the epoch's batches, as the original exercise prints it) and the test ELBO (whole
// test set) are computed once per epoch, the exact test log-likelihood every kLogLikEvery epochs;
// the plots are refreshed lazily in views(), at most once per epoch. The importance-weighted
// bound L_k (k a view field) is evaluated on the test set at the weights of the last exact
// log-likelihood epoch, lazily in metrics(), so that changing k gives a fresh run's number.
#include <cmath>

#include "config/work_budget.h"
#include "data/batches.h"
#include "data/datasets.h"
#include "labs/registry.h"
#include "labs/vae_iwae.h"
#include "labs/vae_model.h"
#include "optim/adam.h"

namespace vi {
namespace {

constexpr uint64_t kEvalStream = 0x7e57e1b0;  // test-ELBO noise, apart from the training stream
constexpr uint64_t kDisplayStream = 0xd15b1a7;
constexpr uint64_t kIwaeStream = 0x1a7e5a3b;  // test L_k noise, seeded afresh per epoch evaluated
constexpr uint64_t kIwaeViewStream = 0x1a7e71e4;  // the per-point L_k of the gap panel
constexpr int kLogLikEvery = 10;     // epochs between exact test log-likelihoods (and the last)
constexpr int kViewsPerRefresh = 3;  // views() calls per plot refresh, at most
constexpr int kCurvePoints = 241;    // decoder curve over z ∈ [−3, 3]
constexpr int kGrid = 64;            // encoder-mean heatmap, kGrid × kGrid
constexpr float kGridHalfWidth = 1.75f;

std::vector<float> to_floats(const Matrix& m) {
  return std::vector<float>(m.data(), m.data() + m.size());
}

class Vae : public SingleMethodLab {
 public:
  // One training stream, as in the original exercise: the data, the initial weights, then the
  // batches and the reparameterization noise. The budget is set once the batches are known.
  explicit Vae(const Config& c)
      : SingleMethodLab({"", 0, "lr", 3e-4f, {"trainElbo", "testElbo", "recon", "kl"}},
                        Rng(uint64_t(c.integer("seed")))),
        eval_rng_(uint64_t(c.integer("seed")) ^ kEvalStream),
        data_(make_circle(c.integer("dataSize"), c.real("dataNoise"), rng_)),
        model_(c.integer("latentDim"), c.integer("hidden"), c.real("noiseScale"), rng_),
        n_train_(3 * data_.size() / 4),
        batches_(n_train_, c.integer("batchSize")),
        epochs_(c.integer("epochs")),
        prior_samples_(c.integer("priorSamples")),
        display_points_(c.integer("displayPoints")),
        seed_(uint64_t(c.integer("seed"))),
        iwae_k_(c.integer("iwaeK")),
        train_k_(c.choice("objective") == "iwae" ? c.integer("trainK") : 0),
        log_lik_history_({"testLogLik"}) {
    train_x_ = data_.x.topRows(n_train_);
    test_x_ = data_.x.bottomRows(data_.size() - n_train_);
    set_budget(epochs_ * int(batches_.batches_per_epoch()));
    draw_prior_samples();
    const ParameterList params = model_.params();
    set_optimizer(std::make_unique<Adam>(params, c.real("lr")));
    // Epoch 0: the untrained model, so the curves start where training starts.
    train_elbo_ = evaluate(train_x_, recon_, kl_);
    finish_epoch_evaluation();
  }

  Json metrics() override {
    Json m = Json::object();
    m["trainElbo"] = train_elbo_;
    m["testElbo"] = test_elbo_;
    m["epoch"] = epoch_;
    m["recon"] = recon_;
    m["kl"] = kl_;
    // The exact log-likelihood integrates over a 1-D latent only: a 2-D latent has no such metric.
    if (model_.latent() == 1) m["testLogLik"] = test_log_lik_;
    m["testIwae"] = test_iwae();
    return m;
  }

  Json views() override {
    // The plots cost a few milliseconds: refresh them at most every kViewsPerRefresh calls (the
    // page asks up to 30 times a second), always on the first call, and when training stopped.
    // While they lag behind, `refining` asks a paused page to keep calling.
    ++views_since_refresh_;
    const Progress p = progress();
    const bool stopped = p.done || p.diverged;
    if (plots_epoch_ != epoch_ &&
        (plots_epoch_ < 0 || stopped || views_since_refresh_ >= kViewsPerRefresh)) {
      refresh_plots();
      views_since_refresh_ = 0;
    }
    Json v = plots_;
    v["epoch"] = epoch_;
    v["refining"] = plots_epoch_ != epoch_;
    history_.export_to(v);
    log_lik_history_.export_to(v, "logLikHistory");
    return v;
  }

 private:
  void apply_settings(const Config& c, const std::vector<std::string>& changed) override {
    epochs_ = c.integer("epochs");
    set_budget(epochs_ * int(batches_.batches_per_epoch()));
    display_points_ = c.integer("displayPoints");
    prior_samples_ = c.integer("priorSamples");
    iwae_k_ = c.integer("iwaeK");
    if (has(changed, "priorSamples")) draw_prior_samples();
    plots_epoch_ = -1;  // redraw at the next views()
  }

  // The same z and the same output noise at every refresh: only the decoder moves the picture.
  void draw_prior_samples() {
    Rng display(kDisplayStream);
    prior_z_ = display.normal_matrix(prior_samples_, model_.latent());
    prior_noise_ = display.normal_matrix(prior_samples_, VaeModel::kDataDim);
  }

  double train_step() override {
    const Index batch = steps_done() % batches_.batches_per_epoch();
    const std::vector<int>& rows = batches_.batch(batch, rng_);
    gather_rows(train_x_, rows, batch_x_);
    eps_.resize(batch_x_.rows() * std::max(train_k_, 1), model_.latent());
    rng_.fill_normal(eps_);

    tape_.clear();
    VaeTerms terms;
    Var loss;
    if (train_k_ > 0) {  // the importance-weighted bound; the metrics keep sample 0's ELBO
      const VaeModel::IwaeTerms iwae = model_.iwae(tape_, batch_x_, eps_, train_k_);
      terms = iwae.first;
      loss = -iwae.bound;
    } else {
      terms = model_.elbo(tape_, batch_x_, eps_);
      loss = -terms.elbo;
    }
    tape_.backward(loss);
    optimizer_->step();
    // The original exercise's running average: batch ELBOs weighted by batch size, over the
    // epoch (added in after_step, once the step is known to be finite).
    const double weight = double(rows.size());
    step_sums_ = {weight * terms.elbo.item(), weight * terms.recon.item(),
                  weight * terms.kl.item()};
    return loss.item();
  }

  void after_step() override {
    for (size_t k = 0; k < epoch_sums_.size(); ++k) epoch_sums_[k] += step_sums_[k];
    if (steps_done() % batches_.batches_per_epoch() == 0) end_epoch();
  }

  void after_rollback() override { plots_epoch_ = -1; }  // redraw from the restored weights

  void record_history(int) override {}  // per epoch, in finish_epoch_evaluation()

  void end_epoch() {
    ++epoch_;
    train_elbo_ = epoch_sums_[0] / double(n_train_);
    recon_ = epoch_sums_[1] / double(n_train_);
    kl_ = epoch_sums_[2] / double(n_train_);
    epoch_sums_ = {0.0, 0.0, 0.0};
    finish_epoch_evaluation();
  }

  // Test ELBO (one sample per point, as the original exercise) every epoch; the exact test
  // log-likelihood (latent dimension 1) every kLogLikEvery epochs and at the last one.
  void finish_epoch_evaluation() {
    double test_recon = 0.0, test_kl = 0.0;
    test_elbo_ = evaluate(test_x_, test_recon, test_kl);
    history_.record(epoch_, {float(train_elbo_), float(test_elbo_), float(recon_), float(kl_)});
    if (epoch_ % kLogLikEvery != 0 && epoch_ != epochs_) return;
    const ParameterList params = model_.params();
    snapshot_.clear();
    for (const Parameter* p : params) snapshot_.push_back(p->value);
    snapshot_epoch_ = epoch_;
    if (model_.latent() != 1) return;
    ExactMarginal exact(model_.decoder_pieces(), model_.noise());
    double sum = 0.0;
    for (Index i = 0; i < test_x_.rows(); ++i) sum += exact.log_marginal(test_x_.row(i).data());
    test_log_lik_ = sum / double(test_x_.rows());
    log_lik_history_.record(epoch_, {float(test_log_lik_)});
  }

  // Mean over the test set of one L_k estimate per point, at the weights of the snapshot epoch,
  // from a stream seeded by that epoch alone: the number depends on the weights and k only.
  double test_iwae() {
    if (iwae_epoch_ == snapshot_epoch_ && iwae_k_done_ == iwae_k_) return test_iwae_;
    const ParameterList params = model_.params();
    for (size_t i = 0; i < params.size(); ++i) std::swap(params[i]->value, snapshot_[i]);
    Rng rng(seed_ ^ kIwaeStream ^ (uint64_t(snapshot_epoch_) << 32));
    const std::vector<double> bounds = iwae_bounds(model_, iwae_tape_, test_x_, iwae_k_, rng);
    for (size_t i = 0; i < params.size(); ++i) std::swap(params[i]->value, snapshot_[i]);
    double sum = 0.0;
    for (double b : bounds) sum += b;
    test_iwae_ = sum / double(bounds.size());
    iwae_epoch_ = snapshot_epoch_;
    iwae_k_done_ = iwae_k_;
    return test_iwae_;
  }

  // One-sample ELBO per point over all rows of x, with the evaluation noise stream.
  double evaluate(const Matrix& x, double& recon, double& kl) {
    eval_eps_.resize(x.rows(), model_.latent());
    eval_rng_.fill_normal(eval_eps_);
    eval_tape_.clear();
    const VaeTerms terms = model_.elbo(eval_tape_, x, eval_eps_);
    recon = terms.recon.item();
    kl = terms.kl.item();
    return terms.elbo.item();
  }

  // Decoded prior draws, test reconstructions, per-point gaps, decoder curve, encoder heatmap.
  void refresh_plots() {
    Json v = Json::object();
    const int latent = model_.latent();
    const float noise = model_.noise();
    v["latentDim"] = latent;
    v["noiseScale"] = noise;
    v["stepsPerEpoch"] = int(batches_.batches_per_epoch());

    const Index shown = std::min<Index>(display_points_, n_train_);
    v["dataX"] = to_floats(train_x_.topRows(shown));
    v["dataZ"] = to_floats(data_.y.topRows(shown));

    Matrix means;
    model_.decode(view_tape_, prior_z_, means);
    Matrix samples = means + noise * prior_noise_;
    v["priorZ"] = to_floats(prior_z_);
    v["priorMean"] = to_floats(means);
    v["priorSample"] = to_floats(samples);

    const Index tested = std::min<Index>(display_points_, test_x_.rows());
    const Matrix test = test_x_.topRows(tested);
    Matrix q_mean, q_log_var, recon;
    model_.encode(view_tape_, test, q_mean, q_log_var);
    model_.decode(view_tape_, q_mean, recon);
    v["testX"] = to_floats(test);
    v["testZ"] = to_floats(data_.y.bottomRows(test_x_.rows()).topRows(tested));
    v["testRecon"] = to_floats(recon);

    std::vector<float> log_lik, elbo, gap, iwae_gap, curve;
    if (latent == 1) {
      ExactMarginal exact(model_.decoder_pieces(), noise);
      Rng iwae_rng(kIwaeViewStream);
      const std::vector<double> bounds = iwae_bounds(model_, iwae_tape_, test, iwae_k_, iwae_rng);
      for (Index i = 0; i < tested; ++i) {
        const float* x = test.row(i).data();
        const double mean = q_mean(i, 0), log_var = q_log_var(i, 0);
        const double kl = 0.5 * (std::exp(log_var) + mean * mean - 1.0 - log_var);
        const double e = exact.expected_log_lik(x, mean, std::exp(0.5 * log_var)) - kl;
        const double lp = exact.log_marginal(x);
        log_lik.push_back(float(lp));
        elbo.push_back(float(e));
        gap.push_back(float(lp - e));
        iwae_gap.push_back(float(lp - bounds[size_t(i)]));
      }
      Matrix grid(kCurvePoints, 1), points;
      for (int i = 0; i < kCurvePoints; ++i)
        grid(i, 0) = -3.f + 6.f * float(i) / (kCurvePoints - 1);
      model_.decode(view_tape_, grid, points);
      curve = to_floats(points);
    }
    v["testLogLik"] = log_lik;    // exact log p(x) per shown test point (latent dimension 1)
    v["testElboExact"] = elbo;    // exact ELBO per shown test point: E_q log p(x|z) − KL
    v["testGap"] = gap;           // log p(x) − ELBO ≥ 0
    v["testIwaeGap"] = iwae_gap;  // log p(x) − one estimate of L_k; ≥ 0 in expectation
    v["iwaeK"] = iwae_k_;
    v["curve"] = curve;  // f(z) for z = −3…3 (latent dimension 1)

    Matrix grid_points(kGrid * kGrid, VaeModel::kDataDim), grid_mean, grid_log_var;
    for (int j = 0; j < kGrid; ++j)
      for (int i = 0; i < kGrid; ++i) {
        grid_points(j * kGrid + i, 0) = -kGridHalfWidth + 2 * kGridHalfWidth * (i + 0.5f) / kGrid;
        grid_points(j * kGrid + i, 1) = -kGridHalfWidth + 2 * kGridHalfWidth * (j + 0.5f) / kGrid;
      }
    model_.encode(view_tape_, grid_points, grid_mean, grid_log_var);
    v["encoderMean"] = to_floats(grid_mean.col(0));  // μ₁(x), row j = y, column i = x
    v["encoderStd"] = to_floats((0.5f * grid_log_var.col(0).array()).exp().matrix());
    v["gridN"] = kGrid;
    v["gridHalfWidth"] = kGridHalfWidth;
    plots_ = std::move(v);
    plots_epoch_ = epoch_;
  }

  Rng eval_rng_;
  Dataset data_;  // x: N×D, y: the true latent z (N×1)
  VaeModel model_;
  Index n_train_;
  Matrix train_x_, test_x_;
  Minibatches batches_;
  int epochs_;
  int prior_samples_, display_points_;
  uint64_t seed_;
  int iwae_k_;
  int train_k_;  // samples per point of the training bound; 0 trains the ELBO
  Tape eval_tape_, view_tape_, iwae_tape_;
  Matrix batch_x_, eps_, eval_eps_;
  History log_lik_history_;
  int epoch_ = 0;
  std::array<double, 3> epoch_sums_{};  // Σ batch·(elbo, recon, kl) over the current epoch
  std::array<double, 3> step_sums_{};   // the last step's batch·(elbo, recon, kl)
  double train_elbo_ = NAN, test_elbo_ = NAN, recon_ = NAN, kl_ = NAN, test_log_lik_ = NAN;
  Matrix prior_z_, prior_noise_;  // fixed display draws: S×L latents, S×D decoder noise
  std::vector<Matrix> snapshot_;  // parameter values at the last exact log-likelihood epoch
  int snapshot_epoch_ = -1, iwae_epoch_ = -1, iwae_k_done_ = 0;
  double test_iwae_ = NAN;
  Json plots_;
  int plots_epoch_ = -1, views_since_refresh_ = 0;
};

// Upper bounds on each call's products. Both networks cost about H² + 6H products a point forward
// (three times that with the backward pass). Construction: the ELBO on every point. A step: its
// minibatch forward and backward (trainK copies of it with the iwae objective), and at an epoch's
// end the test ELBO and (1-D latent) the exact log-likelihood over the decoder's pieces (counted as
// 4H pieces a point, 50 products a piece). views(): the prior draws, the shown points and the
// encoder heatmap. The bound L_k runs the encoder once and the decoder k times on every test point
// (metrics) and on every shown point (views).
std::vector<WorkEstimate> vae_work(const Config& c) {
  const double n = c.integer("dataSize"), hidden = c.integer("hidden");
  const double net = 2 * (hidden * hidden + 6 * hidden);  // encoder + decoder, per point
  const double decoder = net / 2;                         // the decoder alone, per sample of L_k
  const double train = std::floor(3 * n / 4), test = n - train;
  const double batch = std::min<double>(c.integer("batchSize"), train);
  const double exact = c.integer("latentDim") == 1 ? test * 4 * hidden * 50 : 0.0;
  const double shown = c.integer("priorSamples") + 2.0 * c.integer("displayPoints") + kGrid * kGrid;
  const double k = c.integer("iwaeK");
  const double train_k = c.choice("objective") == "iwae" ? c.integer("trainK") : 1.0;
  return {{"construction", n * net + exact, kCallBudget, {{"dataSize", n}, {"hidden", hidden}}},
          {"step",
           3 * batch * train_k * net + test * net + exact,
           kCallBudget,
           {{"batchSize", batch}, {"trainK", train_k}, {"dataSize", n}, {"hidden", hidden}}},
          {"views",
           shown * net + k * c.integer("displayPoints") * decoder,
           kCallBudget,
           {{"priorSamples", c.integer("priorSamples")},
            {"displayPoints", c.integer("displayPoints")},
            {"iwaeK", k},
            {"hidden", hidden}}},
          {"metrics",
           test * (net + k * decoder),
           kCallBudget,
           {{"iwaeK", k}, {"dataSize", n}, {"hidden", hidden}}}};
}

Schema vae_schema() {
  return {
      integer_field("dataSize", "Data points N", 20000, 100, 100000, "Data",
                    "Points N near the circle; the first 3/4 train, the last 1/4 test."),
      number_field("dataNoise", "Data noise", 0.1, 0, 1, "Data",
                   "Noise of the data around the circle: x = (cos z, sin z) + noise·ε."),
      integer_field("latentDim", "Latent dimension", 1, 1, 2, "Model",
                    "Dimension of the latent z."),
      number_field("noiseScale", "Decoder noise σ", 0.1, 0.01, 2, "Model",
                   "Decoder noise σ: p(x|z) = N(x | f(z), σ²I).", "", true),
      integer_field("hidden", "Hidden units per layer", 20, 1, 200, "Model",
                    "Hidden ReLU units in each of the two layers of both networks."),
      number_field("lr", "Learning rate", 3e-4, 1e-6, 10, "Training", "Adam learning rate.", "",
                   true),
      integer_field("epochs", "Epochs", 500, 1, 5000, "Training", "Passes over the training set."),
      choice_field("objective", "Objective", "elbo", {"elbo", "iwae"}, "Training",
                   "What training maximizes: the ELBO, or the importance-weighted bound with "
                   "trainK samples per point (Burda et al. 2016)."),
      integer_field("trainK", "Training samples k", 8, 1, kMaxIwaeSamples, "Training",
                    "Samples per point of the importance-weighted training objective (objective "
                    "iwae only)."),
      integer_field("batchSize", "Minibatch size", 1000, 10, 100000, "Training",
                    "Points per minibatch; one optimizer step per minibatch."),
      integer_field("priorSamples", "Prior samples drawn", 10000, 0, 20000, "Display",
                    "Prior draws z ~ N(0, I) pushed through the decoder."),
      integer_field("displayPoints", "Points drawn", 1000, 0, 5000, "Display",
                    "Data and test points drawn (with reconstructions and gaps)."),
      integer_field("iwaeK", "Importance samples k", 16, 1, kMaxIwaeSamples, "Display",
                    "Samples per point of the importance-weighted bound L_k: k = 1 is the ELBO; "
                    "larger k brings the bound up toward log p(x)."),
      seed_field(),
  };
}

LabInfo vae_lab() {
  return {"vae",
          50,
          "Variational autoencoder on a circle",
          "How well does an amortized ELBO fit data on a curve, and where does it fall short?",
          "Notebook \"Neural Networks and VAEs\", part 2: a VAE on a noisy circle",
          // Live fields apply at the next step; Display fields are view; the rest restart.
          mark_kinds(vae_schema(), {"lr", "epochs"}),
          [](const Config& c) { check_work("vae", vae_work(c)); },
          [](const Config& c) { return std::make_unique<Vae>(c); },
          {},
          {},
          {}};
}

const LabRegistrar registrar(vae_lab);

}  // namespace

}  // namespace vi

// Lab 2's bnn method: a mean-field Gaussian (Bayes by backprop) ReLU network with Gaussian noise.
//
// Weights w ~ q = N(μ, softplus(ρ)) per entry, biases point estimates, prior N(0, bnn.priorVar);
// y | x, w ~ N(f_w(x), σₙ²) with σₙ learned (log σₙ is a parameter) or fixed at the true noise.
// Loss per training point: −(1/N)·ELBO = −mean log N(y | f_w(x), σₙ²) + KL(q ‖ p) / N, one
// weight draw per step. Predictions average S weight draws: where data pinned the weights down
// the draws agree; away from the data they fan out, so the band widens (epistemic uncertainty).
#include <algorithm>
#include <cmath>

#include "autodiff/gemm.h"
#include "distributions/normal.h"
#include "labs/calibration.h"
#include "labs/regression_methods.h"
#include "nn/init.h"
#include "nn/thin_relu_net.h"
#include "nn/variational_linear.h"

namespace vi {
namespace {

class BnnMethod : public RegressionMethod {
 public:
  BnnMethod(const RegressionData& data, const Config& c, uint64_t seed)
      : RegressionMethod("bnn", data, c, 1e-2f, seed),
        samples_(c.integer("bnn.samples")),
        learn_noise_(c.choice("bnn.noise") == "learned"),
        log_noise_("bnn.logNoise",
                   Matrix::Constant(1, 1, std::log(learn_noise_ ? 1.f : data.noise_std))) {
    std::vector<int> sizes{1};
    for (int i = 0; i < c.integer("bnn.layers"); ++i) sizes.push_back(c.integer("bnn.hidden"));
    sizes.push_back(1);
    const float prior_var = c.real("bnn.priorVar");
    // Means and biases start where a plain network would (the framework default, so the kinks
    // of the ReLUs are spread over the inputs); σ starts small and equal everywhere, so the
    // first steps behave like ordinary training and the data decide which weights stay unsure.
    const float init_std = c.real("bnn.initStd");
    // ρ₀ = softplus⁻¹(σ₀²) = log(e^{σ₀²} − 1), in double: expm1f differs between libcs.
    const double var0 = double(init_std) * init_std;
    const float rho0 = float(var0 + std::log(-std::expm1(-var0)));
    ParameterList params;
    for (size_t i = 0; i + 1 < sizes.size(); ++i) {
      layers_.emplace_back("bnn." + std::to_string(i), sizes[i], sizes[i + 1], prior_var, 0.f,
                           rho0);
      VariationalLinear& layer = layers_.back();
      layer.mu().value = init_weight(Init::FanInUniform, sizes[i], sizes[i + 1], rng_);
      layer.bias().value = init_bias(sizes[i], sizes[i + 1], rng_);
    }
    for (VariationalLinear& layer : layers_) layer.collect(params);
    if (learn_noise_) params.push_back(&log_noise_);
    use_adam(params, c.real("bnn.lr"));
  }

  void set_display(const Config& c) override { samples_ = c.integer("bnn.samples"); }

  Prediction predict(const Matrix& x, const Matrix* y, bool function_band) override {
    const Index n = x.rows();
    const float noise = noise_std();
    Matrix f;  // S×n: row s is function draw s at every input
    std::vector<float> noise_draws;
    sample_functions(x, f, noise_draws);
    f.transposeInPlace();  // row i: the S draws at input i, contiguous
    Prediction p;
    p.point.resize(size_t(n));
    p.band.resize(size_t(n));
    if (function_band) p.function_band.resize(size_t(n));
    const double var = double(noise) * noise;
    const double log_norm = -0.5 * std::log(2.0 * M_PI * var);
    double nll = 0.0;
    std::vector<float> draws(static_cast<size_t>(samples_)), y_draws(static_cast<size_t>(samples_));
    std::vector<double> logs(static_cast<size_t>(samples_));
    for (Index i = 0; i < n; ++i) {
      double total = 0.0;
      for (int s = 0; s < samples_; ++s) {
        draws[size_t(s)] = f(i, s);
        y_draws[size_t(s)] = f(i, s) + noise * noise_draws[size_t(s)];
        total += f(i, s);
      }
      p.point[size_t(i)] = float(total / samples_);  // the predictive mean
      set_band(p.band, size_t(i), y_draws);
      if (function_band) set_band(p.function_band, size_t(i), draws);
      if (y) {
        // −log p(y|x) for the mixture (1/S)·Σₛ N(y | f_s(x), σₙ²), by log-sum-exp over s.
        double top = -INFINITY;
        for (int s = 0; s < samples_; ++s) {
          const double r = double((*y)(i, 0)) - double(f(i, s));
          logs[size_t(s)] = -r * r / (2.0 * var);
          top = std::max(top, logs[size_t(s)]);
        }
        double sum = 0.0;
        for (double l : logs) sum += std::exp(l - top);
        nll -= log_norm + top + std::log(sum / samples_);
        // F(y | x) of the mixture: the mean of its components' CDFs.
        double cdf = 0.0;
        for (int s = 0; s < samples_; ++s) cdf += gaussian_pit((*y)(i, 0), f(i, s), noise);
        p.pit.push_back(cdf / samples_);
      }
    }
    if (y) p.nll = nll / double(n);
    return p;
  }

 protected:
  double train_step() override {
    tape_.clear();
    Var loss = neg_elbo_per_point(tape_, data_.train, &rng_);
    return minimize(loss);
  }

  std::pair<float, float> validation_losses() override {
    eval_tape_.clear();
    const float loss = neg_elbo_per_point(eval_tape_, data_.validation, &eval_rng_).item();
    eval_tape_.clear();
    const Matrix f = forward(eval_tape_, eval_tape_.constant(data_.validation.x), nullptr).value();
    const double mse = (f - data_.validation.y).cast<double>().squaredNorm() / double(f.rows());
    return {loss, float(mse)};  // MSE of the network at the posterior-mean weights
  }

  void extra_metrics(Json& m) override {
    m["noiseStd"] = double(noise_std());
    m["kl"] = double(kl().item());
  }

 private:
  // S = bnn.samples function draws f_w at the inputs x (n×1) into f (S×n), w ~ q from the fixed
  // predictive stream, and one noise draw per function draw (shared by all inputs: a smooth band).
  void sample_functions(const Matrix& x, Matrix& f, std::vector<float>& noise_draws) {
    const Index n = x.rows();
    Rng rng(kPredictiveSeed);
    std::vector<Matrix> sigma, w(layers_.size());  // σ = √softplus(ρ), and one draw, in × out
    for (const VariationalLinear& layer : layers_) sigma.push_back(layer.variance().cwiseSqrt());
    f.resize(samples_, n);
    noise_draws.resize(static_cast<size_t>(samples_));
    const Matrix x_row = x.transpose();  // 1×n
    Matrix eps, w_t, a, b;
    for (int s = 0; s < samples_; ++s) {
      for (size_t l = 0; l < layers_.size(); ++l) {
        eps.resize(sigma[l].rows(), sigma[l].cols());
        rng.fill_normal(eps);
        w[l] = layers_[l].mu().value + sigma[l].cwiseProduct(eps);
      }
      noise_draws[size_t(s)] = rng.normal_float();
      float* out = f.data() + s * n;
      if (layers_.size() == 2) {
        // One hidden layer: f(x) = b₂ + Σⱼ w₂ⱼ·relu(x·w₁ⱼ + b₁ⱼ), j in order, the inputs as the
        // inner loop (it vectorizes) and no hidden activations stored.
        const float* b1 = layers_[0].bias().value.data();
        for (Index i = 0; i < n; ++i) out[i] = 0.f;
        for (Index j = 0; j < w[0].cols(); ++j) {
          const float w1 = w[0](0, j), bias = b1[j], w2 = w[1](j, 0);
          for (Index i = 0; i < n; ++i) out[i] += w2 * std::max(x_row(0, i) * w1 + bias, 0.f);
        }
        const float b2 = layers_[1].bias().value(0, 0);
        for (Index i = 0; i < n; ++i) out[i] += b2;
        continue;
      }
      // Any depth: units × n activations, h_{l+1} = relu(W_lᵀ·h_l + b_lᵀ), streaming along n.
      const Matrix* in = &x_row;
      Matrix* next = &a;
      for (size_t l = 0; l < layers_.size(); ++l) {
        w_t = w[l].transpose();        // out × in
        matmul_into(w_t, *in, *next);  // out × n
        next->colwise() += layers_[l].bias().value.row(0).transpose();
        if (l + 1 < layers_.size()) *next = next->cwiseMax(0.f);
        in = next;
        next = next == &a ? &b : &a;
      }
      std::copy(in->data(), in->data() + n, out);
    }
  }

  // f_w(x) for one weight draw from `rng`, or at the posterior-mean weights when rng is null.
  Var forward(Tape& t, Var x, Rng* rng) {
    if (layers_.size() == 2) {
      // One hidden layer (the default): one fused node, relu(x·W₁ + b₁)·W₂, then + b₂. Weights
      // are drawn in the same order as the general path's.
      VariationalLinear &hidden = layers_[0], &output = layers_[1];
      Var w1 = hidden.weight(t, rng);
      Var w2 = output.weight(t, rng);
      return thin_relu_net(x, w1, t.param(hidden.bias()), w2) + t.param(output.bias());
    }
    for (size_t i = 0; i < layers_.size(); ++i) {
      VariationalLinear& layer = layers_[i];
      x = rng ? layer.forward(t, x, *rng) : layer.forward_mean(t, x);
      if (i + 1 < layers_.size()) x = relu(x);
    }
    return x;  // R×1
  }

  Var kl_sum(Tape& t) {
    Var total = layers_[0].kl_sum(t);
    for (size_t i = 1; i < layers_.size(); ++i) total = total + layers_[i].kl_sum(t);
    return total;
  }

  Var kl() {
    eval_tape_.clear();
    return kl_sum(eval_tape_);
  }

  Var neg_elbo_per_point(Tape& t, const Dataset& d, Rng* rng) {
    Var f = forward(t, t.constant(d.x), rng);  // R×1
    Var log_var = 2.f * (learn_noise_ ? t.param(log_noise_) : t.constant(log_noise_.value));
    Var nll = -mean(normal_log_prob(t.constant(d.y), f, log_var));
    return nll + kl_sum(t) * (1.f / float(data_.train.size()));
  }

  float noise_std() { return std::exp(log_noise_.value(0, 0)); }

  int samples_;
  bool learn_noise_;
  std::vector<VariationalLinear> layers_;
  Parameter log_noise_;
};

}  // namespace

std::unique_ptr<RegressionMethod> make_bnn_method(const RegressionData& data, const Config& c,
                                                  uint64_t seed) {
  return std::make_unique<BnnMethod>(data, c, seed);
}

}  // namespace vi

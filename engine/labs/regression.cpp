// Lab 2, regression: a point estimate (mle), the exercise's variational regression (vi) and a
// mean-field Bayesian network (bnn), trained side by side on the same noisy 1-D data.
//
// Shapes: N training and V validation points (x and y single columns); G plot inputs on the data's
// range and G on a range twice as wide, where the methods must extrapolate.
#include <algorithm>
#include <cmath>

#include "config/work_budget.h"
#include "labs/calibration.h"
#include "labs/own_points.h"
#include "labs/registry.h"
#include "labs/regression_methods.h"

namespace vi {
namespace {

// The plotted x range around the data (cubic: its grid; sine: ±4 standard deviations of x).
float data_half_range(const std::string& dataset) {
  return dataset == "cubic" ? 3.f : 4.f;
}

float true_function(const std::string& dataset, float x) {
  return dataset == "cubic" ? cubic_function(x) : float(std::sin(double(x)));
}

Matrix even_grid(float lo, float hi, int points) {
  Matrix g(points, 1);
  for (int i = 0; i < points; ++i) g(i, 0) = float(lo + (double(hi) - lo) * i / (points - 1));
  return g;
}

std::vector<float> to_vector(const Matrix& m) {
  return std::vector<float>(m.data(), m.data() + m.size());
}

std::vector<float> slice(const std::vector<float>& v, size_t begin, size_t count) {
  return std::vector<float>(v.begin() + long(begin), v.begin() + long(begin + count));
}

class Regression : public Lab {
 public:
  explicit Regression(const Config& c)
      : dataset_(c.choice("dataset")), half_range_(data_half_range(dataset_)) {
    Rng rng(uint64_t(c.integer("seed")));
    const bool cubic = dataset_ == "cubic";
    data_.noise_std = c.real(cubic ? "cubicNoise" : "sineNoise");
    const auto draw = [&](int n) {
      return cubic ? make_cubic(n, data_.noise_std, rng) : make_sine(n, data_.noise_std, rng);
    };
    const Dataset all = draw(c.integer("n"));
    // The student's points join the training set only: validation stays the exercise's, so its
    // metrics compare runs with and without them.
    if (c.choice("setup") == "notebook") {
      // The Stanford notebook trains on all n points; the held-out points are drawn afresh.
      data_.train = with_own_points(all, c.points("data"));
      const int held_out = int(std::lround(c.integer("n") * c.number("validationFraction")));
      data_.validation = draw(std::max(1, held_out));
    } else {
      Split split = random_split(all, c.number("validationFraction"), rng);
      data_.train = with_own_points(split.train, c.points("data"));
      data_.validation = std::move(split.validation);
    }
    // vi's prior N(m₀, v₀): the training targets' mean and unbiased variance (torch's .var()).
    const Eigen::VectorXd y = data_.train.y.col(0).cast<double>();
    data_.target_mean = y.mean();
    data_.target_var = (y.array() - data_.target_mean).square().sum() / double(y.size() - 1);

    // Each method draws from its own stream, so its numbers do not depend on the others' budgets
    // or on how the steps are chunked.
    const uint64_t mle_seed = next_seed(rng), vi_seed = next_seed(rng), bnn_seed = next_seed(rng);
    methods_.push_back(make_mle_method(data_, c, mle_seed));
    methods_.push_back(make_vi_method(data_, c, vi_seed));
    methods_.push_back(make_bnn_method(data_, c, bnn_seed));
    for (auto& method : methods_) add_method(*method);

    set_display(c);
  }

  Json metrics() override {
    Json m = Json::object();
    m["dataset"] = dataset_;
    m["trueNoiseStd"] = data_.noise_std;
    for (size_t k = 0; k < methods_.size(); ++k) m[methods_[k]->name()] = cached(k).metrics;
    return m;
  }

  Json views() override {
    Json v = Json::object();
    v["dataset"] = dataset_;
    v["x"] = slice(to_vector(grid_), 0, size_t(grid_points_));
    v["xWide"] = slice(to_vector(grid_), size_t(grid_points_), size_t(grid_points_));
    std::vector<float> truth(size_t(grid_.rows()));
    for (Index i = 0; i < grid_.rows(); ++i)
      truth[size_t(i)] = true_function(dataset_, grid_(i, 0));
    v["truth"] = slice(truth, 0, size_t(grid_points_));
    v["truthWide"] = slice(truth, size_t(grid_points_), size_t(grid_points_));
    v["dataRange"] = std::vector<float>{-half_range_, half_range_};
    v["dataX"] = scatter_x_;
    v["dataY"] = scatter_y_;
    v["trueNoiseStd"] = data_.noise_std;
    const std::vector<double> levels = nominal_levels();
    v["coverageLevels"] = std::vector<float>(levels.begin(), levels.end());
    for (size_t k = 0; k < methods_.size(); ++k) {
      const RegressionMethod* method = methods_[k].get();
      Json mv = Json::object();
      const Prediction& p = cached(k).grid;
      add_curve(mv, "point", p.point);
      add_curve(mv, "lower", p.band.lower);
      add_curve(mv, "median", p.band.median);
      add_curve(mv, "upper", p.band.upper);
      if (!p.function_band.lower.empty()) {
        add_curve(mv, "fLower", p.function_band.lower);
        add_curve(mv, "fUpper", p.function_band.upper);
      }
      mv["coverage"] = cached(k).coverage;
      mv["step"] = method->steps_done();
      mv["steps"] = method->budget();
      method->history().export_to(mv);
      v[method->name()] = mv;
    }
    return v;
  }

 private:
  void apply_settings(const Config& c, const std::vector<std::string>&) override {
    for (auto& method : methods_) method->set_display(c);
    set_display(c);
  }

  // The plot grids and the points drawn; forgets every method's cached predictions.
  void set_display(const Config& c) {
    grid_points_ = c.integer("gridPoints");
    // Both plot grids in one column (narrow then wide), so each method predicts once per frame.
    grid_.resize(2 * grid_points_, 1);
    grid_.topRows(grid_points_) = even_grid(-half_range_, half_range_, grid_points_);
    grid_.bottomRows(grid_points_) = even_grid(-2 * half_range_, 2 * half_range_, grid_points_);

    scatter_x_.clear();
    scatter_y_.clear();
    const int shown = std::min(c.integer("scatterPoints"), int(data_.train.size()));
    for (int k = 0; k < shown; ++k) {
      const Index i = Index(int64_t(k) * data_.train.size() / shown);  // evenly spread rows
      scatter_x_.push_back(data_.train.x(i, 0));
      scatter_y_.push_back(data_.train.y(i, 0));
    }
    cache_.assign(methods_.size(), MethodCache());
  }

  // What metrics() and views() report for a method. Both are polled with every frame (~30 Hz),
  // so they are recomputed only after the method's parameters changed.
  struct MethodCache {
    int version = -1;             // the parameters' version they describe (−1: not computed yet)
    Prediction grid;              // on both plot grids, with the function band where there is one
    Json metrics;                 // validation metrics, plus the mean band width beyond the data
    std::vector<float> coverage;  // validation coverage at each nominal level
  };

  const MethodCache& cached(size_t k) {
    RegressionMethod& method = *methods_[k];
    MethodCache& c = cache_[k];
    if (c.version == method.version()) return c;
    c.grid = method.predict(grid_, nullptr, true);
    c.metrics = method.metrics(&c.coverage);
    double total = 0.0;
    int count = 0;
    for (int i = grid_points_; i < 2 * grid_points_; ++i) {  // the wide grid, beyond the data
      if (std::fabs(grid_(i, 0)) <= half_range_) continue;
      total += double(c.grid.band.upper[size_t(i)]) - double(c.grid.band.lower[size_t(i)]);
      ++count;
    }
    c.metrics["bandWidthFar"] = count > 0 ? total / count : NAN;
    c.version = method.version();
    return c;
  }

  static uint64_t next_seed(Rng& rng) {
    const uint64_t hi = rng.next_u32();
    return (hi << 32) | rng.next_u32();
  }

  // `key` on the narrow grid and `key`Wide on the wide one, from values over both grids.
  void add_curve(Json& out, const std::string& key, const std::vector<float>& both) const {
    out[key] = slice(both, 0, size_t(grid_points_));
    out[key + "Wide"] = slice(both, size_t(grid_points_), size_t(grid_points_));
  }

  std::string dataset_;
  float half_range_;
  int grid_points_ = 0;
  RegressionData data_;
  std::vector<std::unique_ptr<RegressionMethod>> methods_;
  Matrix grid_;  // 2G×1: the data-range grid, then the wide grid
  std::vector<float> scatter_x_, scatter_y_;
  std::vector<MethodCache> cache_;
};

// What one erfc costs, in products (a rational approximation and an exp).
constexpr double kErfcProducts = 20;

// The products per input of the mle network's hidden layers beyond the first.
double mle_layers_point(const Config& c) {
  const double h = c.integer("mle.hidden");
  return h * h * (c.integer("mle.layers") - 1);
}

// Upper bounds on each call's products. A step round: every method forward and backward on the
// training set (about 3× a forward pass); the first metrics() or views() after new weights: every
// method's draws on the validation set and both plot grids, sorted per input for the bands, and
// the bnn mixture's CDF at each validation target (an erfc per draw, counted as kErfcProducts).

std::vector<WorkEstimate> regression_work(const Config& c) {
  const double n = c.integer("n") + c.points("data").count(),
               val = std::ceil(n * c.number("validationFraction"));
  const double hidden = c.integer("bnn.hidden"), layers = c.integer("bnn.layers");
  const double bnn_point = 2 * hidden + hidden * hidden * (layers - 1);  // products per input
  const double mle_point = 3.0 * c.integer("mle.hidden");
  const double inputs = val + 2.0 * c.integer("gridPoints");
  const double vi_s = c.integer("vi.samples"), bnn_s = c.integer("bnn.samples");
  const double train = c.choice("setup") == "notebook" ? n : n - val;
  return {{"step",
           3 * train * (mle_point + mle_layers_point(c) + bnn_point + 8),
           kCallBudget,
           {{"n", n},
            {"mle.hidden", c.integer("mle.hidden")},
            {"bnn.hidden", hidden},
            {"bnn.layers", layers}}},
          {"metrics and views",
           inputs * (bnn_s * (bnn_point + std::log2(bnn_s)) + vi_s * std::log2(vi_s) + mle_point +
                     mle_layers_point(c)) +
               val * bnn_s * kErfcProducts,
           kCallBudget,
           {{"bnn.samples", bnn_s},
            {"vi.samples", vi_s},
            {"n", n},
            {"validationFraction", c.number("validationFraction")},
            {"gridPoints", c.integer("gridPoints")},
            {"bnn.hidden", hidden},
            {"bnn.layers", layers}}}};
}

Schema regression_schema() {
  return {
      choice_field("dataset", "Data set", "cubic", {"cubic", "sine"}, "Data",
                   "cubic: y = 0.2x³ − 2x³ + 8x + noise on an even grid of [−3, 3]; sine: "
                   "y = sin x + noise at x ~ N(0, 1)."),
      points_field("data", "Your points", {{"x", -8, 8}, {"y", -50, 50}}, 200, "Data",
                   "Points you add to the training data (click the main plot to add one, drag to "
                   "move it, Delete or right-click to remove it), on top of the exercise's data; "
                   "written x,y_x,y."),
      integer_field("n", "Data points", 10000, 100, 50000, "Data",
                    "Number of data points (train + validation)."),
      number_field("cubicNoise", "Noise σ (cubic)", 1.5, 0.01, 10, "Data",
                   "Noise standard deviation σ of cubic.", "", true),
      number_field("sineNoise", "Noise σ (sine)", 0.1, 0.01, 2, "Data",
                   "Noise standard deviation σ of sine.", "", true),
      number_field("validationFraction", "Held-out fraction", 0.2, 0.05, 0.5, "Data",
                   "Fraction of the points held out, at random, for validation."),
      choice_field("setup", "Training setup", "post", {"post", "notebook"}, "Data",
                   "Whose setup the methods train in. post: the Korean post's (after Ritchie "
                   "Vink): the held-out fraction is split off and mle minimizes ½·MSE. notebook: "
                   "the Stanford notebook's part 1: every one of the n points trains and mle "
                   "minimizes the plain MSE (the notebook runs 2 000 steps); the held-out points "
                   "are drawn afresh from the same process."),
      integer_field("mle.hidden", "mle hidden units", 20, 1, 500, "Model",
                    "mle: units per hidden layer."),
      integer_field("mle.layers", "mle hidden layers", 1, 1, 3, "Model",
                    "mle: hidden layers (the notebook's first exercise adds one)."),
      choice_field("mle.activation", "mle activation", "relu", {"relu", "sigmoid", "tanh", "gelu"},
                   "Model",
                   "mle: the hidden layers' nonlinearity (the notebook's third exercise)."),
      choice_field("mle.optimizer", "mle optimizer", "adam", {"adam", "sgd", "momentum", "rmsprop"},
                   "Training",
                   "mle: Adam; plain SGD; SGD with momentum 0.9; or RMSProp (α = 0.99), the "
                   "notebook's fourth exercise."),
      number_field("mle.lr", "mle learning rate", 1e-3, 1e-5, 10, "Training",
                   "mle: the optimizer's learning rate.", "", true),
      integer_field("mle.steps", "mle steps", 10000, 0, 200000, "Training",
                    "mle: full-batch steps (0 leaves it untrained)."),
      number_field("vi.lr", "vi learning rate", 1e-3, 1e-5, 10, "Training",
                   "vi: Adam learning rate.", "", true),
      integer_field("vi.steps", "vi steps", 1000, 0, 100000, "Training",
                    "vi: full-batch steps (0 leaves it untrained)."),
      integer_field("bnn.hidden", "bnn hidden units", 50, 1, 200, "Model",
                    "bnn: ReLU units per hidden layer."),
      integer_field("bnn.layers", "bnn hidden layers", 1, 1, 3, "Model", "bnn: hidden layers."),
      number_field("bnn.priorVar", "bnn prior variance", 1, 1e-3, 100, "Model",
                   "bnn: prior variance of every weight.", "", true),
      number_field("bnn.initStd", "bnn initial weight std", 1e-2, 1e-4, 1, "Model",
                   "bnn: initial posterior standard deviation of every weight.", "", true),
      choice_field("bnn.noise", "bnn noise σₙ", "learned", {"learned", "true"}, "Model",
                   "bnn: observation noise σₙ learned with the weights, or fixed at the true σ."),
      number_field("bnn.lr", "bnn learning rate", 1e-2, 1e-5, 10, "Training",
                   "bnn: Adam learning rate.", "", true),
      integer_field("bnn.steps", "bnn steps", 3000, 0, 100000, "Training",
                    "bnn: full-batch steps (0 leaves it untrained)."),
      integer_field("vi.samples", "vi draws per input", 1000, 10, 10000, "Display",
                    "vi: Monte Carlo draws of ŷ behind its band (the original uses 1 000)."),
      integer_field("bnn.samples", "bnn weight draws", 100, 10, 2000, "Display",
                    "bnn: weight draws behind its band and its validation metrics."),
      integer_field("gridPoints", "Plot resolution", 201, 21, 1001, "Display",
                    "Inputs at which curves are drawn."),
      integer_field("scatterPoints", "Points drawn", 2000, 0, 50000, "Display",
                    "Training points drawn."),
      seed_field(),
  };
}

LabInfo regression_lab() {
  auto only = [](const char* a, const char* b) {
    return RawConfig{{a, RawValue::of_number(0)}, {b, RawValue::of_number(0)}};
  };
  return {"regression",
          20,
          "Point estimate vs predictive uncertainty",
          "How sure is a regression network, near its data and far from it?",
          "Variational inference from scratch (seunghan96, after Ritchie Vink) and Stats 305C "
          "(Stanford) neural networks and VAEs, part 1",
          // Live fields apply at the next step; Display fields are view; the rest restart.
          mark_kinds(regression_schema(),
                     {"mle.lr", "mle.steps", "vi.lr", "vi.steps", "bnn.lr", "bnn.steps"}),
          [](const Config& c) { check_work("regression", regression_work(c)); },
          [](const Config& c) { return std::make_unique<Regression>(c); },
          {{"regression/mle", only("vi.steps", "bnn.steps")},
           {"regression/vi", only("mle.steps", "bnn.steps")},
           {"regression/bnn", only("mle.steps", "vi.steps")}},
          {{"mle", {"mle"}, 0.137}, {"vi", {"vi"}, 6.43}, {"bnn", {"bnn"}, 0.37}},
          {}};
}

const LabRegistrar registrar(regression_lab);

}  // namespace

}  // namespace vi

// Dataset generators: sizes, labels and statistics.
#include "data/datasets.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "data/batches.h"

using namespace vi;

TEST_CASE("blobs are centred where asked with the asked spread", "[data]") {
  Rng rng(0);
  Dataset d = make_blobs(400, -2, -2, 2, 2, 0.8f, rng);
  REQUIRE(d.size() == 400);
  CHECK(d.y.sum() == 200);
  const Matrix first = d.x.topRows(200), second = d.x.bottomRows(200);
  // Sample means of 200 points with sd 0.8: standard error 0.057; allow 4 of them.
  CHECK(first.col(0).mean() == Approx(-2).margin(0.23));
  CHECK(second.col(1).mean() == Approx(2).margin(0.23));
  const double var = (first.col(0).array() - first.col(0).mean()).square().mean();
  CHECK(std::sqrt(var) == Approx(0.8).margin(0.1));
}

TEST_CASE("two moons interleave with the scikit-learn geometry", "[data]") {
  Rng rng(0);
  Dataset d = make_moons(1000, 0.0f, rng);
  REQUIRE(d.size() == 1000);
  CHECK(d.y.sum() == 500);
  // Noise-free: the outer moon lies on the unit circle, the inner on a circle centred (1, 0.5).
  for (Index i = 0; i < 500; ++i) REQUIRE(d.x.row(i).norm() == Approx(1.f).epsilon(1e-5));
  for (Index i = 500; i < 1000; ++i)
    REQUIRE(std::hypot(d.x(i, 0) - 1.f, d.x(i, 1) - 0.5f) == Approx(1.f).epsilon(1e-5));
}

TEST_CASE("the circle data keeps its latent angle and noise level", "[data]") {
  Rng rng(0);
  Dataset d = make_circle(20000, 0.1f, rng);
  REQUIRE(d.x.rows() == 20000);
  const Eigen::ArrayXf radius = d.x.rowwise().norm().array();
  CHECK(radius.mean() == Approx(1.0).margin(0.01));  // E‖(cos z, sin z) + 0.1ε‖ ≈ 1.005
  const Eigen::ArrayXf dx = d.x.col(0).array() - d.y.col(0).array().cos();
  CHECK(std::sqrt(dx.square().mean()) == Approx(0.1).margin(0.005));
}

TEST_CASE("the cubic lies on its even grid with noise 1.5", "[data]") {
  Rng rng(0);
  Dataset d = make_cubic(10000, 1.5f, rng);
  CHECK(d.x(0, 0) == -3.f);
  CHECK(d.x(9999, 0) == 3.f);
  double s2 = 0;
  for (Index i = 0; i < d.size(); ++i) s2 += std::pow(d.y(i, 0) - cubic_function(d.x(i, 0)), 2);
  CHECK(std::sqrt(s2 / 10000) == Approx(1.5).margin(0.05));
  CHECK(cubic_function(1.f) == Approx(6.2f));  // 0.2 − 2 + 8
}

TEST_CASE("a random split partitions the rows 80/20", "[data]") {
  Rng rng(0);
  Dataset d = make_sine(1000, 0.1f, rng);
  Split s = random_split(d, 0.2, rng);
  CHECK(s.train.size() == 800);
  CHECK(s.validation.size() == 200);
  const double total = d.x.sum(), parts = s.train.x.sum() + s.validation.x.sum();
  CHECK(parts == Approx(total).margin(1e-3));  // the same rows, each once
}

TEST_CASE("minibatches cover every row once per epoch", "[data]") {
  Rng rng(0);
  Minibatches batches(2500, 1000);
  REQUIRE(batches.batches_per_epoch() == 3);
  std::vector<int> seen(2500, 0);
  for (Index b = 0; b < 3; ++b)
    for (int i : batches.batch(b, rng)) ++seen[size_t(i)];
  for (int count : seen) REQUIRE(count == 1);
}

TEST_CASE("gather_rows copies the listed rows in their order, repeats included", "[data]") {
  Matrix x(4, 3);
  for (Index r = 0; r < 4; ++r)
    for (Index c = 0; c < 3; ++c) x(r, c) = float(10 * r + c);
  Matrix out(7, 7);  // resized to the batch
  gather_rows(x, {2, 0, 2, 3}, out);
  REQUIRE(out.rows() == 4);
  REQUIRE(out.cols() == 3);
  const int rows[] = {2, 0, 2, 3};
  for (Index i = 0; i < 4; ++i) CHECK(out.row(i) == x.row(rows[i]));
}

TEST_CASE("sensor readings centre on −A·log of the squared distance", "[data]") {
  Rng rng(0);
  Matrix sensors(1, 2);
  sensors << 1.f, 0.f;
  Matrix x = sensor_readings(sensors, 0.f, 0.f, 10.f, 5.f, 20000, rng);
  CHECK(x.mean() == Approx(0.0).margin(0.07));  // log 1 = 0; standard error √5/√20000 = 0.016
}

// Normal log density and KL against closed forms and Monte Carlo estimates.
#include "distributions/normal.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "distributions/bernoulli.h"

using namespace vi;

TEST_CASE("normal log density matches the closed form in every parameterization", "[dist]") {
  Tape t;
  Matrix x(1, 1), m(1, 1), lv(1, 1);
  x << 0.3f;
  m << -0.5f;
  lv << std::log(2.f);
  const double expected = -0.5 * std::log(2 * M_PI * 2.0) - 0.64 / 4.0;  // (0.8)²/(2·2)
  CHECK(normal_log_prob(t.constant(x), t.constant(m), t.constant(lv)).item() ==
        Approx(expected).epsilon(1e-6));
  Matrix sd = Matrix::Constant(1, 1, std::sqrt(2.f));
  CHECK(normal_log_prob_std(t.constant(x), t.constant(m), t.constant(sd)).item() ==
        Approx(expected).epsilon(1e-6));
  CHECK(normal_log_prob_fixed(t.constant(x), t.constant(m), std::sqrt(2.f)).item() ==
        Approx(expected).epsilon(1e-6));
  CHECK(normal_log_prob(0.3, -0.5, 2.0) == Approx(expected));
}

TEST_CASE("KL to the standard normal matches the general Gaussian KL", "[dist]") {
  Tape t;
  Matrix m(1, 2), lv(1, 2);
  m << 0.7f, -1.2f;
  lv << -0.4f, 0.9f;
  Var kl = kl_to_standard_normal(t.constant(m), t.constant(lv));
  for (int d = 0; d < 2; ++d)
    CHECK(kl.value()(0, d) ==
          Approx(kl_normal(m(0, d), std::exp(lv(0, d)), 0.0, 1.0)).epsilon(1e-5));
  Var kl2 = kl_normal(t.constant(m), t.constant(Matrix((lv.array() * 0.5f).exp())),
                      t.constant(Matrix::Zero(1, 2)), t.constant(Matrix::Ones(1, 2)));
  CHECK(kl2.value().isApprox(kl.value(), 1e-5f));
}

TEST_CASE("Gaussian KL agrees with a Monte Carlo estimate", "[dist]") {
  // KL(q‖p) = E_q[log q − log p]; 200 000 draws give a standard error near 0.002 here.
  const double mq = 0.5, vq = 0.3, mp = -0.2, vp = 1.7;
  Rng rng(42);
  double total = 0.0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double z = mq + std::sqrt(vq) * rng.normal();
    total += normal_log_prob(z, mq, vq) - normal_log_prob(z, mp, vp);
  }
  CHECK(total / n == Approx(kl_normal(mq, vq, mp, vp)).margin(0.01));
}

TEST_CASE("reparameterized samples have the requested moments", "[dist]") {
  Tape t;
  Rng rng(3);
  Var s = normal_rsample(t.constant(Matrix::Constant(20000, 1, 2.f)),
                         t.constant(Matrix::Constant(1, 1, 0.5f)), rng);
  const double mean = s.value().mean();
  const double var = (s.value().array() - float(mean)).square().mean();
  CHECK(mean == Approx(2.0).margin(0.02));  // 4 standard errors of 0.5/√20000
  CHECK(var == Approx(0.25).margin(0.01));
}

TEST_CASE("Bernoulli entropy and NLL match their definitions", "[dist]") {
  CHECK(bernoulli_entropy(0.5) == Approx(std::log(2.0)));
  CHECK(bernoulli_entropy(0.0) == 0.0);
  CHECK(bernoulli_entropy(1.0) == 0.0);
  CHECK(bernoulli_nll(0.8, 1.0) == Approx(-std::log(0.8)));
  CHECK(std::isfinite(bernoulli_nll(0.0, 1.0)));  // clamped at 1e-7: 16.1 nats, not infinity
}

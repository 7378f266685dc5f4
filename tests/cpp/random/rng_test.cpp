// The generator: normal moments, reproducibility, and the portable logarithm.
#include "random/rng.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

using namespace vi;

TEST_CASE("the first 10 000 normals have mean 0 and variance 1", "[random]") {
  Rng rng(0);
  double s = 0, s2 = 0;
  const int n = 10000;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    s += z;
    s2 += z * z;
  }
  const double mean = s / n, var = s2 / n - mean * mean;
  CHECK(std::fabs(mean) < 0.04);     // 4 standard errors (1/√10000 = 0.01)
  CHECK(std::fabs(var - 1) < 0.06);  // 4 standard errors (√(2/10000) ≈ 0.014)
}

TEST_CASE("the same seed gives the same stream and different seeds differ", "[random]") {
  Rng a(123), b(123), c(124);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const double x = a.normal();
    REQUIRE(x == b.normal());
    differs |= x != c.normal();
  }
  CHECK(differs);
}

TEST_CASE("uniform_int is in range and hits every value", "[random]") {
  Rng rng(1);
  std::set<int> seen;
  for (int i = 0; i < 1000; ++i) {
    const int v = rng.uniform_int(7);
    REQUIRE(v >= 0);
    REQUIRE(v < 7);
    seen.insert(v);
  }
  CHECK(seen.size() == 7);
}

TEST_CASE("portable_log agrees with std::log to double precision", "[random]") {
  for (double x : {1e-300, 1e-10, 0.001, 0.5, 0.7071, 1.0, 1.5, 2.0, 10.0, 12345.678, 1e300})
    CHECK(portable_log(x) == Approx(std::log(x)).epsilon(1e-15).margin(1e-15));
}

TEST_CASE("a permutation holds every index once", "[random]") {
  Rng rng(2);
  std::vector<int> p;
  rng.permutation(50, p);
  std::set<int> s(p.begin(), p.end());
  CHECK(s.size() == 50);
  CHECK(*s.begin() == 0);
  CHECK(*s.rbegin() == 49);
}

TEST_CASE("a Bernoulli threshold draws with probability p", "[random]") {
  CHECK(bernoulli_threshold(0.0) == 0u);
  CHECK(bernoulli_threshold(0.5) == 0x80000000u);
  CHECK(bernoulli_threshold(1.0) == 0xffffffffu);
  Rng rng(11);
  const uint32_t threshold = bernoulli_threshold(0.3);
  int hits = 0;
  for (int i = 0; i < 100000; ++i) hits += rng.bernoulli(threshold);
  CHECK(hits / 100000.0 == Approx(0.3).margin(0.005));  // 3.5 binomial standard deviations
}

TEST_CASE("fill_bernoulli draws the same numbers as one bernoulli call per entry", "[random]") {
  const BernoulliBits draw = bernoulli_bits(0.37);  // not a short binary fraction: 32 bits
  REQUIRE(draw.bits == 32);
  for (Index n : {0, 1, 3, 4, 7, 1001}) {
    Rng chained(5), serial(5);
    std::vector<float> out(size_t(n) + 1, -1.f);
    chained.fill_bernoulli(out.data(), n, draw, 1.f, 0.f);
    for (Index i = 0; i < n; ++i)
      CHECK(out[size_t(i)] == (serial.bernoulli(draw.threshold) ? 1.f : 0.f));
    CHECK(out[size_t(n)] == -1.f);                   // nothing written past n
    CHECK(chained.next_u32() == serial.next_u32());  // and the streams continue in step
  }
}

TEST_CASE("a dyadic p takes as few bits per draw as represent it", "[random]") {
  CHECK(bernoulli_bits(0.5).bits == 1);
  CHECK(bernoulli_bits(0.5).threshold == 1u);
  CHECK(bernoulli_bits(0.75).bits == 2);
  CHECK(bernoulli_bits(0.75).threshold == 3u);
  CHECK(bernoulli_bits(1.0 / 256).bits == 8);
  CHECK(bernoulli_bits(1.0 / 512).bits == 32);
  CHECK(bernoulli_bits(0.0).bits == 32);
  CHECK(bernoulli_bits(0.0).threshold == 0u);
  // p = ¾ in 2-bit draws: sixteen per output, lowest bits first, a fresh output per call.
  for (Index n : {0, 5, 16, 17, 100}) {
    Rng filled(8), serial(8);
    std::vector<float> out(size_t(n) + 1, -1.f);
    filled.fill_bernoulli(out.data(), n, bernoulli_bits(0.75), 1.f, 0.f);
    uint32_t u = 0;
    for (Index i = 0; i < n; ++i, u >>= 2) {
      if (i % 16 == 0) u = serial.next_u32();
      CHECK(out[size_t(i)] == ((u & 3u) < 3u ? 1.f : 0.f));
    }
    CHECK(out[size_t(n)] == -1.f);
    CHECK(filled.next_u32() == serial.next_u32());
  }
  // And the frequency is p.
  Rng rng(12);
  std::vector<float> out(100000);
  rng.fill_bernoulli(out.data(), Index(out.size()), bernoulli_bits(0.25), 1.f, 0.f);
  double hits = 0;
  for (float v : out) hits += v;
  CHECK(hits / 100000.0 == Approx(0.25).margin(0.005));  // 3.7 binomial standard deviations
}

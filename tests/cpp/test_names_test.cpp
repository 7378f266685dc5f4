// The test binary's own hygiene: every test case's name survives ctest's discovery.
#include <catch2/catch.hpp>

TEST_CASE(
    "no test name contains a semicolon, which ctest's discovery would split, silently "
    "dropping the test",
    "[tests]") {
  for (const Catch::TestCase& test : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
    INFO(test.getTestCaseInfo().name);
    CHECK(test.getTestCaseInfo().name.find(';') == std::string::npos);
  }
}

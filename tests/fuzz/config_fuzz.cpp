// Fuzz target: the first byte picks a lab, the rest are `key=value` lines fed to config parsing;
// a config that validates is built and stepped a few times, then its metrics and views are read.
// Lines after an empty line are changes for the running lab (Lab::configure, what the page's
// live settings call), applied between steps. Only ConfigError may escape parsing or configure;
// nothing may crash, leak or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "labs/registry.h"

namespace {

// Keeps a fuzzed config from asking for minutes of work (e.g. a 500-unit network on 10⁴ points):
// steps are capped, and a lab is stepped at most three times.
constexpr int kMaxSteps = 3;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& labs = vi::registry();
  const vi::LabInfo& info = labs[data[0] % labs.size()];
  vi::RawConfig raw, changes;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t start = 0;
  std::unique_ptr<vi::Lab> lab;
  try {
    vi::RawConfig* into = &raw;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      if (line.empty())
        into = &changes;
      else
        into->push_back(vi::parse_assignment(info.name, line));
      start = end + 1;
    }
    lab = vi::create_lab(info.name, raw);
  } catch (const vi::ConfigError&) {
    return 0;  // rejected with a message: the expected outcome for most inputs
  }
  lab->step(kMaxSteps);
  try {
    lab->configure(changes);
  } catch (const vi::ConfigError&) {
    // refused, naming the field: the lab must go on as it was
  }
  lab->step(kMaxSteps);
  (void)vi::full_metrics(*lab).dump();
  (void)lab->views().dump();
  return 0;
}

// vilab bench: times every lab's default training run (per method where a lab has several), and
// the lab's construction before it (what opening the lab, a reset or a seed of a sweep waits for).
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "commands.h"
#include "labs/registry.h"

namespace vi::cli {

int bench(const Args& args) {
  std::string only;
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json")
      json = true;
    else if (args[i] == "--lab" && i + 1 < args.size() && only.empty())
      only = args[++i];
    else if (args[i] == "--lab")
      throw std::invalid_argument(i + 1 < args.size() ? "bench: --lab is given twice"
                                                      : "bench: --lab needs a value");
    else
      throw std::invalid_argument("bench: unknown option '" + args[i] + "'");
  }
  if (!only.empty()) find_lab(only);  // a clear error for an unknown lab
  Json rows = Json::array();
  if (!json)
    std::printf("%-24s %-7s %8s %10s %12s %8s %8s\n", "lab", "build", "steps", "seconds", "steps/s",
                "GFLOP/s", "build s");
  for (const LabInfo& info : registry()) {
    if (!only.empty() && info.name != only) continue;
    std::vector<BenchRun> runs = info.bench_runs;
    if (runs.empty()) runs.push_back({info.name, {}});
    for (const BenchRun& run : runs) {
      const auto built = std::chrono::steady_clock::now();
      auto lab = create_lab(info.name, run.config);
      const auto start = std::chrono::steady_clock::now();
      const double build_seconds = std::chrono::duration<double>(start - built).count();
      while (lab->step(1000) > 0) {
      }
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const int steps = lab->progress().step;
      Json row = Json::object();
      row["lab"] = run.label;
      row["build"] = "native";
      row["steps"] = steps;
      row["seconds"] = seconds;
      row["stepsPerSecond"] = steps / seconds;
      row["buildSeconds"] = build_seconds;
      const double gflops = lab->flops() / seconds / 1e9;
      if (lab->flops() > 0) row["gflops"] = gflops;
      if (!json)
        std::printf("%-24s %-7s %8d %10.3f %12.1f %8.2f %8.3f\n", run.label.c_str(), "native",
                    steps, seconds, steps / seconds, gflops, build_seconds);
      rows.push_back(row);
    }
  }
  if (json) std::printf("%s\n", rows.dump().c_str());
  return 0;
}

}  // namespace vi::cli

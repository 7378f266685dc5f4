// list, defaults, schema and run.
#include "commands.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "config/number_text.h"
#include "config/schema.h"
#include "labs/registry.h"
#include "labs/schedule.h"
#include "random/rng.h"
#include "util/json_parse.h"

namespace vi::cli {
namespace {

const std::string& lab_argument(const Args& args, const char* command) {
  if (args.empty()) throw std::invalid_argument(std::string(command) + ": missing <lab>");
  return args[0];
}

// Arguments beyond the `count` a command takes are an error, never ignored.
void no_more_than(const Args& args, size_t count, const char* command) {
  if (args.size() > count)
    throw std::invalid_argument(std::string(command) + ": unexpected argument '" + args[count] +
                                "'");
}

const std::string& option_value(const Args& args, size_t& i) {
  if (i + 1 >= args.size()) throw std::invalid_argument("option " + args[i] + " needs a value");
  return args[++i];
}

// An integer in [0, max], written by the one number grammar (config/number_text.h).
int parse_count(const std::string& option, const std::string& text, long max) {
  double v = 0.0;
  if (!parse_number_text(text, v) || v != std::floor(v) || v < 0 || v > double(max))
    throw std::invalid_argument(option + " = '" + text + "': expected an integer in [0, " +
                                std::to_string(max) + "]");
  return int(v);
}

// The JSON in the file at `path` (a schedule, or the page's export holding one).
Json read_json_file(const std::string& option, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("run: " + option + ": cannot read '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return parse_json(text.str());
  } catch (const JsonParseError& e) {
    throw std::invalid_argument("run: " + option + " '" + path + "': " + e.what());
  }
}

}  // namespace

int list(const Args& args) {
  no_more_than(args, 0, "list");
  for (const LabInfo& info : registry())
    std::printf("%s\t%s\n", info.name.c_str(), info.title.c_str());
  return 0;
}

int defaults(const Args& args) {
  no_more_than(args, 1, "defaults");
  std::printf("%s\n",
              defaults_to_json(find_lab(lab_argument(args, "defaults")).schema).dump().c_str());
  return 0;
}

int schema(const Args& args) {
  no_more_than(args, 1, "schema");
  std::printf("%s\n", schema_to_json(find_lab(lab_argument(args, "schema")).schema).dump().c_str());
  return 0;
}

int run(const Args& args) {
  const std::string& name = lab_argument(args, "run");
  const LabInfo& info = find_lab(name);
  RawConfig raw;
  std::map<std::string, std::string> given;  // field -> the argument that set it
  const auto add = [&](std::pair<std::string, RawValue> entry, const std::string& argument) {
    const auto [it, fresh] = given.emplace(entry.first, argument);
    if (!fresh)
      throw std::invalid_argument("run: field '" + entry.first + "' is given twice (" + it->second +
                                  ", then " + argument + "); give it once");
    raw.push_back(std::move(entry));
  };
  int steps = -1;
  std::string schedule_path;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--set") {
      const std::string& text = option_value(args, i);
      add(parse_assignment(name, text), "--set " + text);
    } else if (a == "--steps") {
      if (steps >= 0) throw std::invalid_argument("run: --steps is given twice; give it once");
      steps = parse_count("--steps", option_value(args, i), 10000000);
    } else if (a == "--seed") {
      const std::string& text = option_value(args, i);
      add({"seed", RawValue::of_text(text)}, "--seed " + text);
    } else if (a == "--schedule") {
      if (!schedule_path.empty())
        throw std::invalid_argument("run: --schedule is given twice; give it once");
      schedule_path = option_value(args, i);
    } else if (a == "--json") {
      continue;  // JSON is the only output format
    } else {
      throw std::invalid_argument("run: unknown option or extra argument '" + a + "'");
    }
  }
  Schedule schedule;
  if (!schedule_path.empty()) {
    const Json file = read_json_file("--schedule", schedule_path);
    schedule = schedule_from_json(info.name, file);
    // The page's export also holds the settings the run started from: they come first, so
    // --set and --seed override them.
    const Json* start = file.kind() == Json::Kind::Object ? file.find("startConfig") : nullptr;
    if (start && start->kind() == Json::Kind::Object) {
      RawConfig base = raw_config_from_json(*start);
      raw.insert(raw.begin(), base.begin(), base.end());
    }
  }
  auto lab = create_lab(info.name, raw);
  if (!schedule_path.empty()) {
    run_schedule(*lab, schedule, steps);  // steps < 0: until done
  } else if (steps >= 0) {
    lab->step(steps);
  } else {
    // Until every budget is spent or training diverges.
    while (!lab->progress().done && !lab->progress().diverged)
      if (lab->step(1000) == 0) break;
  }
  std::printf("%s\n", full_metrics(*lab).dump().c_str());
  return lab->progress().diverged ? 3 : 0;
}

}  // namespace vi::cli

namespace vi::cli {

int normals(const Args& args) {
  if (args.size() != 2) throw std::invalid_argument("normals: expected <seed> <count>");
  Rng rng(uint64_t(parse_count("seed", args[0], max_seed)));
  const int count = parse_count("count", args[1], 10000000);
  // %a prints the exact bits, so a comparison with the WebAssembly stream is exact.
  for (int i = 0; i < count; ++i) std::printf("%a\n", rng.normal());
  return 0;
}

}  // namespace vi::cli

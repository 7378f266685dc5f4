// vilab: the native command-line front of the engine (list, defaults, schema, run, bench).
#include <cstdio>
#include <exception>
#include <string>

#include "commands.h"

namespace {

const char* kUsage =
    "usage: vilab list\n"
    "       vilab defaults <lab>\n"
    "       vilab schema <lab>\n"
    "       vilab run <lab> [--set key=value]... [--steps N] [--seed S]\n"
    "                 [--schedule file.json] [--json]\n"
    "       vilab bench [--lab <lab>] [--json]\n"
    "       vilab normals <seed> <count>\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string command = argv[1];
  const vi::cli::Args args(argv + 2, argv + argc);
  try {
    if (command == "list") return vi::cli::list(args);
    if (command == "defaults") return vi::cli::defaults(args);
    if (command == "schema") return vi::cli::schema(args);
    if (command == "run") return vi::cli::run(args);
    if (command == "bench") return vi::cli::bench(args);
    if (command == "normals") return vi::cli::normals(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::fprintf(stderr, "vilab: unknown command '%s'\n%s", command.c_str(), kUsage);
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vilab: %s\n", e.what());
    return 1;
  }
}

// The CLI's subcommands; each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace vi::cli {

using Args = std::vector<std::string>;

int list(const Args& args);
int defaults(const Args& args);
int schema(const Args& args);
int run(const Args& args);
int bench(const Args& args);
int normals(const Args& args);  // the generator's stream, for cross-build checks

}  // namespace vi::cli

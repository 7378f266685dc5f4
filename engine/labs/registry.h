// The registry of labs: bindings, CLI and tests iterate it instead of naming labs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "labs/lab.h"

namespace vi {

const std::vector<LabInfo>& registry();

// Throws ConfigError listing the known labs when `name` is not one of them.
const LabInfo& find_lab(const std::string& name);

// Validates `raw` against the lab's schema and builds the lab.
std::unique_ptr<Lab> create_lab(const std::string& name, const RawConfig& raw);

}  // namespace vi

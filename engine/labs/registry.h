// The registry of labs: each lab file registers itself with a LabRegistrar; bindings, CLI and
// tests iterate the registry instead of naming labs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "labs/lab.h"

namespace vi {

// Every registered lab, by ascending LabInfo::order (the gallery's order).
const std::vector<LabInfo>& registry();

// Throws ConfigError listing the known labs when `name` is not one of them.
const LabInfo& find_lab(const std::string& name);

// Validates `raw` against the lab's schema and builds the lab.
std::unique_ptr<Lab> create_lab(const std::string& name, const RawConfig& raw);

// A lab file registers its entry point with one static object at namespace scope:
//   const LabRegistrar registrar(localization_lab);
// The entry point runs on the first call to registry(), after static initialization, so it
// may build strings and schemas freely. The engine is linked as an object library (see
// CMakeLists.txt) so that no lab file is dropped for having no referenced symbol.
class LabRegistrar {
 public:
  explicit LabRegistrar(LabInfo (*entry)());
};

}  // namespace vi

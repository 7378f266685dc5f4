// One entry point per lab file; registry.cpp lists them.
#pragma once

#include "labs/lab.h"

namespace vi {

LabInfo localization_lab();

}  // namespace vi

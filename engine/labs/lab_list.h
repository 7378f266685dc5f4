// One entry point per lab file; registry.cpp lists them.
#pragma once

#include "labs/lab.h"

namespace vi {

LabInfo localization_lab();
LabInfo regression_lab();
LabInfo logistic_lab();
LabInfo moons_lab();
LabInfo vae_lab();
LabInfo neural_process_lab();

}  // namespace vi

// Gauss–Hermite quadrature: nodes tᵢ and weights wᵢ with ∫ e^{−t²} f(t) dt ≈ Σᵢ wᵢ f(tᵢ).
//
// For a Gaussian expectation, E_{N(μ, s²)}[f] ≈ Σᵢ (wᵢ/√π) f(μ + √2·s·tᵢ); exact for
// polynomials of degree up to 2n − 1.
#pragma once

#include <vector>

namespace vi {

void gauss_hermite(int n, std::vector<double>& nodes, std::vector<double>& weights);

}  // namespace vi

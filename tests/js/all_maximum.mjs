// A lab's all-maximum config: every number and integer field at its maximum, booleans on, choices
// and points at their defaults, the seed left out. Shared by tests/js/work_budget.test.mjs and
// scripts/bench_limits.mjs.
export function allMaximum(schema) {
  const config = {};
  for (const [key, spec] of Object.entries(schema)) {
    if (key === 'seed') continue;
    if (spec.type === 'number' || spec.type === 'integer') config[key] = spec.max;
    else if (spec.type === 'boolean') config[key] = true;
  }
  return config;
}

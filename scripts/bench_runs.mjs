// The WebAssembly half of the benchmark, shared by Node (scripts/bench.mjs) and the Chromium
// worker (scripts/bench_browser.mjs): each bench run's default training, its step loop timed, and
// the lab's construction before it (buildSeconds).

/** One row per bench run of the module `vi` (or of the lab `labFilter` only). */
export function timeRuns(vi, build, labFilter = null, onRow = () => {}) {
  const rows = [];
  for (const run of vi.benchRuns()) {
    if (labFilter && run.lab !== labFilter) continue;
    const built = performance.now();
    const lab = new vi.Lab(run.lab, run.config);
    const start = performance.now();
    const buildSeconds = (start - built) / 1000;
    while (lab.step(1000) > 0);
    const seconds = (performance.now() - start) / 1000;
    const steps = lab.metrics().step;
    const flops = lab.flops();
    lab.delete();
    const row = {
      lab: run.label,
      build,
      steps,
      seconds,
      stepsPerSecond: steps / seconds,
      buildSeconds,
    };
    if (flops > 0) row.gflops = flops / seconds / 1e9;
    rows.push(row);
    onRow(row);
  }
  return rows;
}

// The WebAssembly half of the benchmark, shared by Node (scripts/bench.mjs) and the Chromium
// worker (scripts/bench_browser.mjs): each bench run's default training, timed step loop only.

/** One row per bench run of the module `vi` (or of the lab `labFilter` only). */
export function timeRuns(vi, build, labFilter = null, onRow = () => {}) {
  const rows = [];
  for (const run of vi.benchRuns()) {
    if (labFilter && run.lab !== labFilter) continue;
    const lab = new vi.Lab(run.lab, run.config);
    const start = performance.now();
    while (lab.step(1000) > 0);
    const seconds = (performance.now() - start) / 1000;
    const steps = lab.metrics().step;
    const flops = lab.flops();
    lab.delete();
    const row = { lab: run.label, build, steps, seconds, stepsPerSecond: steps / seconds };
    if (flops > 0) row.gflops = flops / seconds / 1e9;
    rows.push(row);
    onRow(row);
  }
  return rows;
}

#!/usr/bin/env bash
# The C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer, then the libFuzzer target
# for a bounded time. Writes a one-line summary to $1/hardening-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
log=${1:-build/test-logs}
fuzz_seconds=${VILAB_FUZZ_SECONDS:-40}
mkdir -p "$log"

echo "== C++ tests under ASan + UBSan"
# One sanitized build of the engine serves the tests and the fuzzer.
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize --target vilab_tests vilab_fuzz >/dev/null
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset sanitize 2>&1 | tee "$log/sanitize.txt" | tail -n 3
grep -q "100% tests passed" "$log/sanitize.txt"
sanitized=$(grep -Eo 'out of [0-9]+' "$log/sanitize.txt" | grep -Eo '[0-9]+')

echo "== Fuzzing config parsing and lab steps for ${fuzz_seconds} s"
corpus=build/sanitize/corpus
bash tests/fuzz/corpus.sh "$corpus"
build/sanitize/vilab_fuzz "$corpus" -artifact_prefix=build/sanitize/ -max_total_time="$fuzz_seconds" -max_len=512 -timeout=20 \
  -print_final_stats=1 >"$log/fuzz.txt" 2>&1 || { tail -n 40 "$log/fuzz.txt"; exit 1; }
runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log/fuzz.txt" | grep -Eo '[0-9]+$')
echo "fuzzing: $runs executions in ${fuzz_seconds} s, no crash"
echo "Sanitizers: $sanitized C++ tests clean under ASan+UBSan; fuzzing: $runs executions in ${fuzz_seconds} s" \
  >"$log/hardening-summary.txt"

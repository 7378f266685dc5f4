#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: C++ (ctest), JavaScript (node --test),
# the browser tests (headless Chromium), and the C++ tests again under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

log=build/test-logs
mkdir -p "$log"
summary=()

echo "== Style (prettier, eslint, clang-format)"
npx --no-install prettier --check . >"$log/style.txt" 2>&1 || { cat "$log/style.txt"; exit 1; }
npx --no-install eslint . >>"$log/style.txt" 2>&1 || { cat "$log/style.txt"; exit 1; }
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror >>"$log/style.txt" 2>&1 ||
  { cat "$log/style.txt"; exit 1; }
summary+=("Style: prettier, eslint and clang-format clean")

echo "== C++ tests (ctest)"
ctest --preset native 2>&1 | tee "$log/ctest.txt" | tail -n 3
summary+=("C++: $(grep -Eo '[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log/ctest.txt" || echo 'see log')")
grep -q "100% tests passed" "$log/ctest.txt"

echo "== JavaScript tests (node --test)"
node --test --test-concurrency=2 tests/js/ 2>&1 | tee "$log/js.txt" | grep -E '^# (tests|pass|fail)'
summary+=("JS: $(grep -E '^# (pass|fail)' "$log/js.txt" | tr '\n' ' ')")
grep -q '^# fail 0' "$log/js.txt"

# The browser tests leave most of a core idle (they wait on pages): the sanitizer build for the
# hardening step below compiles beside them, one job at a time.
sanitize_build=
if [ -x scripts/test-hardening.sh ]; then
  (cmake --preset sanitize && cmake --build --preset sanitize -j 1 --target vilab_tests vilab_fuzz) \
    >"$log/sanitize-build.txt" 2>&1 &
  sanitize_build=$!
  trap 'kill "$sanitize_build" 2>/dev/null || true' EXIT
fi

if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  echo "== Browser tests (Chromium)"
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$log/e2e.txt" | grep -E '^# (tests|pass|fail)'
  summary+=("Browser: $(grep -E '^# (pass|fail)' "$log/e2e.txt" | tr '\n' ' ')")
  grep -q '^# fail 0' "$log/e2e.txt"
fi

if [ -n "$sanitize_build" ]; then
  wait "$sanitize_build" || { tail -n 40 "$log/sanitize-build.txt"; exit 1; }
fi

if [ -x scripts/test-hardening.sh ]; then
  bash scripts/test-hardening.sh "$log"
  summary+=("$(cat "$log/hardening-summary.txt")")
fi

echo
echo "All tests passed."
printf '  %s\n' "${summary[@]}"

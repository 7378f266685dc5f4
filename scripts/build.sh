#!/usr/bin/env bash
# Builds both targets (native CLI + tests, WebAssembly module) and the static site in build/web.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten needs its JS helpers (docs/toolchain.md)

start=$SECONDS
cmake --preset native >/dev/null
cmake --build --preset native
echo "native build: $((SECONDS - start)) s"
start=$SECONDS
cmake --preset wasm >/dev/null
cmake --build --preset wasm
echo "wasm build: $((SECONDS - start)) s"
node scripts/build_web.mjs

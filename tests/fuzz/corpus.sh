#!/usr/bin/env bash
# Writes a small starting corpus for the fuzzer (one valid config per lab, plus edge values) into $1.
set -euo pipefail
out=$1
mkdir -p "$out"
i=0
for field in "lr=0.01" "lr=nan" "seed=3" "steps=1e9" "hidden=1" "init=xavier" "dataset=sine" "x=1"; do
  for lab in 0 1 2 3 4 5; do
    printf "\\x0$lab%s\n" "$field" > "$out/seed_$i"
    i=$((i + 1))
  done
done

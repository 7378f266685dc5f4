#!/usr/bin/env bash
# Writes a small starting corpus for the fuzzer into $1: edge values for every registered lab
# (the first byte picks the lab, by its index in the registry). $2: the native CLI that lists
# the labs (default build/native/vilab).
set -euo pipefail
out=$1
cli=${2:-build/native/vilab}
count=$("$cli" list | wc -l)
mkdir -p "$out"
i=0
for field in "lr=0.01" "lr=nan" "seed=3" "steps=1e9" "hidden=1" "init=xavier" "dataset=sine" "x=1"; do
  for ((lab = 0; lab < count; lab++)); do
    printf "\\x$(printf %02x "$lab")%s\n" "$field" >"$out/entry_$i"
    i=$((i + 1))
  done
done
# Changes to a running lab (after an empty line): live, view, restart and unknown fields, each on
# one lab in turn, all cheap (each seed runs whole under the sanitizers before fuzzing starts).
lab=0
for change in "lr=0.5" "steps=2" "mcSamples=2" "evalPasses=3" "seed=4" "lr=inf" "x=1"; do
  printf "\\x$(printf %02x "$lab")seed=1\n\n%s\n" "$change" >"$out/entry_$i"
  i=$((i + 1))
  lab=$(((lab + 1) % count))
done

#!/usr/bin/env bash
# Runs a command with every core saturated by busy processes (one per core, or $SATURATE_JOBS),
# to check that it does not depend on the machine's speed: bash scripts/saturate.sh bash scripts/test.sh
# The busy processes run at the command's own priority and are stopped (by their ids) when the
# command ends; the command's exit status is returned.
set -uo pipefail
if [ $# -eq 0 ]; then
  echo "usage: bash scripts/saturate.sh <command> [args...]" >&2
  exit 2
fi
jobs=${SATURATE_JOBS:-$(nproc)}
pids=()
stop() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null
  pids=()
}
trap stop EXIT
trap 'exit 130' INT TERM
for _ in $(seq "$jobs"); do
  ( while :; do :; done ) &
  pids+=($!)
done
echo "saturate: $jobs busy processes (${pids[*]}) while running: $*" >&2
start=$SECONDS
"$@"
status=$?
echo "saturate: '$*' exited with $status after $((SECONDS - start)) s under load" >&2
exit $status

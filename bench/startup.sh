#!/usr/bin/env bash
# Startup cost of `hush --version` and `hush --help` against /bin/true (a process start), measured in the same run
# (STYLE: startup must not pay for libsodium, RE2 or YAML). Usage: bench/startup.sh [HUSH] [N]
set -euo pipefail
hush=${1:-build/hush}
n=${2:-500}
measure() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$n"); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(( (end - start) / n / 1000 ))
}
base=$(measure /bin/true)
version=$(measure "$hush" --version)
help=$(measure "$hush" --help)
printf '/bin/true       %6d us/run\n' "$base"
printf 'hush --version  %6d us/run  (+%d us over true)\n' "$version" $((version - base))
printf 'hush --help     %6d us/run  (+%d us over true)\n' "$help" $((help - base))

#!/usr/bin/env bash
# Runs every benchmark at full size on a release build and writes
# BENCHMARKS.md: each figure beside its baseline or target, and the machine
# it was measured on. Takes about ten minutes; printing needs root (a
# private CUPS with cups-pdf), as the tests do.
#
#   tools/benchmarks.sh [OUTPUT]      default: BENCHMARKS.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
output=${1:-BENCHMARKS.md}

cmake --preset release >/dev/null
cmake --build --preset release
# The build's files go to disk now, not during the first measured fsyncs.
sync
bench=build/release/tools/bench
data=build/release/bench-data
mkdir -p "$data"
export ENTREE_BENCH_TABLE=$data/table.md
rm -f "$ENTREE_BENCH_TABLE"

run() {
  echo "== $*"
  "$@"
}
run "$bench"/entree-bench-store --attendees 100000 --scans 2000 --dir "$data/store"
run "$bench"/entree-bench-kiosk --attendees 100000 --scans 300 --dir "$data/kiosk"
run "$bench"/entree-bench-badges --attendees 1000 --scans 100 --prints 20 \
  --dir "$data/badges"
run "$bench"/entree-bench-camera --scans 100 --guests 20 --dir "$data/camera"
run "$bench"/entree-bench-sync --attendees 2000 --scans 100 --seconds 60 \
  --offline 10000 --dir "$data/sync"
run "$bench"/entree-bench-reports --attendees 10000 --scans 3 --dir "$data/reports"
run "$bench"/entree-bench-seating --runs 5
run "$bench"/entree-bench-invite --attendees 2000 --dir "$data/invite"

# The crash test's count: scans shown and lost over its kills.
crash=$(ctest --test-dir build/release -R "killed again" -V 2>&1 |
  sed -n 's/.*crash test: //p' | tail -1)
echo "| kiosk killed with SIGKILL during a 10,000-scan storm | ${crash:-did not run} | target 0 lost, 0 doubled |" \
  >>"$ENTREE_BENCH_TABLE"

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
memory=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')
system=$(. /etc/os-release && echo "$PRETTY_NAME")
filesystem=$(df -T "$data" | awk 'NR == 2 {print $2}')
{
  echo "# Benchmarks"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') with \`tools/benchmarks.sh\`"
  echo "(release build, every figure from one run) on:"
  echo
  echo "- CPU: ${cpu:-unknown}, $(nproc) cores"
  echo "- memory: $memory"
  echo "- system: $system, Linux $(uname -r), data on $filesystem"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo
  echo "| figure | measured | baseline or target |"
  echo "| --- | --- | --- |"
  cat "$ENTREE_BENCH_TABLE"
} >"$output"
echo "wrote $output"

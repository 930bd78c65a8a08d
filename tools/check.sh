#!/usr/bin/env bash
# One command to prove the tree: installs what is missing, checks the
# formatting, builds with warnings as errors (gcc), runs every test, builds
# the .deb and checks it with lintian, builds again with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer and runs every test
# there, runs every fuzz target briefly, and runs the benchmarks once as a
# smoke test.
# CI runs exactly this.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh

echo "== format"
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find common kiosk tools tests -name '*.cpp' -o -name '*.h')
clang-format --dry-run -Werror $files

for preset in ci ci-asan; do
  echo "== build ($preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  echo "== test ($preset)"
  ASAN_OPTIONS=detect_leaks=1 ctest --preset "$preset" -j "$(nproc)"
  if [ "$preset" = ci ]; then
    echo "== package"
    tools/check-package.sh build/ci
  fi
done

echo "== fuzz (a short run of every target; tools/fuzz.sh alone runs long)"
tools/fuzz.sh --seconds 10

echo "== benchmark smoke runs"
build/ci/tools/bench/entree-bench-store --attendees 5000 --scans 200 \
  --dir build/ci/bench-data
build/ci/tools/bench/entree-bench-kiosk --attendees 5000 --scans 10 --walk-ins 3 \
  --dir build/ci/bench-kiosk-data
build/ci/tools/bench/entree-bench-badges --attendees 200 --scans 10 \
  --prints 3 --dir build/ci/bench-badges-data
build/ci/tools/bench/entree-bench-camera --scans 5 --guests 2 \
  --dir build/ci/bench-camera-data
build/ci/tools/bench/entree-bench-sync --attendees 200 --scans 10 \
  --seconds 2 --offline 500 --pull 2000 --pair-guests 300 \
  --dir build/ci/bench-sync-data
build/ci/tools/bench/entree-bench-reports --attendees 500 --scans 1 \
  --dir build/ci/bench-reports-data
build/ci/tools/bench/entree-bench-seating --runs 1
build/ci/tools/bench/entree-bench-invite --attendees 50 \
  --dir build/ci/bench-invite-data

#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan, UBSan) and runs
# each on its seed corpus (tests/fuzz/corpus/TARGET) plus what earlier runs
# found (build/fuzz/corpus/TARGET). Prints the executions per target; exits
# non-zero when a target finds a crash (the input is kept in
# build/fuzz/findings/).
#
#   tools/fuzz.sh                     10 million executions per target
#   tools/fuzz.sh --runs N [TARGET]   N executions
#   tools/fuzz.sh --seconds S         S seconds per target (CI: a short run)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

limit=(-runs=10000000)
targets=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) limit=(-runs="$2"); shift 2 ;;
    --seconds) limit=(-max_total_time="$2"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(badge_code csv_import door_scan invite_text kiosk_config kiosk_text sync_records time_zone)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

mkdir -p build/fuzz/findings
status=0
printf '%-14s %14s %9s  %s\n' target executions seconds result
for target in "${targets[@]}"; do
  work=build/fuzz/corpus/$target
  mkdir -p "$work"
  log=build/fuzz/$target.log
  start=$(date +%s)
  if build/fuzz/tests/fuzz/fuzz_"$target" "${limit[@]}" -print_final_stats=1 \
      -artifact_prefix=build/fuzz/findings/"$target"- \
      "$work" tests/fuzz/corpus/"$target" >"$log" 2>&1; then
    result="no finding"
  else
    result="FOUND A CRASH, see $log and build/fuzz/findings/"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  printf '%-14s %14s %9s  %s\n' "$target" "${runs:-?}" \
    "$(($(date +%s) - start))" "$result"
done
exit $status

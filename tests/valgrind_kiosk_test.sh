#!/usr/bin/env bash
# A headless kiosk session under valgrind's memcheck: start, a badge
# scanned at the door, the verdict, finding an invitation, staff mode,
# back. Fails on any memory error or definite leak.
# Usage: valgrind_kiosk_test.sh ENTREE ENTREE_KIOSK GUEST_LIST_CSV
set -euo pipefail
ENTREE=$1 kiosk=$2
source "$(dirname "$0")/wedge_test_lib.sh"
prepare_event "$3"
code=$("$ENTREE" token WC-006)
pin=$("$ENTREE" pin 2468)

cat >"$dir/script.txt" <<SCRIPT
wait 800
expect attract
scan $code
wait 800
expect verdict
wait 3500
press register
type mar
wait 500
expect find
press back
wait 300
press staff
type 2468
key enter
wait 800
expect staff
press dashboard
wait 800
expect dashboard
press back
press lock
wait 300
expect attract
quit
SCRIPT

status=0
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=software \
  valgrind --error-exitcode=99 --leak-check=full \
  --suppressions="$(dirname "$0")/valgrind.supp" \
  --errors-for-leak-kinds=definite --num-callers=30 \
  "$kiosk" --db "$ENTREE_DB" --kiosk valgrind --windowed --size 800x480 \
  --pin-hash "$pin" --script "$dir/script.txt" >"$dir/valgrind.log" 2>&1 ||
  status=$?
grep -E "ERROR SUMMARY|definitely lost" "$dir/valgrind.log" || true
if [ "$status" -ne 0 ]; then
  echo "the kiosk under valgrind exited with $status"
  cat "$dir/valgrind.log"
  exit 1
fi
case "$("$ENTREE" stats --json)" in
  *'"arrived":1,'*) ;;
  *) echo "the scan was not checked in"; exit 1 ;;
esac

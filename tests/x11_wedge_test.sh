#!/usr/bin/env bash
# Under a real X server (Xvfb, started by xvfb-run), xdotool types a badge
# code into the kiosk's X11 window as a keyboard-wedge scanner does, after a
# person has typed slowly; the scan must be checked in, the typing must not.
# Usage: x11_wedge_test.sh ENTREE ENTREE_KIOSK GUEST_LIST_CSV
set -euo pipefail
ENTREE=$1 kiosk=$2
source "$(dirname "$0")/wedge_test_lib.sh"
prepare_event "$3"

SDL_AUDIODRIVER=dummy "$kiosk" --db "$ENTREE_DB" --kiosk x11 --windowed \
  --size 800x480 2>"$dir/kiosk.log" &
pids+=($!)

window=
for _ in $(seq 100); do
  window=$(xdotool search --name '^Entree$' 2>/dev/null | head -n 1 || true)
  [ -n "$window" ] && break
  sleep 0.1
done
[ -n "$window" ] || { echo "no kiosk window"; cat "$dir/kiosk.log"; exit 1; }
xdotool windowfocus --sync "$window"
sleep 0.5

# A person typing slowly, then Enter: not a scan.
xdotool type --delay 150 "hello"
xdotool key Return
sleep 0.3
scan_until_checked_in
kill -0 "${pids[0]}" || { echo "the kiosk died"; exit 1; }
expect_one_check_in

#!/usr/bin/env bash
# Under a real X server (Xvfb, started by xvfb-run), xdotool types twenty
# badge codes into the kiosk's X11 window as a keyboard-wedge scanner does,
# after a person has typed slowly, with busy loops on every core beside it:
# each scan must be checked in at its first try, the typing must not.
# Usage: x11_wedge_test.sh ENTREE ENTREE_KIOSK GUEST_LIST_CSV
set -euo pipefail
ENTREE=$1 kiosk=$2
source "$(dirname "$0")/wedge_test_lib.sh"
prepare_event "$3"

SDL_AUDIODRIVER=dummy "$kiosk" --db "$ENTREE_DB" --kiosk x11 --windowed \
  --size 800x480 2>"$dir/kiosk.log" &
pids+=($!)

wait_for_kiosk_window
xdotool windowfocus --sync "$window"
sleep 0.5

# A person typing slowly, then Enter: not a scan.
xdotool type --delay 150 "hello"
xdotool key Return
sleep 0.3
# Twenty scans, once each, with every core busy.
prepare_codes
load_every_core
scan_every_code
kill -0 "${pids[0]}" || { echo "the kiosk died"; exit 1; }
expect_every_code_checked_in

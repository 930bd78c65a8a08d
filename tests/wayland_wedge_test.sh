#!/usr/bin/env bash
# The kiosk as a Wayland client: a nested Weston (x11 backend, kiosk shell)
# runs inside Xvfb (started by xvfb-run), the kiosk runs in it with
# SDL_VIDEODRIVER=wayland, and xdotool types twenty badge codes into
# Weston's window as a keyboard-wedge scanner does, with busy loops on
# every core beside it; Weston hands the keys to the kiosk. Each scan must
# be checked in at its first try.
# Usage: wayland_wedge_test.sh ENTREE ENTREE_KIOSK GUEST_LIST_CSV
set -euo pipefail
ENTREE=$1 kiosk=$2
source "$(dirname "$0")/wedge_test_lib.sh"
prepare_event "$3"

export XDG_RUNTIME_DIR=$dir/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
weston --backend=x11-backend.so --shell=kiosk-shell.so --socket=entree-test \
  --width=1024 --height=600 --idle-time=0 >"$dir/weston.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  [ -S "$XDG_RUNTIME_DIR/entree-test" ] && break
  sleep 0.1
done
[ -S "$XDG_RUNTIME_DIR/entree-test" ] || { cat "$dir/weston.log"; exit 1; }

WAYLAND_DISPLAY=entree-test SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
  "$kiosk" --db "$ENTREE_DB" --kiosk wayland 2>"$dir/kiosk.log" &
pids+=($!)
sleep 2
kill -0 "${pids[1]}" || { echo "the kiosk did not start"; cat "$dir/kiosk.log"; exit 1; }

window=
for candidate in $(xdotool search --name '.*' 2>/dev/null); do
  case "$(xdotool getwindowname "$candidate" 2>/dev/null)" in
    Weston*) window=$candidate ;;
  esac
done
[ -n "$window" ] || { echo "no Weston window"; exit 1; }
# The kiosk's surface takes the keyboard when it is clicked, as a guest
# would touch the screen; focusing Weston's window alone sometimes left
# the keys with no surface.
focus_kiosk() {
  xdotool windowfocus --sync "$window"
  xdotool mousemove --window "$window" 500 300 click 1
  sleep 0.5
}
prepare_codes
load_every_core
focus_kiosk
scan_every_code
kill -0 "${pids[1]}" || { echo "the kiosk died"; exit 1; }
expect_every_code_checked_in

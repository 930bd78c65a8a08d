#!/usr/bin/env bash
# The kiosk as on a box: no --windowed and no window manager, on an X
# server (Xvfb, started by xvfb-run at the size the test names). Its window
# must cover the screen from the corner, and what it draws must be laid out
# for the size its window really has, also after the window is resized.
# Usage: x11_fullscreen_test.sh ENTREE ENTREE_KIOSK GUEST_LIST_CSV WxH
set -euo pipefail
ENTREE=$1 kiosk=$2 screen=$4
source "$(dirname "$0")/wedge_test_lib.sh"
prepare_event "$3"

# Two screenshots of what the kiosk draws: at the start, and after a resize.
printf 'wait 1000\nshot %s\nwait 3000\nshot %s\nwait 60000\n' \
  "$dir/first.bmp" "$dir/resized.bmp" >"$dir/script.txt"
SDL_AUDIODRIVER=dummy "$kiosk" --db "$ENTREE_DB" --kiosk x11 \
  --script "$dir/script.txt" 2>"$dir/kiosk.log" &
pids+=($!)

wait_for_kiosk_window

# Waits up to 45 s for the screenshot $1 and prints its size as WxH.
shot_size() {
  for _ in $(seq 450); do
    [ -s "$1" ] && break
    sleep 0.1
  done
  [ -s "$1" ] || { echo "no screenshot $1" >&2; cat "$dir/kiosk.log" >&2; exit 1; }
  sleep 0.2  # written whole
  python3 - "$1" <<'PY'
import struct, sys
header = open(sys.argv[1], "rb").read(26)
width, height = struct.unpack("<ii", header[18:26])
print(f"{width}x{abs(height)}")
PY
}
# The window's place and size as X11 has them: X Y WxH. SDL may make its
# window anew once it knows the renderer: the newest one is the kiosk's.
newest_window() {
  xdotool search --name '^Entree$' 2>/dev/null | tail -n 1
}
window_geometry() {
  eval "$(xdotool getwindowgeometry --shell "$(newest_window)")"
  echo "$X $Y ${WIDTH}x$HEIGHT"
}

failed=0
first=$(shot_size "$dir/first.bmp")
geometry=$(window_geometry)
echo "screen $screen, window $geometry, drawn $first"
[ "$geometry" = "0 0 $screen" ] || { echo "the window does not cover the screen"; failed=1; }
[ "$first" = "$screen" ] || { echo "drawn for $first on a $screen screen"; failed=1; }

xdotool windowsize "$(newest_window)" 1000 700
resized=$(shot_size "$dir/resized.bmp")
geometry=$(window_geometry)
echo "after a resize: window $geometry, drawn $resized"
[ "$resized" = "${geometry##* }" ] || { echo "drawn for $resized in a ${geometry##* } window"; failed=1; }

kill -0 "${pids[0]}" || { echo "the kiosk died"; exit 1; }
if [ "$failed" -eq 0 ]; then echo "1 passed, 0 failed"; else exit 1; fi

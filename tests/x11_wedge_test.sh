#!/usr/bin/env bash
# Under a real X server (Xvfb, started by xvfb-run), xdotool types a badge
# code into the kiosk's X11 window as a keyboard-wedge scanner does, then a
# person types slowly; the scan must be checked in, the typing must not.
# Usage: x11_wedge_test.sh ENTREE ENTREE_KIOSK GUEST_LIST_CSV
set -euo pipefail
entree=$1 kiosk=$2 guests=$3
dir=$(mktemp -d)
kiosk_pid=
cleanup() {
  [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

export ENTREE_DB=$dir/event.db ENTREE_LANG=en
"$entree" init --name "X11 test" >/dev/null
"$entree" keygen >/dev/null
"$entree" import "$guests" >/dev/null
code=$("$entree" token WC-006)

SDL_AUDIODRIVER=dummy "$kiosk" --db "$ENTREE_DB" --kiosk x11 --windowed \
  --size 800x480 2>"$dir/kiosk.log" &
kiosk_pid=$!

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
# The scanner: the whole code in a burst, then Enter.
xdotool type --delay 2 "$code"
xdotool key --delay 2 Return
sleep 2

stats=$("$entree" stats --json)
echo "$stats"
case "$stats" in
  *'"total":{"expected":60,"arrived":1,"inside":1}'*) ;;
  *) echo "the scan was not checked in"; cat "$dir/kiosk.log"; exit 1 ;;
esac
kill -0 "$kiosk_pid" || { echo "the kiosk died"; exit 1; }
echo "1 passed, 0 failed"

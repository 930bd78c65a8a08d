#!/usr/bin/env bash
# One command for a newcomer: installs what is missing, builds, prepares the
# bundled World Café demo event and starts the kiosk on it.
#
#   tools/demo.sh            a window on the desktop
#   ENTREE_FULLSCREEN=1 tools/demo.sh   full screen, as on a kiosk box
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

entree=build/release/tools/cli/entree
kiosk=build/release/kiosk/entree-kiosk
demo=build/demo
rm -rf "$demo"
mkdir -p "$demo/badges"
export ENTREE_DB="$demo/worldcafe.db"

# The demo event is open from an hour ago until tomorrow morning, so the
# door says "welcome" whenever the demo is run.
opens=$(date -d '-1 hour' +%Y-%m-%dT%H:%M)
ends=$(date -d '+12 hours' +%Y-%m-%dT%H:%M)
"$entree" init --name "Worldcafé IQ BLVD" --venue "Intergas, Coevorden" \
  --doors-open "$opens" --ends "$ends" --locale nl
"$entree" keygen
"$entree" import assets/demo/worldcafe-iq-blvd.csv
# Three World Café rounds: the door tells each guest their table per round.
"$entree" seating plan --rounds 3

echo
echo "Badge codes to try (type or scan one, then Enter; QR images in $demo/badges):"
for guest in WC-001 WC-006 WC-013; do
  code=$("$entree" token "$guest" --qr "$demo/badges/$guest.pgm")
  echo "  $guest  $code"
done
echo

args=(--db "$ENTREE_DB" --kiosk demo-door)
[ "${ENTREE_FULLSCREEN:-0}" = 1 ] || args+=(--windowed)
args+=(--pin-hash "$(echo 1234 | "$entree" pin -)")
echo "Staff PIN of the demo: 1234"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] &&
   [ -z "${SDL_VIDEODRIVER:-}" ]; then
  echo "No display here: running the kiosk headless with one scan, saving"
  echo "the screens to $demo/attract.bmp and $demo/verdict.bmp."
  export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
  cat > "$demo/script.txt" <<SCRIPT
wait 500
shot $demo/attract.bmp
scan $("$entree" token WC-006)
wait 200
shot $demo/verdict.bmp
quit
SCRIPT
  args+=(--windowed --size 1280x720 --script "$demo/script.txt")
fi
exec "$kiosk" "${args[@]}"

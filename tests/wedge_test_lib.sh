# Shared by the window-system tests (x11_wedge_test.sh,
# wayland_wedge_test.sh): an event in a temporary directory, badge codes,
# the processes to stop, and the check that the scan was checked in.
# Source it with ENTREE set; it defines `dir`, `codes` and `pids`.
dir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# Sets `window` to the kiosk's X11 window (the kiosk is pids[0]). A fresh
# machine under the sanitizers can take many seconds to map the first
# window: waits up to 45 s while the kiosk lives, and tells a dead kiosk
# from a slow one.
wait_for_kiosk_window() {
  window=
  for _ in $(seq 450); do
    window=$(xdotool search --name '^Entree$' 2>/dev/null | head -n 1 || true)
    [ -n "$window" ] && return 0
    kill -0 "${pids[0]}" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "${pids[0]}" 2>/dev/null; then
    echo "no kiosk window after 45 s; the kiosk is still running"
  else
    wait "${pids[0]}" && status=0 || status=$?
    echo "the kiosk exited with $status before its window appeared"
  fi
  cat "$dir/kiosk.log"
  exit 1
}

# Makes the event from the guest list $1.
prepare_event() {
  export ENTREE_DB=$dir/event.db ENTREE_LANG=en
  "$ENTREE" init --name "Wedge scanner test" >/dev/null
  "$ENTREE" keygen >/dev/null
  "$ENTREE" import "$1" >/dev/null
}

# Twenty more guests' badge codes, in `codes`.
prepare_codes() {
  codes=()
  for n in $(seq 21 40); do codes+=("$("$ENTREE" token "WC-0$n")"); done
}

# Busy loops on every core beside the kiosk, as on a loaded box, for five
# minutes at most; stopped with the test.
load_every_core() {
  for _ in $(seq "$(nproc)"); do
    timeout 300 bash -c 'while :; do :; done' &
    pids+=($!)
  done
}

# Scans each code once into the focused window the way a wedge scanner
# does (the whole code within milliseconds, then Enter), a guest's pause
# apart. No scan is tried again: a code the kiosk knows is a scan however
# late its keystrokes reach it.
scan_every_code() {
  for scanned in "${codes[@]}"; do
    xdotool type --delay 2 "$scanned"
    xdotool key --delay 2 Return
    sleep 0.5
  done
}

# Passes when exactly the twenty guests are checked in, once each; else
# shows why. Waits up to 30 s for the last verdicts.
expect_every_code_checked_in() {
  local stats
  for _ in $(seq 300); do
    case "$("$ENTREE" stats --json)" in
      *'"arrived":20,'*) break ;;
    esac
    sleep 0.1
  done
  stats=$("$ENTREE" stats --json)
  echo "$stats"
  case "$stats" in
    *'"total":{"expected":60,"arrived":20,"inside":20}'*)
      echo "1 passed, 0 failed" ;;
    *)
      echo "not every scan was checked in"
      cat "$dir"/*.log 2>/dev/null
      exit 1 ;;
  esac
}

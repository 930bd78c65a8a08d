# Shared by the window-system tests (x11_wedge_test.sh,
# wayland_wedge_test.sh): an event in a temporary directory, a badge code,
# the processes to stop, and the check that the scan was checked in.
# Source it with ENTREE set; it defines `dir`, `code` and `pids`.
dir=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# Makes the event from the guest list $1 and sets `code` to a guest's badge.
prepare_event() {
  export ENTREE_DB=$dir/event.db ENTREE_LANG=en
  "$ENTREE" init --name "Wedge scanner test" >/dev/null
  "$ENTREE" keygen >/dev/null
  "$ENTREE" import "$1" >/dev/null
  code=$("$ENTREE" token WC-006)
}

# Types the badge code into the focused window the way a wedge scanner
# does: the whole code within milliseconds, then Enter.
scan_badge() {
  xdotool type --delay 2 "$code"
  xdotool key --delay 2 Return
  sleep 2
}

# Scans until the guest is checked in, at most three times: a wedge
# scanner's burst is told from typing by its timing, and a machine busy
# with other work can delay keystrokes passing through a nested
# compositor. A door guard scans again too; each try is reported.
scan_until_checked_in() {
  for try in 1 2 3; do
    if declare -F focus_kiosk >/dev/null; then focus_kiosk; fi
    scan_badge
    case "$("$ENTREE" stats --json)" in
      *'"arrived":1,'*) return 0 ;;
    esac
    echo "scan $try was not checked in; scanning again"
  done
}

# Passes when exactly the one guest is checked in; else shows why.
expect_one_check_in() {
  local stats
  stats=$("$ENTREE" stats --json)
  echo "$stats"
  case "$stats" in
    *'"total":{"expected":60,"arrived":1,"inside":1}'*)
      echo "1 passed, 0 failed" ;;
    *)
      echo "the scan was not checked in"
      cat "$dir"/*.log 2>/dev/null
      exit 1 ;;
  esac
}

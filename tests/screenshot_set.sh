#!/usr/bin/env bash
# The kiosk's screens as a guest and staff see them, saved for review: the
# demo event with a logo and a World Café plan, every screen the tour passes
# at 800x480, 1280x720, 1280x800, 1080x1920 and 3840x2160, in Dutch, English
# and German, as BMP files in OUT_DIR/SIZE-LANG/. Fails when the kiosk does
# not reach a screen the tour expects, or a picture is missing.
#
#   bash tests/screenshot_set.sh ENTREE ENTREE_KIOSK DEMO_CSV OUT_DIR
set -euo pipefail
entree=$1
kiosk=$2
csv=$3
out=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ENTREE_DB=$work/event.db
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=software

opens=$(date -d '-1 hour' +%Y-%m-%dT%H:%M)
ends=$(date -d '+12 hours' +%Y-%m-%dT%H:%M)
"$entree" init --name "Worldcafé IQ BLVD" --venue "Intergas, Coevorden" \
  --starts "$opens" --doors-open "$opens" --ends "$ends" >/dev/null
"$entree" keygen >/dev/null
"$entree" import "$csv" >/dev/null
"$entree" seating plan --rounds 3 >/dev/null
cat >"$work/logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80"><rect width="240" height="80" rx="12" fill="#ffffff"/><circle cx="40" cy="40" r="26" fill="#E4002B"/><rect x="80" y="28" width="140" height="24" fill="#1F2A44"/></svg>
SVG
"$entree" event --logo "$work/logo.svg" --accent "#8A1538" \
  --data-keeper "Stichting IQ BLVD" --keep-days 30 >/dev/null
# Names in two more scripts: shaped right to left, and from a CJK font.
printf '%s\n' 'first_name,last_name,email,organisation' \
  'محمد,العلي,m.alali@example.org,جامعة القاهرة' \
  '李,小龙,li.xiaolong@example.org,北京大学' >"$work/world.csv"
"$entree" import "$work/world.csv" >/dev/null
arabic=$("$entree" token m.alali@example.org)
chinese=$("$entree" token li.xiaolong@example.org)
welcome=$("$entree" token WC-001)
inside=$("$entree" token WC-006)
pin_hash=$("$entree" pin 2468)

for size in 800x480 1280x720 1280x800 1080x1920 3840x2160; do
  for lang in nl en de; do
    dir=$out/$size-$lang
    rm -rf "$dir"
    mkdir -p "$dir"
    # 800x480 is shown as the 7-inch panel it comes as: the compact layout
    # types into one walk-in field at a time, left with OK.
    expected=14
    typing=""
    : >"$work/panel.conf"
    if [[ $size == 800x480 ]]; then
      echo "screen_inches = 7" >"$work/panel.conf"
      expected=15
      typing="shot $dir/11b-walk-in-typing.bmp
press typed"
    fi
    cp "$ENTREE_DB" "$work/run.db"
    cp "$ENTREE_DB.key" "$work/run.db.key"
    # A new scan replaces a verdict at once, so only the way back to the
    # start, and the door's bounce window before a badge's second scan, are
    # waited for.
    cat >"$work/tour.txt" <<TOUR
wait 200
expect attract
shot $dir/01-start.bmp
scan $welcome
wait 100
expect verdict
shot $dir/02-welcome.bmp
scan $inside
wait 100
shot $dir/03-welcome-rounds.bmp
wait 3200
scan $inside
wait 100
shot $dir/04-already-inside.bmp
scan $arabic
wait 100
shot $dir/04b-welcome-arabic.bmp
scan $chinese
wait 100
shot $dir/04c-welcome-chinese.bmp
scan E1NOTAREALCODE
wait 100
shot $dir/05-unreadable.bmp
wait 3200
expect attract
press staff
press pin:2
press pin:4
wait 100
expect pin
shot $dir/06-pin.bmp
press pin:6
press pin:8
press pin:ok
wait 200
expect staff
shot $dir/07-staff.bmp
press undo
wait 100
shot $dir/08-staff-undo.bmp
press menu
press dashboard
wait 300
expect dashboard
shot $dir/09-dashboard.bmp
press back
press lock
wait 100
expect attract
press register
type ber
wait 100
expect find
shot $dir/10-find.bmp
press walk_in
press make_badge
wait 100
expect walk_in
shot $dir/11-walk-in-problem.bmp
type Noor
press field:family_name
type van Dam
$typing
press sector:government
press make_badge
wait 200
expect badge
shot $dir/13-badge.bmp
quit
TOUR
    "$kiosk" --config "$work/panel.conf" --db "$work/run.db" \
      --size "$size" --lang "$lang" \
      --pin-hash "$pin_hash" --windowed --script "$work/tour.txt" \
      >/dev/null 2>"$work/kiosk.log" || {
      echo "the tour stopped at $size in $lang:" >&2
      cat "$work/kiosk.log" >&2
      exit 1
    }
    if grep -q "^entree-kiosk: script" "$work/kiosk.log"; then
      echo "the tour went astray at $size in $lang:" >&2
      grep "^entree-kiosk: script" "$work/kiosk.log" >&2
      exit 1
    fi
    count=$(ls "$dir"/*.bmp | wc -l)
    if [[ $count -ne $expected ]]; then
      echo "$size $lang: $count pictures, expected $expected" >&2
      exit 1
    fi
  done
done
echo "screenshots for review: $out"

#!/usr/bin/env bash
# Builds the .deb from a build tree and checks it: dpkg-deb reads it, it
# holds each file where Debian expects it, the settings are not readable
# by everyone (0640), its maintainer scripts are there, systemd-analyze
# security rates the kiosk's unit at most 3.0 (its sandbox), and lintian
# finds no error.
#
#   tools/check-package.sh BUILD_DIR      default: build/ci
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build/ci}
cd "$root"

out=$build/package
rm -rf "$out"
cpack --config "$build/CPackConfig.cmake" -B "$out" >/dev/null
deb=$(ls "$out"/entree_*.deb)
echo "built $deb"
dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Recommends\):/  \1:/p'

listing=$(dpkg-deb --contents "$deb")
contents=$(awk '{print $6}' <<<"$listing")
expected=(
  ./usr/bin/entree
  ./usr/bin/entree-kiosk
  ./lib/systemd/system/entree-kiosk.service
  ./etc/entree/kiosk.conf
  ./usr/share/man/man1/entree.1.gz
  ./usr/share/man/man1/entree-kiosk.1.gz
  ./usr/share/bash-completion/completions/entree
  ./usr/share/doc/entree/copyright
  ./usr/share/doc/entree/changelog.gz
  ./usr/share/entree/demo/worldcafe-iq-blvd.csv
)
missing=0
for path in "${expected[@]}"; do
  if ! grep -qxF "$path" <<<"$contents"; then
    echo "missing from the package: $path" >&2
    missing=1
  fi
done
# The settings may hold a server password; postinst gives them to group
# entree, which the package itself cannot name.
conf_mode=$(awk '$6 == "./etc/entree/kiosk.conf" {print $1}' <<<"$listing")
if [ -n "$conf_mode" ] && [ "$conf_mode" != "-rw-r-----" ]; then
  echo "/etc/entree/kiosk.conf is $conf_mode in the package, not -rw-r----- (0640)" >&2
  missing=1
fi
control=$(mktemp -d)
unit_root=$(mktemp -d)
trap 'rm -rf "$control" "$unit_root"' EXIT
dpkg-deb --control "$deb" "$control"
for script in postinst postrm conffiles; do
  [ -f "$control/$script" ] || { echo "no $script in the package" >&2; missing=1; }
done
grep -q 'ExecStart=/usr/bin/entree-kiosk' \
  <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./lib/systemd/system/entree-kiosk.service) ||
  { echo "the unit does not start /usr/bin/entree-kiosk" >&2; missing=1; }

# The unit's sandbox: systemd-analyze rates what the kiosk may still do
# from 0 (nothing) to 10, and the unit may not rise above 3.0. The unit is
# read from the package into a root of its own, so that no drop-in of this
# machine's counts; in the C locale the number has a decimal point and
# what the unit still allows starts with "- ".
max_exposure=3.0
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze is missing (apt install systemd): cannot rate the unit's sandbox" >&2
  missing=1
else
  mkdir -p "$unit_root/lib/systemd/system"
  if ! dpkg-deb --fsys-tarfile "$deb" |
      tar -xO ./lib/systemd/system/entree-kiosk.service \
        >"$unit_root/lib/systemd/system/entree-kiosk.service"; then
    echo "cannot take the unit out of the package to rate its sandbox" >&2
    missing=1
  elif ! report=$(LC_ALL=C SYSTEMD_COLORS=0 systemd-analyze security \
                    --offline=true --root="$unit_root" entree-kiosk.service 2>&1); then
    echo "systemd-analyze security failed on the unit:" >&2
    echo "$report" >&2
    missing=1
  else
    exposure=$(sed -n 's/.*Overall exposure level for entree-kiosk\.service: \([0-9][0-9.]*\).*/\1/p' <<<"$report")
    if [ -z "$exposure" ]; then
      echo "no overall exposure in systemd-analyze's report:" >&2
      echo "$report" >&2
      missing=1
    elif LC_ALL=C awk -v e="$exposure" -v max="$max_exposure" 'BEGIN { exit !(e > max) }'; then
      echo "the unit's sandbox is too weak: systemd-analyze security rates it $exposure, above $max_exposure; what it still allows:" >&2
      grep '^- ' <<<"$report" >&2 || true
      missing=1
    else
      echo "  unit exposure: $exposure (at most $max_exposure)"
    fi
  fi
fi
[ "$missing" -eq 0 ]

lintian --fail-on error --tag-display-limit 0 "$deb"
echo "package ok"

#!/usr/bin/env bash
# Builds the .deb from a build tree and checks it: dpkg-deb reads it, it
# holds each file where Debian expects it, its maintainer scripts are
# there, and lintian finds no error.
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

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
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
control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
dpkg-deb --control "$deb" "$control"
for script in postinst postrm conffiles; do
  [ -f "$control/$script" ] || { echo "no $script in the package" >&2; missing=1; }
done
grep -q 'ExecStart=/usr/bin/entree-kiosk' \
  <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./lib/systemd/system/entree-kiosk.service) ||
  { echo "the unit does not start /usr/bin/entree-kiosk" >&2; missing=1; }
[ "$missing" -eq 0 ]

lintian --fail-on error --tag-display-limit 0 "$deb"
echo "package ok"

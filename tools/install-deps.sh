#!/usr/bin/env bash
# Installs the Debian 12 packages Entree needs to build, run and test it,
# and only those that are missing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config  # toolchain
  libsqlite3-dev sqlite3                        # store (sqlite3: benchmark baseline)
  libsodium-dev libqrencode-dev                 # badge signatures and QR codes
  libcairo2-dev libpango1.0-dev libpng-dev      # badge rendering (PNG, PDF)
  librsvg2-dev                                  # organisers' SVG logos
  libcups2-dev                                  # printing through CUPS
  cups cups-daemon cups-client cups-filters     # tests: a private CUPS scheduler
  printer-driver-cups-pdf ghostscript           # tests: a printer that writes PDFs
  poppler-utils                                 # tests: pdftoppm, pdftotext, pdfinfo
  libzxing-dev libjpeg-dev libv4l-dev           # camera scanning, photos of badges
  libpq-dev postgresql                          # sync between kiosks (tests run a private server)
  libcurl4-openssl-dev                          # invitations by email (SMTP)
  python3-aiosmtpd                              # tests: a private SMTP server
  libxlsxwriter-dev unzip                       # Excel reports (tests: unzip reads them)
  libsdl2-dev fonts-dejavu-core                 # kiosk
  fonts-noto-core fonts-noto-cjk                # every script a name can have
  catch2 zbar-tools                             # tests (zbarimg decodes badges)
  xvfb xauth xdotool weston                     # tests (real X11 and Wayland windows, typed into)
  clang-format                                  # style check
  clang libclang-rt-14-dev                      # the sanitizer build and fuzzing (libFuzzer)
  lintian                                       # checks the .deb
  gettext                                       # tests: msgfmt checks the translations
  valgrind                                      # tests: a kiosk session under memcheck
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
  --no-install-recommends "${missing[@]}"

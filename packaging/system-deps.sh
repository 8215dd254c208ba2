#!/usr/bin/env bash
# Make sure the Debian packages a task needs are present: install the missing ones when root,
# otherwise print the exact apt-get line. Usage: system-deps.sh headless|gui|screenshots|ci
#   headless     Qt offscreen (the tests)          gui   Qt in a real window (make run)
#   screenshots  gui, on a virtual screen (Xvfb)   ci    headless, the desktop-file and AppStream validators,
#                                                        OCRmyPDF with Tesseract (the scanned-PDF test), pandoc
set -euo pipefail

# Measured on minimal Debian 12 (../shared/design/qt-stack-notes.md).
headless=(libegl1 libgl1 libx11-6 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0)
window=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0)

wanted=("${headless[@]}")
case "${1:-headless}" in
  gui) wanted+=("${window[@]}") ;;
  screenshots) wanted+=("${window[@]}" xvfb) ;;
  ci) wanted+=(desktop-file-utils appstream ocrmypdf tesseract-ocr-eng pandoc) ;;
esac
# Debian's own python3 cannot make a venv without python3-venv.
python3 -c 'import ensurepip, venv' 2>/dev/null || wanted+=(python3-venv)

command -v dpkg-query >/dev/null || exit 0   # not Debian: nothing we know how to check
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing the Debian libraries Qt needs: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Qt needs these Debian packages; please run:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

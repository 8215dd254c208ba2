#!/usr/bin/env bash
# Install the one-folder build (`make package`) with its menu entry, file type and icons.
#   packaging/install.sh [PREFIX]              default ~/.local (you alone); /usr/local for everyone (as root)
#   packaging/install.sh --uninstall [PREFIX]
# WORKBENCH_BUILD names another build folder (default dist/workbench).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
id=org.workbench.Workbench
uninstall=false
if [ "${1:-}" = --uninstall ]; then uninstall=true; shift; fi
prefix=${1:-$HOME/.local}
share=$prefix/share

refresh() {  # the desktop's caches, where it keeps them
  command -v update-mime-database >/dev/null && update-mime-database "$share/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$share/icons/hicolor" || true
}

if $uninstall; then
  rm -rf "$prefix/lib/workbench"
  rm -f "$prefix/bin/workbench" "$share/applications/$id.desktop" "$share/mime/packages/$id.xml" \
        "$share/metainfo/$id.metainfo.xml" "$share/icons/hicolor/scalable/apps/$id.svg"
  rm -f "$share"/icons/hicolor/*x*/apps/"$id".png
  refresh
  echo "Removed Workbench from $prefix (your projects are kept)."
  exit 0
fi

build=${WORKBENCH_BUILD:-$here/dist/workbench}
if [ ! -x "$build/workbench" ]; then
  echo "install: there is no build in $build; run 'make package' first." >&2
  exit 1
fi
mkdir -p "$prefix/lib" "$prefix/bin"
rm -rf "$prefix/lib/workbench"
cp -a "$build" "$prefix/lib/workbench"
ln -sfn "$prefix/lib/workbench/workbench" "$prefix/bin/workbench"
# The menu entry runs this copy, whether or not PREFIX/bin is on the PATH.
install -d "$share/applications"
sed "s|^Exec=workbench |Exec=$prefix/bin/workbench |" "$here/packaging/$id.desktop" > "$share/applications/$id.desktop"
chmod 644 "$share/applications/$id.desktop"
install -Dm644 "$here/packaging/$id.mime.xml" "$share/mime/packages/$id.xml"
install -Dm644 "$here/packaging/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
install -Dm644 "$here/resources/icons/workbench.svg" "$share/icons/hicolor/scalable/apps/$id.svg"
for icon in "$here"/resources/icons/hicolor/*/apps/"$id".png; do
  size=$(basename "$(dirname "$(dirname "$icon")")")
  install -Dm644 "$icon" "$share/icons/hicolor/$size/apps/$id.png"
done
refresh
echo "Installed Workbench in $prefix: run $prefix/bin/workbench, or find it in your applications menu."

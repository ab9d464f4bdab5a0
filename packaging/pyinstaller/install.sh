#!/bin/sh
# Install the Groundwork bundle for this user: run it from the unpacked folder.
#   ./install.sh              copy the app to ~/.local/share, a launcher to ~/.local/bin,
#                             the menu entry, metainfo and icons to the XDG user folders
#   ./install.sh --uninstall  remove exactly what an earlier install put there
# Needs nothing but a POSIX shell; no root. Honours XDG_DATA_HOME and PREFIX_BIN.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=${PREFIX_BIN:-$HOME/.local/bin}
share="$here/_internal/share"
entry=$(ls "$share"/*.desktop 2>/dev/null | head -n 1)
if [ -z "$entry" ]; then
    echo "install.sh: no desktop entry in $share; is this the unpacked Groundwork folder?" >&2
    exit 1
fi
app_id=$(basename "$entry" .desktop)
icon=$(sed -n 's/^Icon=//p' "$entry" | head -n 1)
target="$data/$app_id-bundle"
manifest="$target.installed"

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "Groundwork is not installed for this user (no $manifest)." >&2
        return 1
    fi
    # Files first, then the app folder; each line is one path this script wrote.
    while IFS= read -r path; do
        [ -n "$path" ] && rm -rf -- "$path"
    done < "$manifest"
    rm -f -- "$manifest"
    echo "Groundwork removed. Your profiles and data folder are untouched."
}

put() {  # put SOURCE DEST: copy one file and note it in the manifest
    mkdir -p "$(dirname "$2")"
    cp -f -- "$1" "$2"
    echo "$2" >> "$manifest.new"
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit $?
fi

[ -f "$manifest" ] && uninstall >/dev/null
mkdir -p "$data" "$bin"
: > "$manifest.new"
if [ "$here" != "$target" ]; then
    rm -rf -- "$target"
    cp -R -- "$here" "$target"
fi
echo "$target" >> "$manifest.new"
ln -sf "$target/groundwork" "$bin/groundwork"
echo "$bin/groundwork" >> "$manifest.new"

# The menu entry starts this copy, wherever PATH points.
mkdir -p "$data/applications"
sed "s|^Exec=groundwork|Exec=$target/groundwork|" "$entry" > "$data/applications/$app_id.desktop"
echo "$data/applications/$app_id.desktop" >> "$manifest.new"
for meta in "$share"/*.metainfo.xml; do
    [ -f "$meta" ] && put "$meta" "$data/metainfo/$(basename "$meta")"
done

icons="$target/_internal/resources/icons"
put "$icons/groundwork.svg" "$data/icons/hicolor/scalable/apps/$icon.svg"
if [ -f "$icons/groundwork-symbolic.svg" ]; then
    put "$icons/groundwork-symbolic.svg" "$data/icons/hicolor/symbolic/apps/$icon-symbolic.svg"
fi
if [ -d "$icons/hicolor" ]; then
    for png in "$icons"/hicolor/*/apps/*.png; do
        [ -f "$png" ] || continue
        size=$(basename "$(dirname "$(dirname "$png")")")
        put "$png" "$data/icons/hicolor/$size/apps/$(basename "$png")"
    done
fi

mv -f -- "$manifest.new" "$manifest"
# No icon or desktop caches are written: the menus notice new files in the user folders.
echo "Groundwork is installed: find it in your application menu, or run '$bin/groundwork'."
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "($bin is not on your PATH; the menu entry works regardless.)" ;;
esac

#!/usr/bin/env bash
# Unpack LibreOffice 25.2 (Debian 13's version, from bookworm-backports) beside the system's 7.4,
# so the conversion tests can run on both without changing what the machine has installed.
#   tools/libreoffice-25.sh [PREFIX]     default PREFIX: ~/.cache/besluitpak/libreoffice-25
# Prints the path of the wrapper to use as BESLUITPAK_SOFFICE. Needs no root: apt runs with a
# private package list (only bookworm-backports) and dpkg only extracts. Debian 12 only.
set -euo pipefail
PREFIX="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/besluitpak/libreoffice-25}"
SUITE=bookworm-backports
PACKAGES=(libreoffice-core-nogui libreoffice-writer-nogui libreoffice-common
          libreoffice-uiconfig-common libreoffice-base-core libreoffice-style-colibre
          uno-libs-private ure libuno-sal3 libuno-salhelpergcc3-3 libuno-cppu3
          libuno-cppuhelpergcc3-3 libuno-purpenvhelpergcc3-3 fonts-opensymbol libzxcvbn0)

if [ -x "$PREFIX/soffice" ] && "$PREFIX/soffice" --version 2>/dev/null | grep -q '^LibreOffice 25\.'; then
  echo "$PREFIX/soffice"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs"
printf "deb http://deb.debian.org/debian %s main\n" bookworm "$SUITE" > "$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
          -o "Debug::NoLocking=1" -o "APT::Get::List-Cleanup=0")
[ "$(id -u)" -ne 0 ] || apt_opts+=(-o "APT::Sandbox::User=root")
echo "==> fetching LibreOffice from $SUITE" >&2
apt-get "${apt_opts[@]}" -qq update >&2
(cd "$work/debs" && apt-get "${apt_opts[@]}" -qq -t "$SUITE" download "${PACKAGES[@]}" >&2)

rm -rf "$PREFIX.new"
mkdir -p "$PREFIX.new"
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$PREFIX.new"; done
root="$PREFIX.new"
lo="$root/usr/lib/libreoffice"
# The packages' absolute symlinks point into /usr and /etc: point them into the prefix.
find "$root" -type l | while read -r link; do
  target="$(readlink "$link")"
  case "$target" in
    /*) [ -e "$root$target" ] || [ -L "$root$target" ] && ln -sfn "${PREFIX}${target}" "$link" ;;
  esac
done
# main.xcd is made by a dpkg trigger at install time; the packaged copy sits in .registry.
rm -f "$lo/share/registry/main.xcd"
ln -s "$PREFIX/usr/lib/libreoffice/share/.registry/main.xcd" "$lo/share/registry/main.xcd"
sed -i "s#/usr/lib/libreoffice#$PREFIX/usr/lib/libreoffice#g" "$lo/program/fundamentalrc"
cat > "$root/soffice" <<WRAP
#!/bin/sh
# LibreOffice 25.2 unpacked by tools/libreoffice-25.sh: its own libraries first.
P="$PREFIX/usr/lib/libreoffice/program"
export LD_LIBRARY_PATH="\$P:$PREFIX/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
exec "\$P/soffice" "\$@"
WRAP
chmod +x "$root/soffice"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"
"$PREFIX/soffice" --version >&2
echo "$PREFIX/soffice"

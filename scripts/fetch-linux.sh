#!/bin/sh
# Gets Debian's i386 (686, no PAE) Linux 6.1 kernel into .cache/linux/vmlinuz (git-ignored; never
# committed) with `apt-get download`: the newest linux-image-6.1.0-N-686 package apt knows, or the
# one named by LINUX_PACKAGE. Adds the i386 architecture first if dpkg lacks it (that needs root and
# an `apt-get update`). Usage: scripts/fetch-linux.sh
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/linux"
command -v apt-get >/dev/null 2>&1 || { echo "fetch-linux: no apt-get on this machine" >&2; exit 2; }
if ! dpkg --print-foreign-architectures | grep -qx i386 && [ "$(dpkg --print-architecture)" != i386 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  $sudo dpkg --add-architecture i386
  # A mirror caught mid-sync fails one index; apt still knows the package from the others.
  $sudo apt-get update || echo "fetch-linux: apt-get update reported errors; going on" >&2
fi
pkg=${LINUX_PACKAGE:-$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-686$' | cut -d' ' -f1 | sort -V | tail -1)}
[ -n "$pkg" ] || { echo "fetch-linux: apt knows no linux-image-6.1.0-*-686 package" >&2; exit 2; }
mkdir -p "$cache/deb"
(cd "$cache/deb" && rm -f ./*.deb && apt-get download "$pkg:i386" >/dev/null)
deb=$(ls "$cache"/deb/*.deb)
rm -rf "$cache/extract"
mkdir -p "$cache/extract"
dpkg-deb -x "$deb" "$cache/extract"
cp "$cache"/extract/boot/vmlinuz-* "$cache/vmlinuz"
basename "$cache"/extract/boot/vmlinuz-* | sed 's/^vmlinuz-//' > "$cache/version"
rm -rf "$cache/extract" "$cache/deb"
echo "fetch-linux: $pkg -> .cache/linux/vmlinuz ($(cat "$cache/version"))"

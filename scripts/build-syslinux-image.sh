#!/usr/bin/env bash
# Builds a 1.44 MB FAT12 disk image that Debian's SYSLINUX boots: its banner and `boot:` prompt on
# COM1 (SERIAL 0), a 0.1 s timeout, then the default entry reboot.c32 (a 32-bit COM32 module) jumps
# to the BIOS reset vector. Needs Debian's syslinux, mtools and dosfstools; nothing is committed
# (syslinux's own binaries go into the image). Usage: scripts/build-syslinux-image.sh OUT.img
set -euo pipefail
out=${1:?usage: build-syslinux-image.sh OUT.img}
modules=/usr/lib/syslinux/modules/bios
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$out"
# A fixed volume id and label: the image does not depend on the run (file times aside).
mkfs.fat -C -i 46574c42 -n FWLAB "$out" 1440 >/dev/null
printf 'SERIAL 0 115200\nPROMPT 1\nTIMEOUT 1\nDEFAULT reboot.c32\n' > "$tmp/syslinux.cfg"
mcopy -i "$out" "$tmp/syslinux.cfg" "$modules/reboot.c32" "$modules/libcom32.c32" ::
syslinux --install "$out"

#!/bin/sh
# Builds the guest images in guest-images/ from their nasm sources (the binaries are committed so
# `npm test` needs no toolchain; test/guest-images checks they are what these sources build to).
# Usage: scripts/build-guest-images.sh [OUTDIR]   (default: guest-images/)
set -eu
src=$(cd "$(dirname "$0")/../guest-images" && pwd)
out=${1:-$src}
mkdir -p "$out"
cd "$src"
nasm -f bin -o "$out/bootsect-hello.img" bootsect-hello.asm
nasm -f bin -o "$out/mb-vmgenid-probe.elf" mb-vmgenid-probe.asm
nasm -f bin -o "$out/bench-loop.img" bench-loop.asm
nasm -f bin -o "$out/bzimage-probe.bin" bzimage-probe.asm
nasm -f bin -o "$out/bios-calls.img" bios-calls.asm
nasm -f bin -o "$out/apm-probe.img" apm-probe.asm
nasm -f bin -o "$out/eltorito-probe.iso" eltorito-probe.asm
nasm -f bin -o "$out/floppy-probe.img" floppy-probe.asm
# cdemu-floppy.iso wraps the committed floppy-probe.img (incbin, from guest-images/)
nasm -f bin -o "$out/cdemu-floppy.iso" cdemu-floppy.asm
nasm -f bin -o "$out/cdemu-hd.iso" cdemu-hd.asm
nasm -f bin -o "$out/s3-probe.img" s3-probe.asm
nasm -f bin -o "$out/pwrbtn-probe.img" pwrbtn-probe.asm
nasm -f bin -o "$out/pci-irq-probe.img" pci-irq-probe.asm
nasm -f bin -o "$out/tasks-probe.img" tasks-probe.asm
nasm -f bin -o "$out/v86-probe.img" v86-probe.asm
nasm -f bin -o "$out/pae-probe.img" pae-probe.asm
nasm -f bin -o "$out/vga-probe.img" vga-probe.asm
nasm -f bin -o "$out/ap-probe.img" ap-probe.asm
nasm -f bin -o "$out/cpuhp-probe.img" cpuhp-probe.asm

; cdemu-floppy: an El Torito ISO whose initial entry is floppy-probe.img under 1.44 MB diskette
; emulation (media type 2, one virtual sector loaded at 07C0h). The BIOS boots it as drive 00h and
; serves its int 13h calls from the CD (512-byte sectors from the image's start, LBA 23 × 4); the
; probe's text under QEMU + SeaBIOS and under fwlab gives two texts to compare.
; Build (from guest-images/, after floppy-probe.img): nasm -f bin -o cdemu-floppy.iso cdemu-floppy.asm
EMU_MEDIA     equ 2
IMAGE_SECTORS equ 1474560 / 2048
LOAD_COUNT    equ 1
%include "eltorito-iso.inc"

section image start=IMAGE_LBA*SECTOR vstart=0
    incbin "floppy-probe.img"

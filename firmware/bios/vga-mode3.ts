/**
 * What a VGA BIOS leaves behind after setting text mode 3 (80x25, 16 colours, 9x16 cells), as
 * SeaVGABIOS does on QEMU's std VGA at POST: the register values of the IBM VGA's mode 3 (the same
 * values Debian's SeaBIOS + vgabios-stdvga.bin leave, test/fixtures/guest-images/vga-probe-*), the
 * EGA 64-colour palette in the DAC (the other 192 entries 0), the text buffer cleared to grey
 * blanks, and the video BDA bytes the VGA BIOS owns. The font in plane 2 is not loaded: fwlab draws
 * nothing.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA_BASE } from '../../src/spec/bios-data-area.js';

const MISC = 0x67;
const SEQUENCER = [0x03, 0x00, 0x03, 0x00, 0x02];
const GRAPHICS = [0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0e, 0x0f, 0xff];
const CRTC = [
  0x5f, 0x4f, 0x50, 0x82, 0x55, 0x81, 0xbf, 0x1f, 0x00, 0x4f, 0x0d, 0x0e, 0x00, 0x00, 0x00, 0x00,
  0x9c, 0x8e, 0x8f, 0x28, 0x1f, 0x96, 0xb9, 0xa3, 0xff,
];
const ATTRIBUTE = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x0c, 0x00, 0x0f, 0x08, 0x00];
const CR11 = 0x11;
const CR11_PROTECT = 0x80;
/** Attribute index bit 5: the palette address source (screen on). */
const AR_PAS = 0x20;
/** BDA 0487h-048Ah: video control (no clear on mode set, 256 KiB), EGA switches, VGA mode-set flags, DCC index. */
const BDA_VGA_FLAGS = [0x60, 0xf9, 0x51, 0x08];
const BDA_VIDEO_CONTROL = 0x87;

/** EGA colour i: bit 0/1/2 add 2/3 of blue/green/red, bit 3/4/5 add 1/3 (6-bit DAC values). */
function egaColour(i: number): [number, number, number] {
  const c = (hi: number, lo: number) => ((i >> hi) & 1) * 0x2a + ((i >> lo) & 1) * 0x15;
  return [c(2, 5), c(1, 4), c(0, 3)];
}

export function setVgaMode3(wire: CpuWire): void {
  wire.out8(0x3c2, MISC);
  SEQUENCER.forEach((v, i) => { wire.out8(0x3c4, i); wire.out8(0x3c5, v); });
  // CR11 bit 7 write-protects CR0-7: lift it, write the set, CR11 last.
  wire.out8(0x3d4, CR11);
  wire.out8(0x3d5, 0);
  CRTC.forEach((v, i) => { if (i !== CR11) { wire.out8(0x3d4, i); wire.out8(0x3d5, v); } });
  wire.out8(0x3d4, CR11);
  wire.out8(0x3d5, CRTC[CR11]! | CR11_PROTECT);
  GRAPHICS.forEach((v, i) => { wire.out8(0x3ce, i); wire.out8(0x3cf, v); });
  wire.in8(0x3da);
  ATTRIBUTE.forEach((v, i) => { wire.out8(0x3c0, i); wire.out8(0x3c0, v); });
  wire.out8(0x3c0, AR_PAS);
  wire.out8(0x3c6, 0xff);
  wire.out8(0x3c8, 0);
  for (let i = 0; i < 256; i++) for (const v of i < 64 ? egaColour(i) : [0, 0, 0]) wire.out8(0x3c9, v);
  // rep stosw of 0x0720 over the 32 KiB text window.
  wire.writeBytes(0xb8000, blankCells(0x4000, 0x07));
  BDA_VGA_FLAGS.forEach((v, i) => wire.write8(BDA_BASE + BDA_VIDEO_CONTROL + i, v));
}

/** `count` text cells of a space in `attr`, as the bytes a `rep stosw` leaves. */
export function blankCells(count: number, attr: number): Uint8Array {
  const b = new Uint8Array(count * 2);
  for (let i = 0; i < b.length; i += 2) {
    b[i] = 0x20;
    b[i + 1] = attr;
  }
  return b;
}

/** The hardware cursor (CR0E/CR0F) at a character cell, as the VGA BIOS sets it for the active page. */
export function setVgaCursor(wire: CpuWire, cell: number): void {
  wire.out8(0x3d4, 0x0e);
  wire.out8(0x3d5, (cell >> 8) & 0xff);
  wire.out8(0x3d4, 0x0f);
  wire.out8(0x3d5, cell & 0xff);
}

/**
 * int 10h, the video services a text-mode guest uses, on the VGA text buffer at 0xB8000 with the
 * cursor kept in the BDA. When the EBDA's mirror flag is set (fw_cfg opt/fwlab/int10-debugcon),
 * teletype output is copied to the debug console too.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE, EBDA_FWLAB, EBDA_SEGMENT, TEXT_COLS, TEXT_ROWS, VGA_TEXT_BASE } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';
import { blankCells, setVgaCursor, setVgaMode3 } from './vga-mode3.js';

const DEBUG_PORT = 0x402;
const ATTR_DEFAULT = 0x07;

class Text {
  constructor(private readonly wire: CpuWire) {}
  get page(): number {
    return this.wire.read8(BDA_BASE + BDA.videoPage) & 7;
  }
  cursor(page = this.page): { row: number; col: number } {
    const v = this.wire.read16(BDA_BASE + BDA.cursorPos + page * 2);
    return { row: v >> 8, col: v & 0xff };
  }
  setCursor(row: number, col: number, page = this.page): void {
    this.wire.write16(BDA_BASE + BDA.cursorPos + page * 2, (row << 8) | col);
    if (page === this.page) setVgaCursor(this.wire, page * (this.wire.read16(BDA_BASE + BDA.videoPageSize) >> 1) + row * TEXT_COLS + col);
  }
  cell(row: number, col: number, page = this.page): number {
    return VGA_TEXT_BASE + page * 0x1000 + (row * TEXT_COLS + col) * 2;
  }
  put(row: number, col: number, ch: number, attr: number | undefined, page = this.page): void {
    const a = this.cell(row, col, page);
    this.wire.write8(a, ch);
    if (attr !== undefined) this.wire.write8(a + 1, attr);
  }
  /** Scroll the window up by `lines` (0: clear it), filling with blanks of `attr`. */
  scroll(top: number, left: number, bottom: number, right: number, lines: number, attr: number, up: boolean, page = this.page): void {
    bottom = Math.min(bottom, TEXT_ROWS - 1);
    right = Math.min(right, TEXT_COLS - 1);
    const height = bottom - top + 1;
    if (lines === 0 || lines >= height) lines = height;
    if (right < left) return;
    // Row by row, in the order a word-by-word copy goes: a row is read before it is overwritten.
    const width = (right - left + 1) * 2;
    const blank = blankCells(right - left + 1, attr);
    for (let i = 0; i < height; i++) {
      const row = up ? top + i : bottom - i;
      const src = up ? row + lines : row - lines;
      const inside = up ? src <= bottom : src >= top;
      this.wire.writeBytes(this.cell(row, left, page), inside ? this.wire.readBytes(this.cell(src, left, page), width) : blank);
    }
  }
  teletype(ch: number, attr: number | undefined): void {
    let { row, col } = this.cursor();
    if (ch === 0x0d) col = 0;
    else if (ch === 0x0a) row++;
    else if (ch === 0x08) col = Math.max(0, col - 1);
    else if (ch === 0x07) { /* bell */ }
    else {
      this.put(row, col, ch, attr);
      if (++col >= TEXT_COLS) {
        col = 0;
        row++;
      }
    }
    if (row >= TEXT_ROWS) {
      this.scroll(0, 0, TEXT_ROWS - 1, TEXT_COLS - 1, 1, ATTR_DEFAULT, true);
      row = TEXT_ROWS - 1;
    }
    this.setCursor(row, col);
    if (this.wire.read8(EBDA_SEGMENT * 16 + EBDA_FWLAB.teletypeMirror)) this.wire.out8(DEBUG_PORT, ch);
  }
}

/** Set text mode 3 in the BDA (and a VGA's registers, when there is one) and clear the screen. */
export function initVideo(wire: CpuWire, vga: boolean): void {
  if (vga) setVgaMode3(wire);
  wire.write8(BDA_BASE + BDA.videoMode, 3);
  wire.write16(BDA_BASE + BDA.videoCols, TEXT_COLS);
  wire.write16(BDA_BASE + BDA.videoPageSize, 0x1000);
  wire.write16(BDA_BASE + BDA.videoPageStart, 0);
  wire.write16(BDA_BASE + BDA.cursorShape, 0x0607);
  wire.write8(BDA_BASE + BDA.videoPage, 0);
  wire.write16(BDA_BASE + BDA.crtcBase, 0x3d4);
  wire.write8(BDA_BASE + BDA.videoRows, TEXT_ROWS - 1);
  wire.write16(BDA_BASE + BDA.charHeight, 16);
  for (let p = 0; p < 8; p++) wire.write16(BDA_BASE + BDA.cursorPos + p * 2, 0);
  new Text(wire).scroll(0, 0, TEXT_ROWS - 1, TEXT_COLS - 1, 0, ATTR_DEFAULT, true);
}

export function int10(wire: CpuWire, f: BiosFrame): void {
  const t = new Text(wire);
  const ah = f.hi('eax');
  switch (ah) {
    case 0x00: // set mode: text modes only
      // Equipment word bits 5:4 = 10b: POST found a VGA (bios/setup.ts).
      initVideo(wire, (wire.read16(BDA_BASE + 0x10) & 0x30) === 0x20);
      if ((f.lo('eax') & 0x7f) !== 3) wire.write8(BDA_BASE + BDA.videoMode, f.lo('eax') & 0x7f);
      f.setLo('eax', 0x30);
      return;
    case 0x01:
      wire.write16(BDA_BASE + BDA.cursorShape, f.get16('ecx'));
      return;
    case 0x02:
      t.setCursor(f.hi('edx'), f.lo('edx'), f.hi('ebx') & 7);
      return;
    case 0x03: {
      const page = f.hi('ebx') & 7;
      const c = t.cursor(page);
      f.set16('edx', (c.row << 8) | c.col);
      f.set16('ecx', wire.read16(BDA_BASE + BDA.cursorShape));
      return; // AX as the caller left it (SeaVGABIOS, captured: bzimage-probe-int10-pc)
    }
    case 0x05:
      wire.write8(BDA_BASE + BDA.videoPage, f.lo('eax') & 7);
      return;
    case 0x06:
    case 0x07:
      t.scroll(f.hi('ecx'), f.lo('ecx'), f.hi('edx'), f.lo('edx'), f.lo('eax'), f.hi('ebx'), ah === 0x06);
      return;
    case 0x08: {
      const page = f.hi('ebx') & 7;
      const c = t.cursor(page);
      f.set16('eax', wire.read16(t.cell(c.row, c.col, page)));
      return;
    }
    case 0x09:
    case 0x0a: {
      const page = f.hi('ebx') & 7;
      const c = t.cursor(page);
      const count = f.get16('ecx');
      for (let i = 0; i < count && c.row * TEXT_COLS + c.col + i < TEXT_ROWS * TEXT_COLS; i++) {
        const pos = c.row * TEXT_COLS + c.col + i;
        t.put(Math.floor(pos / TEXT_COLS), pos % TEXT_COLS, f.lo('eax'), ah === 0x09 ? f.lo('ebx') : undefined, page);
      }
      return;
    }
    case 0x0e:
      t.teletype(f.lo('eax'), undefined);
      return;
    case 0x0f:
      f.setLo('eax', wire.read8(BDA_BASE + BDA.videoMode));
      f.setHi('eax', wire.read16(BDA_BASE + BDA.videoCols));
      f.setHi('ebx', wire.read8(BDA_BASE + BDA.videoPage));
      return;
    case 0x12:
      if (f.lo('ebx') === 0x10) { // EGA information: colour, 256 KiB
        f.set16('ebx', 0x0003);
        f.set16('ecx', 0x0009);
      }
      return;
    case 0x13: { // write string ES:BP, CX chars, at DH,DL; AL bit 0 moves the cursor, bit 1 attributes inline
      const mode = f.lo('eax');
      const page = f.hi('ebx') & 7;
      const saved = t.cursor(page);
      t.setCursor(f.hi('edx'), f.lo('edx'), page);
      let p = f.linear('es', f.get16('ebp'));
      for (let i = 0; i < f.get16('ecx'); i++) {
        const ch = wire.read8(p++);
        const attr = mode & 2 ? wire.read8(p++) : f.lo('ebx');
        t.teletype(ch, attr);
      }
      if (!(mode & 1)) t.setCursor(saved.row, saved.col, page);
      return;
    }
    case 0x1a:
      if (f.lo('eax') === 0) {
        f.setLo('eax', 0x1a);
        f.set16('ebx', 0x0008); // VGA with colour analog display
      }
      return;
    default:
      return; // SeaBIOS's vgabios ignores what it does not implement; so does this one
  }
}

import type { VgaCore } from './vga-core.js';
import type { PartState } from '../../snapshot/part-state.js';
import { arr, jsonObject, num } from '../../snapshot/part-state.js';

/** The Bochs VBE "DISPI" register indices (QEMU include/hw/display/bochs-vbe.h). */
export const DISPI = {
  ID: 0, XRES: 1, YRES: 2, BPP: 3, ENABLE: 4, BANK: 5, VIRT_WIDTH: 6, VIRT_HEIGHT: 7, X_OFFSET: 8, Y_OFFSET: 9,
  /** Registers 0-9 are stored; 0xa reads the video memory size in 64 KiB units. */
  COUNT: 10, VIDEO_MEMORY_64K: 0xa,
} as const;
const ENABLED = 0x01;
const GETCAPS = 0x02;
const NOCLEARMEM = 0x80;
const ID0 = 0xb0c0;
const ID5 = 0xb0c5;
/** What GETCAPS reports (QEMU 7.2: VBE_DISPI_MAX_XRES/YRES/BPP). */
const MAX_XRES = 16000;
const MAX_YRES = 12000;
const MAX_BPP = 32;

/**
 * QEMU 7.2's Bochs VBE extension of the std VGA (index port 0x1ce, data 0x1cf/0x1d0, or flat in the
 * MMIO BAR at 0x500): the ID handshake (0xB0C0-0xB0C5 accepted), GETCAPS maxima, the video memory
 * size, and on enable the checks that pull resolution, depth and offsets back into the memory
 * (vbe_fixup_regs) and the VGA registers set for a linear graphics mode.
 */
export class VbeDispi {
  index = 0;
  readonly regs = new Uint16Array(DISPI.COUNT);
  lineOffset = 0;
  startAddr = 0;
  dac8bit = false;

  constructor(private readonly vga: VgaCore, private readonly vramSize: number) {
    this.reset();
  }

  reset(): void {
    this.index = 0;
    this.regs.fill(0);
    this.regs[DISPI.ID] = ID5;
    this.lineOffset = this.startAddr = 0;
    this.dac8bit = false;
  }

  read(): number {
    if (this.index < DISPI.COUNT) {
      if (this.regs[DISPI.ENABLE]! & GETCAPS) {
        if (this.index === DISPI.XRES) return MAX_XRES;
        if (this.index === DISPI.YRES) return MAX_YRES;
        if (this.index === DISPI.BPP) return MAX_BPP;
      }
      return this.regs[this.index]!;
    }
    return this.index === DISPI.VIDEO_MEMORY_64K ? this.vramSize / 0x10000 : 0;
  }

  write(value: number): void {
    const v = value & 0xffff;
    const r = this.regs;
    switch (this.index) {
      case DISPI.ID:
        if (v >= ID0 && v <= ID5) r[DISPI.ID] = v;
        break;
      case DISPI.XRES: case DISPI.YRES: case DISPI.BPP: case DISPI.VIRT_WIDTH: case DISPI.X_OFFSET: case DISPI.Y_OFFSET:
        r[this.index] = v;
        this.fixup();
        break;
      case DISPI.BANK: {
        const bankMask = (this.vramSize >> 16) - 1;
        const bank = v & (r[DISPI.BPP] === 4 ? bankMask >> 2 : bankMask);
        r[DISPI.BANK] = bank;
        this.vga.bankOffset = bank << 16;
        break;
      }
      case DISPI.ENABLE:
        if (v & ENABLED && !(r[DISPI.ENABLE]! & ENABLED)) {
          r[DISPI.VIRT_WIDTH] = r[DISPI.X_OFFSET] = r[DISPI.Y_OFFSET] = 0;
          r[DISPI.ENABLE] = r[DISPI.ENABLE]! | ENABLED;
          this.fixup();
          this.graphicsRegisters();
          if (!(v & NOCLEARMEM)) this.vga.vram.zeroFill(0, Math.min(this.vramSize, r[DISPI.YRES]! * this.lineOffset));
        } else this.vga.bankOffset = 0;
        this.dac8bit = (v & 0x20) !== 0;
        r[DISPI.ENABLE] = v;
        break;
      default:
        break;
    }
  }

  /** QEMU's vbe_fixup_regs: only while enabled. */
  private fixup(): void {
    const r = this.regs;
    if (!(r[DISPI.ENABLE]! & ENABLED)) return;
    let bits: number;
    switch (r[DISPI.BPP]) {
      case 4: case 8: case 16: case 24: case 32: bits = r[DISPI.BPP]!; break;
      case 15: bits = 16; break;
      default: bits = r[DISPI.BPP] = 8;
    }
    r[DISPI.XRES] = Math.min(r[DISPI.XRES]! & ~7 || 8, MAX_XRES);
    r[DISPI.VIRT_WIDTH] = Math.max(Math.min(r[DISPI.VIRT_WIDTH]! & ~7, MAX_XRES), r[DISPI.XRES]!);
    const lineLength = (r[DISPI.VIRT_WIDTH]! * bits) / 8;
    const maxY = Math.floor(this.vramSize / lineLength);
    r[DISPI.YRES] = Math.min(r[DISPI.YRES]! || 1, MAX_YRES, maxY);
    r[DISPI.X_OFFSET] = Math.min(r[DISPI.X_OFFSET]!, MAX_XRES);
    r[DISPI.Y_OFFSET] = Math.min(r[DISPI.Y_OFFSET]!, MAX_YRES);
    let offset = (r[DISPI.X_OFFSET]! * bits) / 8 + r[DISPI.Y_OFFSET]! * lineLength;
    if (offset + r[DISPI.YRES]! * lineLength > this.vramSize) {
      r[DISPI.Y_OFFSET] = 0;
      offset = (r[DISPI.X_OFFSET]! * bits) / 8;
      if (offset + r[DISPI.YRES]! * lineLength > this.vramSize) {
        r[DISPI.X_OFFSET] = 0;
        offset = 0;
      }
    }
    r[DISPI.VIRT_HEIGHT] = Math.min(maxY, 0xffff);
    this.lineOffset = lineLength;
    this.startAddr = Math.floor(offset / 4);
  }

  /** QEMU's vbe_update_vgaregs: graphics mode, memory map 1, the CRTC sized to the mode, chain 4 above 4 bpp. */
  private graphicsRegisters(): void {
    const { gr, cr, sr } = this.vga;
    const r = this.regs;
    gr[6] = (gr[6]! & ~0x0c) | 0x05;
    cr[0x17] = cr[0x17]! | 3;
    cr[0x13] = (this.lineOffset >> 3) & 0xff;
    cr[0x01] = ((r[DISPI.XRES]! >> 3) - 1) & 0xff;
    const h = r[DISPI.YRES]! - 1;
    cr[0x12] = h & 0xff;
    cr[0x07] = (cr[0x07]! & ~0x42) | ((h >> 7) & 0x02) | ((h >> 3) & 0x40);
    cr[0x18] = 0xff;
    cr[0x07] = cr[0x07]! | 0x10;
    cr[0x09] = cr[0x09]! | 0x40;
    let shift: number;
    if (r[DISPI.BPP] === 4) {
      shift = 0;
      sr[1] = sr[1]! & ~8;
    } else {
      shift = 2;
      sr[4] = sr[4]! | 0x08;
      sr[2] = sr[2]! | 0x0f;
    }
    gr[5] = (gr[5]! & ~0x60) | (shift << 5);
    cr[0x09] = cr[0x09]! & ~0x9f;
  }

  saveState(): PartState {
    return { json: { index: this.index, regs: [...this.regs], lineOffset: this.lineOffset, startAddr: this.startAddr, dac8bit: this.dac8bit ? 1 : 0 } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'vbe');
    this.index = num(o, 'index');
    this.regs.set(arr(o, 'regs') as number[]);
    this.lineOffset = num(o, 'lineOffset');
    this.startAddr = num(o, 'startAddr');
    this.dac8bit = num(o, 'dac8bit') === 1;
  }
}

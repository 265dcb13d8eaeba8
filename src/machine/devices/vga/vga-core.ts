import type { RamBlock } from '../../bus/ram-block.js';
import type { JsonValue, PartState } from '../../snapshot/part-state.js';
import { arr, jsonObject, num } from '../../snapshot/part-state.js';

/**
 * The VGA register file and the planar legacy memory of QEMU 7.2's VGA core (hw/display/vga.c),
 * shared by the std VGA's ports and its MMIO BAR. Facts from the IBM VGA reference as QEMU models
 * them: writes keep only the bits QEMU's masks keep, the attribute controller's index/data flip-flop
 * is reset by reading input status 1, the CRTC's CR0-7 are write-protected by CR11 bit 7, the DAC
 * has its own read and write indices. Input status 1 toggles its retrace bits on every read (QEMU's
 * default "dumb" retrace). Nothing is drawn; the text screen can be read back (textScreen).
 */

/** Bits each sequencer register keeps (QEMU sr_mask). */
const SR_MASK = [0x03, 0x3d, 0x0f, 0x3f, 0x0e, 0x00, 0x00, 0xff];
/** Bits each graphics controller register keeps (QEMU gr_mask). */
const GR_MASK = [0x0f, 0x0f, 0x0f, 0x1f, 0x03, 0x7b, 0x0f, 0x0f, 0xff, 0, 0, 0, 0, 0, 0, 0];

const AR_MODE = 0x10;
const AR_OVERSCAN = 0x11;
const AR_PLANE_ENABLE = 0x12;
const AR_PEL = 0x13;
const AR_COLOR_PAGE = 0x14;
/** Attribute controller registers (0x00-0x14). */
const AR_COUNT = 0x15;
const SR_PLANE_WRITE = 2;
const SR_MEMORY_MODE = 4;
const SR04_CHAIN4 = 0x08;
const GR_SR_VALUE = 0;
const GR_SR_ENABLE = 1;
const GR_COMPARE_VALUE = 2;
const GR_DATA_ROTATE = 3;
const GR_PLANE_READ = 4;
const GR_MODE = 5;
const GR_MISC = 6;
const GR_COMPARE_MASK = 7;
const GR_BIT_MASK = 8;
const CR_OVERFLOW = 0x07;
const CR_V_SYNC_END = 0x11;
const CR11_LOCK_CR0_CR7 = 0x80;
const MSR_COLOR = 0x01;
const ST01_RETRACE_BITS = 0x09;

/** Port offsets from 0x3b0 that QEMU's VGA decodes (vga_portio_list); the rest of 0x3b0-0x3df is unassigned. */
export const VGA_PORT_BASE = 0x3b0;
export const VGA_PORT_RANGES: readonly (readonly [number, number])[] = [[0x04, 2], [0x0a, 1], [0x10, 16], [0x24, 2], [0x2a, 1]];

/** Expand a 4-bit plane mask to a 32-bit mask of whole plane bytes (plane p = byte p). */
function planeMask(m: number): number {
  return ((m & 1 ? 0xff : 0) | (m & 2 ? 0xff00 : 0) | (m & 4 ? 0xff0000 : 0) | (m & 8 ? 0xff000000 : 0)) >>> 0;
}

export class VgaCore {
  readonly sr = new Uint8Array(8);
  readonly gr = new Uint8Array(16);
  readonly cr = new Uint8Array(256);
  readonly ar = new Uint8Array(AR_COUNT);
  readonly palette = new Uint8Array(768);
  private readonly dacCache = new Uint8Array(3);
  srIndex = 0;
  grIndex = 0;
  crIndex = 0;
  arIndex = 0;
  arFlipFlop = 0;
  msr = 0;
  fcr = 0;
  st00 = 0;
  st01 = 0;
  dacState = 0;
  dacSubIndex = 0;
  dacReadIndex = 0;
  dacWriteIndex = 0;
  latch = 0;
  /** The VBE bank (64 KiB units) memory map mode 1 adds (set by the DISPI interface). */
  bankOffset = 0;

  constructor(readonly vram: RamBlock) {}

  reset(): void {
    for (const a of [this.sr, this.gr, this.cr, this.ar, this.palette, this.dacCache]) a.fill(0);
    this.srIndex = this.grIndex = this.crIndex = this.arIndex = this.arFlipFlop = 0;
    this.msr = this.fcr = this.st00 = this.st01 = 0;
    this.dacState = this.dacSubIndex = this.dacReadIndex = this.dacWriteIndex = 0;
    this.latch = 0;
    this.bankOffset = 0;
  }

  /** QEMU's vga_ioport_invalid: the mono ports answer only in mono mode, the colour ones in colour mode. */
  private invalid(port: number): boolean {
    return this.msr & MSR_COLOR ? port >= 0x3b0 && port <= 0x3bf : port >= 0x3d0 && port <= 0x3df;
  }

  readPort(port: number): number {
    if (this.invalid(port)) return 0xff;
    switch (port) {
      case 0x3c0: return this.arFlipFlop === 0 ? this.arIndex : 0;
      case 0x3c1: {
        const i = this.arIndex & 0x1f;
        return i < AR_COUNT ? this.ar[i]! : 0;
      }
      case 0x3c2: return this.st00;
      case 0x3c4: return this.srIndex;
      case 0x3c5: return this.sr[this.srIndex]!;
      case 0x3c7: return this.dacState;
      case 0x3c8: return this.dacWriteIndex;
      case 0x3c9: {
        const v = this.palette[this.dacReadIndex * 3 + this.dacSubIndex]!;
        if (++this.dacSubIndex === 3) {
          this.dacSubIndex = 0;
          this.dacReadIndex = (this.dacReadIndex + 1) & 0xff;
        }
        return v;
      }
      case 0x3ca: return this.fcr;
      case 0x3cc: return this.msr;
      case 0x3ce: return this.grIndex;
      case 0x3cf: return this.gr[this.grIndex]!;
      case 0x3b4: case 0x3d4: return this.crIndex;
      case 0x3b5: case 0x3d5: return this.cr[this.crIndex]!;
      case 0x3ba: case 0x3da:
        this.st01 ^= ST01_RETRACE_BITS;
        this.arFlipFlop = 0;
        return this.st01;
      default: return 0;
    }
  }

  writePort(port: number, value: number): void {
    if (this.invalid(port)) return;
    const v = value & 0xff;
    switch (port) {
      case 0x3c0:
        if (this.arFlipFlop === 0) this.arIndex = v & 0x3f;
        else this.writeAttribute(this.arIndex & 0x1f, v);
        this.arFlipFlop ^= 1;
        break;
      case 0x3c2: this.msr = v & ~0x10; break;
      case 0x3c4: this.srIndex = v & 7; break;
      case 0x3c5: this.sr[this.srIndex] = v & SR_MASK[this.srIndex]!; break;
      case 0x3c7:
        this.dacReadIndex = v;
        this.dacSubIndex = 0;
        this.dacState = 3;
        break;
      case 0x3c8:
        this.dacWriteIndex = v;
        this.dacSubIndex = 0;
        this.dacState = 0;
        break;
      case 0x3c9:
        this.dacCache[this.dacSubIndex] = v;
        if (++this.dacSubIndex === 3) {
          this.palette.set(this.dacCache, this.dacWriteIndex * 3);
          this.dacSubIndex = 0;
          this.dacWriteIndex = (this.dacWriteIndex + 1) & 0xff;
        }
        break;
      case 0x3ce: this.grIndex = v & 0x0f; break;
      case 0x3cf: this.gr[this.grIndex] = v & GR_MASK[this.grIndex]!; break;
      case 0x3b4: case 0x3d4: this.crIndex = v; break;
      case 0x3b5: case 0x3d5:
        if (this.cr[CR_V_SYNC_END]! & CR11_LOCK_CR0_CR7 && this.crIndex <= CR_OVERFLOW) {
          // Only CR7 bit 4 stays writable while CR0-7 are locked.
          if (this.crIndex === CR_OVERFLOW) this.cr[CR_OVERFLOW] = (this.cr[CR_OVERFLOW]! & ~0x10) | (v & 0x10);
          return;
        }
        this.cr[this.crIndex] = v;
        break;
      case 0x3ba: case 0x3da: this.fcr = v & 0x10; break;
      default: break;
    }
  }

  private writeAttribute(i: number, v: number): void {
    if (i <= 0x0f) this.ar[i] = v & 0x3f;
    else if (i === AR_MODE) this.ar[i] = v & ~0x10;
    else if (i === AR_OVERSCAN) this.ar[i] = v;
    else if (i === AR_PLANE_ENABLE) this.ar[i] = v & ~0xc0;
    else if (i === AR_PEL || i === AR_COLOR_PAGE) this.ar[i] = v & ~0xf0;
  }

  /** A legacy-window offset (0 = 0xA0000) to a VGA memory offset, or -1 outside the window GR6 selects. */
  private windowOffset(addr: number): number {
    switch ((this.gr[GR_MISC]! >> 2) & 3) {
      case 0: return addr;
      case 1: return addr >= 0x10000 ? -1 : addr + this.bankOffset;
      case 2: return addr >= 0x10000 && addr < 0x18000 ? addr - 0x10000 : -1;
      default: return addr >= 0x18000 ? addr - 0x18000 : -1;
    }
  }

  private vramWord(index: number): number {
    return this.vram.read(index * 4, 4) >>> 0;
  }

  /** A CPU byte read of the legacy window (QEMU vga_mem_readb). */
  readMem(offset: number): number {
    const addr = this.windowOffset(offset & 0x1ffff);
    if (addr < 0) return 0xff;
    if (this.sr[SR_MEMORY_MODE]! & SR04_CHAIN4) return this.vram.read8(addr);
    if (this.gr[GR_MODE]! & 0x10) {
      // Odd/even (text) mapping: even addresses plane 0 (or 2), odd plane 1 (or 3).
      const plane = (this.gr[GR_PLANE_READ]! & 2) | (addr & 1);
      return this.vram.read8(((addr & ~1) << 1) | plane);
    }
    this.latch = this.vramWord(addr);
    if (!(this.gr[GR_MODE]! & 0x08)) return (this.latch >>> ((this.gr[GR_PLANE_READ]! & 3) * 8)) & 0xff;
    // Read mode 1: colour compare over the planes GR7 selects.
    let r = ((this.latch ^ planeMask(this.gr[GR_COMPARE_VALUE]!)) & planeMask(this.gr[GR_COMPARE_MASK]!)) >>> 0;
    r |= r >>> 16;
    r |= r >>> 8;
    return ~r & 0xff;
  }

  /** A CPU byte write to the legacy window (QEMU vga_mem_writeb). */
  writeMem(offset: number, value: number): void {
    const addr = this.windowOffset(offset & 0x1ffff);
    if (addr < 0) return;
    let val = value & 0xff;
    const planes = this.sr[SR_PLANE_WRITE]!;
    if (this.sr[SR_MEMORY_MODE]! & SR04_CHAIN4) {
      if (planes & (1 << (addr & 3))) this.vram.write8(addr, val);
      return;
    }
    if (this.gr[GR_MODE]! & 0x10) {
      const plane = (this.gr[GR_PLANE_READ]! & 2) | (addr & 1);
      if (planes & (1 << plane)) this.vram.write8(((addr & ~1) << 1) | plane, val);
      return;
    }
    let word: number;
    let bitMask = this.gr[GR_BIT_MASK]!;
    const rotate = this.gr[GR_DATA_ROTATE]! & 7;
    switch (this.gr[GR_MODE]! & 3) {
      case 1:
        word = this.latch;
        this.storeWord(addr, word, planes);
        return;
      case 2:
        word = planeMask(val & 0x0f);
        break;
      case 3:
        val = ((val >> rotate) | (val << (8 - rotate))) & 0xff;
        bitMask &= val;
        word = planeMask(this.gr[GR_SR_VALUE]!);
        break;
      default: {
        val = ((val >> rotate) | (val << (8 - rotate))) & 0xff;
        word = (val * 0x01010101) >>> 0;
        const setMask = planeMask(this.gr[GR_SR_ENABLE]!);
        word = ((word & ~setMask) | (planeMask(this.gr[GR_SR_VALUE]!) & setMask)) >>> 0;
      }
    }
    switch (this.gr[GR_DATA_ROTATE]! >> 3) {
      case 1: word &= this.latch; break;
      case 2: word |= this.latch; break;
      case 3: word ^= this.latch; break;
      default: break;
    }
    const bits = (bitMask * 0x01010101) >>> 0;
    word = ((word & bits) | (this.latch & ~bits)) >>> 0;
    this.storeWord(addr, word, planes);
  }

  /**
   * `length` CPU byte writes from `data`, in order (a string write): what writeMem per byte
   * does. The odd/even (text) mapping is the common case and has its register reads hoisted:
   * a string write changes no register.
   */
  writeMemFrom(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    if (this.sr[SR_MEMORY_MODE]! & SR04_CHAIN4 || !(this.gr[GR_MODE]! & 0x10)) {
      for (let i = 0; i < length; i++) this.writeMem(offset + i, data[dataOffset + i]!);
      return;
    }
    const planes = this.sr[SR_PLANE_WRITE]!;
    const high = this.gr[GR_PLANE_READ]! & 2;
    // The window GR6 selects as [lo, hi) of the 128 KiB legacy range, and its VGA memory offset.
    let lo = 0;
    let hi = 0x20000;
    let add = 0;
    switch ((this.gr[GR_MISC]! >> 2) & 3) {
      case 0: break;
      case 1: hi = 0x10000; add = this.bankOffset; break;
      case 2: lo = 0x10000; hi = 0x18000; add = -0x10000; break;
      default: lo = 0x18000; add = -0x18000; break;
    }
    const first = offset & 0x1ffff;
    if (first >= lo && first + length <= hi) {
      // One run inside the window: VGA memory [first + add, + length) interleaves into planes.
      const a0 = first + add;
      const v0 = (a0 & ~1) << 1;
      const view = this.vram.chunkView(v0, (((a0 + length - 1) & ~1) << 1) + 4 - v0);
      if (view) {
        const { bytes, start } = view;
        for (let i = 0; i < length; i++) {
          const addr = a0 + i;
          const plane = high | (addr & 1);
          if (planes & (1 << plane)) bytes[start + (((addr & ~1) << 1) | plane) - v0] = data[dataOffset + i]!;
        }
        return;
      }
    }
    for (let i = 0; i < length; i++) {
      const addr = this.windowOffset((offset + i) & 0x1ffff);
      if (addr < 0) continue;
      const plane = high | (addr & 1);
      if (planes & (1 << plane)) this.vram.write8(((addr & ~1) << 1) | plane, data[dataOffset + i]! & 0xff);
    }
  }

  private storeWord(index: number, word: number, planes: number): void {
    const m = planeMask(planes);
    const old = this.vramWord(index);
    this.vram.write(index * 4, 4, ((old & ~m) | (word & m)) >>> 0);
  }

  /**
   * The text screen as a text-mode display shows it: characters from plane 0 from the CRTC start
   * address, columns from CR1, rows from the vertical display end over the character height.
   * Undefined in a graphics mode (GR6 bit 0).
   */
  textScreen(): { readonly cols: number; readonly rows: number; readonly chars: Uint8Array; readonly attrs: Uint8Array } | undefined {
    if (this.gr[GR_MISC]! & 1) return undefined;
    const cols = this.cr[0x01]! + 1;
    const charHeight = (this.cr[0x09]! & 0x1f) + 1;
    const vde = this.cr[0x12]! | ((this.cr[CR_OVERFLOW]! & 0x02) << 7) | ((this.cr[CR_OVERFLOW]! & 0x40) << 3);
    const rows = Math.floor((vde + 1) / charHeight);
    if (cols < 2 || rows < 1) return undefined;
    const start = (this.cr[0x0c]! << 8) | this.cr[0x0d]!;
    const stride = this.cr[0x13]! * 2;
    const chars = new Uint8Array(cols * rows);
    const attrs = new Uint8Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const cell = (start + r * stride + c) & 0xffff;
        chars[r * cols + c] = this.vram.read8(cell * 4);
        attrs[r * cols + c] = this.vram.read8(cell * 4 + 1);
      }
    }
    return { cols, rows, chars, attrs };
  }

  saveState(): PartState {
    const regs = { sr: [...this.sr], gr: [...this.gr], cr: [...this.cr], ar: [...this.ar], palette: [...this.palette], dacCache: [...this.dacCache] };
    const scalars: Record<string, number> = {
      srIndex: this.srIndex, grIndex: this.grIndex, crIndex: this.crIndex, arIndex: this.arIndex, arFlipFlop: this.arFlipFlop,
      msr: this.msr, fcr: this.fcr, st00: this.st00, st01: this.st01, dacState: this.dacState, dacSubIndex: this.dacSubIndex,
      dacReadIndex: this.dacReadIndex, dacWriteIndex: this.dacWriteIndex, latch: this.latch, bankOffset: this.bankOffset,
    };
    return { json: { ...regs, ...scalars } as JsonValue };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'vga');
    for (const key of ['sr', 'gr', 'cr', 'ar', 'palette', 'dacCache'] as const) this[key].set(arr(o, key) as number[]);
    this.srIndex = num(o, 'srIndex'); this.grIndex = num(o, 'grIndex'); this.crIndex = num(o, 'crIndex');
    this.arIndex = num(o, 'arIndex'); this.arFlipFlop = num(o, 'arFlipFlop'); this.msr = num(o, 'msr'); this.fcr = num(o, 'fcr');
    this.st00 = num(o, 'st00'); this.st01 = num(o, 'st01'); this.dacState = num(o, 'dacState'); this.dacSubIndex = num(o, 'dacSubIndex');
    this.dacReadIndex = num(o, 'dacReadIndex'); this.dacWriteIndex = num(o, 'dacWriteIndex'); this.latch = num(o, 'latch');
    this.bankOffset = num(o, 'bankOffset');
  }
}

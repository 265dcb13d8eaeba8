import type { IoHandler, AccessSize } from '../../bus/io-handler.js';
import { allOnes } from '../../bus/io-handler.js';
import type { MemoryTarget } from '../../bus/memory-target.js';
import { MmioWindow } from '../../bus/memory-target.js';
import type { RamBlock } from '../../bus/ram-block.js';
import type { PhysicalMemory } from '../../bus/physical-memory.js';
import type { PortBus } from '../../bus/port-bus.js';
import type { Snapshottable } from '../../snapshot/part-state.js';
import type { PartState } from '../../snapshot/part-state.js';
import { jsonObject } from '../../snapshot/part-state.js';
import { VGA_WINDOW_BASE, VGA_WINDOW_SIZE } from '../../boards/layout.js';
import { VGA_PORT_BASE, VGA_PORT_RANGES, VgaCore } from './vga-core.js';
import { VbeDispi } from './vbe-dispi.js';
import type { EdidInfo } from './edid.js';
import { EDID_BLOB_SIZE, qemuEdid } from './edid.js';

/** The Bochs VBE ports: index at 0x1ce, data at 0x1cf (x86) and 0x1d0. */
const VBE_PORT_BASE = 0x1ce;
const VBE_PORT_LEN = 4;
/** The std VGA's MMIO BAR (QEMU docs/specs/standard-vga.txt): EDID, VGA ports, DISPI registers, QEMU's extended registers. */
const MMIO_EDID_SIZE = 0x400;
const MMIO_VGA_PORTS = 0x400;
const MMIO_DISPI = 0x500;
const MMIO_QEXT = 0x600;
const QEXT_SIZE = 8;
const QEXT_LITTLE_ENDIAN = 0x1e1e1e1e;
const QEXT_BIG_ENDIAN = 0xbebebebe;

/** What a VGA needs from its machine: the buses it decodes on, reset and snapshot registration. */
export interface VgaContext {
  readonly ports: PortBus;
  readonly memory: PhysicalMemory;
  onReset(handler: () => void): void;
  addState(name: string, part: Snapshottable): void;
  addReportSection(name: string, collect: () => unknown): void;
}

/** How many std VGAs each machine has (keyed by its port bus): the first one decodes the legacy resources. */
const vgaCount = new WeakMap<PortBus, number>();

/** The legacy window 0xA0000-0xBFFFF, byte by byte through the VGA's planes. */
class LegacyWindow implements MemoryTarget {
  readonly kind = 'mmio';
  readonly size = VGA_WINDOW_SIZE;
  constructor(private readonly core: VgaCore) {}
  read(offset: number, size: AccessSize): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.core.readMem(offset + i);
    return v;
  }
  write(offset: number, size: AccessSize, value: number): void {
    let v = value;
    for (let i = 0; i < size; i++) {
      this.core.writeMem(offset + i, v & 0xff);
      v = Math.floor(v / 256);
    }
  }
  /** A string write (rep stos/movs): the same byte writes, in order, without a call per byte through the bus. */
  writeFrom(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    this.core.writeMemFrom(offset, data, dataOffset, length);
  }
}

/**
 * QEMU 7.2's `-device VGA` (1234:1111) behind its PCI function: the VGA ports (0x3b4-0x3da as QEMU
 * decodes them), the Bochs VBE ports and the legacy window, the planar memory on the framebuffer BAR's
 * RAM, and the MMIO BAR. The first VGA of a machine decodes the legacy resources.
 */
export class StdVga {
  readonly core: VgaCore;
  readonly dispi: VbeDispi;
  private bigEndianFb = false;
  /** The EDID blob (`edid=on`, QEMU's default), or undefined when the region is absent. */
  readonly edid: Uint8Array | undefined;

  constructor(private readonly ctx: VgaContext, readonly vram: RamBlock, edid: EdidInfo | null = {}) {
    this.edid = edid ? qemuEdid(edid) : undefined;
    this.core = new VgaCore(vram);
    this.dispi = new VbeDispi(this.core, vram.size);
    const n = vgaCount.get(ctx.ports) ?? 0;
    vgaCount.set(ctx.ports, n + 1);
    if (n === 0) this.mapLegacy();
    ctx.onReset(() => this.reset());
    const section = n === 0 ? 'vga' : `vga${n}`;
    ctx.addState(section, this);
    ctx.addState(`${section}.vram`, vram);
    // What a monitor on this VGA shows, when it is in a text mode: the lines up to the last written one.
    if (n === 0) ctx.addReportSection('VGA text screen', () => {
      const lines = this.screenText();
      if (!lines) return 'graphics mode';
      let last = lines.length;
      while (last > 0 && lines[last - 1] === '') last--;
      return last === 0 ? 'blank' : lines.slice(0, last).map((l) => `|${l}`);
    });
  }

  /** The MMIO BAR's contents (BAR2). */
  readonly mmio = new MmioWindow({
    read: (offset, size) => this.mmioRead(offset, size),
    write: (offset, size, value) => this.mmioWrite(offset, size, value),
  }, 4096);

  /** 16-bit registers only: QEMU answers byte accesses (and 0x1d1) as unassigned. */
  private readonly vbePorts: IoHandler = {
    read: (offset, size) => {
      if (size !== 2 || offset > 2) return allOnes(size);
      return offset === 0 ? this.dispi.index : this.dispi.read();
    },
    write: (offset, size, value) => {
      if (size !== 2 || offset > 2) return;
      if (offset === 0) this.dispi.index = value & 0xffff;
      else this.dispi.write(value);
    },
  };

  private reset(): void {
    this.core.reset();
    this.dispi.reset();
    this.bigEndianFb = false;
  }

  /**
   * Claim the legacy resources: QEMU 7.2's std VGA registers its ports and the legacy window on the
   * ISA/PCI address spaces at realize, whatever COMMAND says (recorded: they answer before any
   * firmware enabled the function, and after COMMAND is cleared again).
   */
  private mapLegacy(): void {
    for (const [off, len] of VGA_PORT_RANGES) {
      this.ctx.ports.register('vga', VGA_PORT_BASE + off, len, {
        sizes: 1,
        read: (o) => this.core.readPort(VGA_PORT_BASE + off + o),
        write: (o, _s, v) => this.core.writePort(VGA_PORT_BASE + off + o, v),
      });
    }
    this.ctx.ports.register('vbe', VBE_PORT_BASE, VBE_PORT_LEN, this.vbePorts);
    // Another VGA model made earlier (`-device cirrus-vga -device VGA`) holds plain memory there: QEMU
    // renders the later VGA's legacy window over the earlier one (equal priorities, newest first).
    const plain = this.ctx.memory.mappings().find((m) => m.name === 'vga-lowmem');
    if (plain) this.ctx.memory.unmap(plain);
    this.ctx.memory.map('vga-lowmem', VGA_WINDOW_BASE, new LegacyWindow(this.core));
  }

  private mmioRead(offset: number, size: AccessSize): number {
    if (offset >= MMIO_VGA_PORTS && offset + size <= MMIO_VGA_PORTS + 0x20) {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + this.core.readPort(0x3c0 + offset - MMIO_VGA_PORTS + i);
      return v;
    }
    if (offset >= MMIO_DISPI && offset < MMIO_DISPI + 0x16) {
      this.dispi.index = (offset - MMIO_DISPI) >> 1;
      const v = this.dispi.read();
      return size === 1 ? v & 0xff : v;
    }
    if (offset === MMIO_QEXT && size === 4) return QEXT_SIZE;
    if (offset === MMIO_QEXT + 4 && size === 4) return this.bigEndianFb ? QEXT_BIG_ENDIAN : QEXT_LITTLE_ENDIAN;
    if (offset < MMIO_EDID_SIZE && this.edid) {
      // Read-only, as large as the blob; the rest of the 0x400 bytes is unassigned (recorded).
      if (offset + size > EDID_BLOB_SIZE) return allOnes(size);
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + this.edid[offset + i]!;
      return v;
    }
    return allOnes(size);
  }

  private mmioWrite(offset: number, size: AccessSize, value: number): void {
    if (offset >= MMIO_VGA_PORTS && offset + size <= MMIO_VGA_PORTS + 0x20) {
      let v = value;
      for (let i = 0; i < size; i++) {
        this.core.writePort(0x3c0 + offset - MMIO_VGA_PORTS + i, v & 0xff);
        v = Math.floor(v / 256);
      }
      return;
    }
    if (offset >= MMIO_DISPI && offset < MMIO_DISPI + 0x16 && size === 2) {
      this.dispi.index = (offset - MMIO_DISPI) >> 1;
      this.dispi.write(value);
      return;
    }
    if (offset === MMIO_QEXT + 4 && size === 4) {
      if (value === QEXT_BIG_ENDIAN) this.bigEndianFb = true;
      else if (value === QEXT_LITTLE_ENDIAN) this.bigEndianFb = false;
    }
  }

  /** The text screen as lines (trailing blanks trimmed), or undefined in a graphics mode. */
  screenText(): string[] | undefined {
    const s = this.core.textScreen();
    if (!s) return undefined;
    const lines: string[] = [];
    // One string per row, not one per character.
    const row = new Uint16Array(s.cols);
    for (let r = 0; r < s.rows; r++) {
      for (let c = 0; c < s.cols; c++) {
        const ch = s.chars[r * s.cols + c]!;
        row[c] = ch >= 0x20 && ch < 0x7f ? ch : ch === 0 ? 0x20 : 0x2e;
      }
      lines.push(String.fromCharCode.apply(null, row as unknown as number[]).trimEnd());
    }
    return lines;
  }

  saveState(): PartState {
    return { json: { core: this.core.saveState().json ?? null, dispi: this.dispi.saveState().json ?? null, bigEndianFb: this.bigEndianFb } };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'vga');
    this.core.loadState({ json: o.core ?? null });
    this.dispi.loadState({ json: o.dispi ?? null });
    this.bigEndianFb = o.bigEndianFb === true;
  }
}

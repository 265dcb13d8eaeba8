/** PCI configuration mechanism #1 over the wire (ports 0xCF8/0xCFC), as SeaBIOS uses before MMCONFIG. */
import type { CpuWire } from '../../src/spec/cpu-wire.js';

const PORT_PCI_CMD = 0xcf8;
const PORT_PCI_DATA = 0xcfc;

export const bdfOf = (bus: number, devfn: number): number => (bus << 8) | devfn;
export const busOf = (bdf: number): number => bdf >> 8;
export const slotOf = (bdf: number): number => (bdf >> 3) & 0x1f;
export const fnOf = (bdf: number): number => bdf & 7;
export const bdfText = (bdf: number): string =>
  `${busOf(bdf).toString(16).padStart(2, '0')}:${slotOf(bdf).toString(16).padStart(2, '0')}.${fnOf(bdf)}`;

export class PciConfig {
  /** MMCONFIG (ECAM) base once enabled (`pci_enable_mmconfig`), else config mechanism #1. */
  private mmconfig: number | undefined;

  constructor(private readonly wire: CpuWire) {}

  /** From now on every access goes through ECAM at `base` (SeaBIOS after the q35 PCIEXBAR). */
  useMmconfig(base: number): void {
    this.mmconfig = base;
  }

  /** `pci_probe_host`: 0x80000000 written to CF8 reads back. */
  probeHost(): boolean {
    this.wire.out32(PORT_PCI_CMD, 0x80000000);
    return this.wire.in32(PORT_PCI_CMD) === 0x80000000;
  }

  private select(bdf: number, reg: number): void {
    this.wire.out32(PORT_PCI_CMD, (0x80000000 | (bdf << 8) | (reg & 0xfc)) >>> 0);
  }

  private ecam(bdf: number, reg: number): number {
    return this.mmconfig! + bdf * 4096 + reg;
  }

  read8(bdf: number, reg: number): number {
    if (this.mmconfig !== undefined) return this.wire.read8(this.ecam(bdf, reg));
    this.select(bdf, reg);
    return this.wire.in8(PORT_PCI_DATA + (reg & 3));
  }
  read16(bdf: number, reg: number): number {
    if (this.mmconfig !== undefined) return this.wire.read16(this.ecam(bdf, reg & ~1));
    this.select(bdf, reg);
    return this.wire.in16(PORT_PCI_DATA + (reg & 2));
  }
  read32(bdf: number, reg: number): number {
    if (this.mmconfig !== undefined) return this.wire.read32(this.ecam(bdf, reg & ~3)) >>> 0;
    this.select(bdf, reg);
    return this.wire.in32(PORT_PCI_DATA) >>> 0;
  }
  write8(bdf: number, reg: number, v: number): void {
    if (this.mmconfig !== undefined) return this.wire.write8(this.ecam(bdf, reg), v & 0xff);
    this.select(bdf, reg);
    this.wire.out8(PORT_PCI_DATA + (reg & 3), v & 0xff);
  }
  write16(bdf: number, reg: number, v: number): void {
    if (this.mmconfig !== undefined) return this.wire.write16(this.ecam(bdf, reg & ~1), v & 0xffff);
    this.select(bdf, reg);
    this.wire.out16(PORT_PCI_DATA + (reg & 2), v & 0xffff);
  }
  write32(bdf: number, reg: number, v: number): void {
    if (this.mmconfig !== undefined) return this.wire.write32(this.ecam(bdf, reg & ~3), v >>> 0);
    this.select(bdf, reg);
    this.wire.out32(PORT_PCI_DATA, v >>> 0);
  }

  /** First capability with `id` at or after the list start, or 0. */
  findCap(bdf: number, id: number, start = 0): number {
    if (!(this.read16(bdf, 0x06) & 0x10)) return 0;
    let cap = start ? this.read8(bdf, start + 1) : this.read8(bdf, 0x34);
    for (let guard = 0; cap && guard < 48; guard++) {
      cap &= 0xfc;
      if (!cap) break;
      if (this.read8(bdf, cap) === id) return cap;
      cap = this.read8(bdf, cap + 1);
    }
    return 0;
  }
}

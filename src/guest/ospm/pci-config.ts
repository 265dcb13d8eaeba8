/** PCI configuration mechanism #1 (0xCF8/0xCFC) from the guest: the only way the OSPM touches PCI. */
import type { CpuWire } from '../../spec/cpu-wire.js';

const CONFIG_ADDRESS = 0xcf8;
const CONFIG_DATA = 0xcfc;

export class PciConfig {
  constructor(private readonly wire: CpuWire) {}

  private select(bus: number, devfn: number, reg: number): void {
    this.wire.out32(CONFIG_ADDRESS, (0x80000000 | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0);
  }

  read32(bus: number, devfn: number, reg: number): number {
    this.select(bus, devfn, reg);
    return this.wire.in32(CONFIG_DATA) >>> 0;
  }

  read16(bus: number, devfn: number, reg: number): number {
    this.select(bus, devfn, reg);
    return this.wire.in16(CONFIG_DATA + (reg & 2));
  }

  read8(bus: number, devfn: number, reg: number): number {
    this.select(bus, devfn, reg);
    return this.wire.in8(CONFIG_DATA + (reg & 3));
  }

  write32(bus: number, devfn: number, reg: number, value: number): void {
    this.select(bus, devfn, reg);
    this.wire.out32(CONFIG_DATA, value >>> 0);
  }

  write16(bus: number, devfn: number, reg: number, value: number): void {
    this.select(bus, devfn, reg);
    this.wire.out16(CONFIG_DATA + (reg & 2), value & 0xffff);
  }
}

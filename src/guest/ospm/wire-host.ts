/** The AML interpreter's host on the CPU wire: region spaces, PCI config via CF8/CFC, virtual clock. */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { SPACE } from '../aml/index.js';
import type { AmlHost, RegionAccess, RegionHandler } from '../aml/index.js';

const PCI_CONFIG_ADDRESS = 0xcf8;
const PCI_CONFIG_DATA = 0xcfc;

function systemMemory(wire: CpuWire): RegionHandler {
  return {
    read(a: RegionAccess): bigint {
      const addr = Number(a.address);
      switch (a.width) {
        case 1: return BigInt(wire.read8(addr));
        case 2: return BigInt(wire.read16(addr));
        case 4: return BigInt(wire.read32(addr) >>> 0);
        default: return wire.read64(addr);
      }
    },
    write(a: RegionAccess, v: bigint): void {
      const addr = Number(a.address);
      switch (a.width) {
        case 1: return wire.write8(addr, Number(v));
        case 2: return wire.write16(addr, Number(v));
        case 4: return wire.write32(addr, Number(v));
        default: return wire.write64(addr, v);
      }
    },
  };
}

function systemIo(wire: CpuWire): RegionHandler {
  const rd = (port: number, w: number): number => (w === 1 ? wire.in8(port) : w === 2 ? wire.in16(port) : wire.in32(port) >>> 0);
  const wr = (port: number, w: number, v: number): void => (w === 1 ? wire.out8(port, v) : w === 2 ? wire.out16(port, v) : wire.out32(port, v));
  return {
    read(a: RegionAccess): bigint {
      const port = Number(a.address) & 0xffff;
      if (a.width === 8) return BigInt(rd(port, 4)) | (BigInt(rd(port + 4, 4)) << 32n);
      return BigInt(rd(port, a.width));
    },
    write(a: RegionAccess, v: bigint): void {
      const port = Number(a.address) & 0xffff;
      if (a.width === 8) {
        wr(port, 4, Number(v & 0xffffffffn));
        wr(port + 4, 4, Number(v >> 32n));
      } else wr(port, a.width, Number(v));
    },
  };
}

/** PCI configuration mechanism #1 (segment 0 only; other segments read all-ones). */
function pciConfig(wire: CpuWire): RegionHandler {
  const select = (a: RegionAccess, off: number) => {
    const p = a.pci!;
    wire.out32(PCI_CONFIG_ADDRESS, (0x80000000 | (p.bus << 16) | (p.device << 11) | (p.fn << 8) | (off & 0xfc)) >>> 0);
  };
  const one = (a: RegionAccess, off: number, w: number): number => {
    select(a, off);
    const port = PCI_CONFIG_DATA + (off & 3);
    return w === 1 ? wire.in8(port) : w === 2 ? wire.in16(port) : wire.in32(port) >>> 0;
  };
  return {
    read(a: RegionAccess): bigint {
      if (a.pci?.segment) return (1n << BigInt(8 * a.width)) - 1n;
      const off = Number(a.address) & 0xfff;
      if (a.width === 8) return BigInt(one(a, off, 4)) | (BigInt(one(a, off + 4, 4)) << 32n);
      return BigInt(one(a, off, a.width));
    },
    write(a: RegionAccess, v: bigint): void {
      if (a.pci?.segment) return;
      const off = Number(a.address) & 0xfff;
      const put = (o: number, w: number, x: number) => {
        select(a, o);
        const port = PCI_CONFIG_DATA + (o & 3);
        if (w === 1) wire.out8(port, x);
        else if (w === 2) wire.out16(port, x);
        else wire.out32(port, x);
      };
      if (a.width === 8) {
        put(off, 4, Number(v & 0xffffffffn));
        put(off + 4, 4, Number(v >> 32n));
      } else put(off, a.width, Number(v));
    },
  };
}

export function wireHost(wire: CpuWire): AmlHost {
  return {
    clock: { now: () => wire.now(), delay: (ns) => wire.delay(ns) },
    regions: new Map<number, RegionHandler>([
      [SPACE.SystemMemory, systemMemory(wire)],
      [SPACE.SystemIO, systemIo(wire)],
      [SPACE.PCI_Config, pciConfig(wire)],
    ]),
    simulateOthers: false,
  };
}

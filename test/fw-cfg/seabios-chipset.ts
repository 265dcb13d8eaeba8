import { readFileSync } from 'node:fs';
import type { Machine } from '../../src/machine/machine.js';
import { fixturePath } from '../helpers/paths.js';

/**
 * Leave the chipset as SeaBIOS 1.16.2 did before it first read the ACPI files
 * (qemu-host.md §5.7), through mechanism #1 config cycles only, plus every BAR, bridge
 * window and bus number from the fixture's query-pci.json. Without a PCI host bridge
 * (PCI not attached) only the PM base can be set, through machine.setPmBase.
 */
export type ChipsetProgramming = 'config-cycles' | 'pm-base-only';

interface Region { bar: number; address: number; mem_type_64?: boolean }
interface Range { base: number; limit: number }
interface Device {
  bus: number;
  slot: number;
  function: number;
  regions: Region[];
  irq?: number;
  pci_bridge?: { bus: { number: number; secondary: number; subordinate: number; io_range: Range; memory_range: Range; prefetchable_range: Range }; devices?: Device[] };
}

function cfg(bus: number, devfn: number, reg: number): number {
  return (0x80000000 | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0;
}
function write(m: Machine, bus: number, devfn: number, reg: number, size: 1 | 2 | 4, value: number): void {
  m.ports.write(0xcf8, 4, cfg(bus, devfn, reg));
  m.ports.write(0xcfc + (reg & 3), size, value >>> 0);
}
function read(m: Machine, bus: number, devfn: number, reg: number, size: 1 | 2 | 4): number {
  m.ports.write(0xcf8, 4, cfg(bus, devfn, reg));
  return m.ports.read(0xcfc + (reg & 3), size);
}

function programDevice(m: Machine, d: Device): void {
  const devfn = d.slot * 8 + d.function;
  const br = d.pci_bridge;
  if (br) {
    write(m, d.bus, devfn, 0x18, 1, br.bus.number);
    write(m, d.bus, devfn, 0x19, 1, br.bus.secondary);
    write(m, d.bus, devfn, 0x1a, 1, br.bus.subordinate);
    write(m, d.bus, devfn, 0x1c, 1, (br.bus.io_range.base >> 8) & 0xff);
    write(m, d.bus, devfn, 0x1d, 1, (br.bus.io_range.limit >> 8) & 0xff);
    write(m, d.bus, devfn, 0x30, 4, 0);
    write(m, d.bus, devfn, 0x20, 2, Math.floor(br.bus.memory_range.base / 0x10000));
    write(m, d.bus, devfn, 0x22, 2, Math.floor(br.bus.memory_range.limit / 0x10000));
    const p = br.bus.prefetchable_range;
    write(m, d.bus, devfn, 0x24, 2, Math.floor(p.base / 0x10000) & 0xffff);
    write(m, d.bus, devfn, 0x26, 2, Math.floor(p.limit / 0x10000) & 0xffff);
    write(m, d.bus, devfn, 0x28, 4, Math.floor(p.base / 2 ** 32));
    write(m, d.bus, devfn, 0x2c, 4, Math.floor(p.limit / 2 ** 32));
  }
  for (const r of d.regions) {
    if (r.bar === 6) continue; // SeaBIOS leaves ROM BARs disabled.
    const off = 0x10 + 4 * r.bar;
    write(m, d.bus, devfn, off, 4, r.address % 2 ** 32);
    if (r.mem_type_64) write(m, d.bus, devfn, off + 4, 4, Math.floor(r.address / 2 ** 32));
  }
  if (d.irq !== undefined) write(m, d.bus, devfn, 0x3c, 1, d.irq);
  write(m, d.bus, devfn, 0x04, 2, read(m, d.bus, devfn, 0x04, 2) | 0x0103);
  for (const child of br?.devices ?? []) programDevice(m, child);
}

export function programLikeSeabios(m: Machine, config: string): ChipsetProgramming {
  if ((read(m, 0, 0, 0, 4) & 0xffff) === 0xffff) {
    m.setPmBase(0x600);
    return 'pm-base-only';
  }
  if (m.board.name === 'q35') {
    write(m, 0, 0, 0x64, 4, 0);
    write(m, 0, 0, 0x60, 4, 0xb0000001);
    write(m, 0, 0xf8, 0x40, 4, 0x601);
    write(m, 0, 0xf8, 0x44, 1, 0x80);
  } else {
    write(m, 0, 0x0b, 0x40, 4, 0x601);
    write(m, 0, 0x0b, 0x80, 1, 0x01);
    write(m, 0, 0x0b, 0x90, 4, 0x701);
    write(m, 0, 0x0b, 0xd2, 1, 0x09);
  }
  const q = JSON.parse(readFileSync(fixturePath('qemu-7.2', config, 'seabios', 'query-pci.json'), 'utf8')) as Array<{ devices: Device[] }>;
  for (const d of q[0]!.devices) programDevice(m, d);
  return 'config-cycles';
}

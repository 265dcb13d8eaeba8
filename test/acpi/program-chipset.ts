import { readFileSync } from 'node:fs';
import type { Machine } from '../../src/machine/machine.js';

/**
 * Leave the chipset as a firmware did before it first read the ACPI files: PM base,
 * q35 PCIEXBAR, and every bus number, bridge window and BAR from a fixture's query-pci.json,
 * through mechanism #1 config cycles (0xCF8/0xCFC) only.
 */
interface QRegion { readonly bar: number; readonly address: number; readonly mem_type_64?: boolean }
interface QRange { readonly base: number; readonly limit: number }
interface QDevice {
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
  readonly regions: readonly QRegion[];
  readonly pci_bridge?: {
    readonly bus: { readonly number: number; readonly secondary: number; readonly subordinate: number; readonly io_range: QRange; readonly memory_range: QRange; readonly prefetchable_range: QRange };
    readonly devices?: readonly QDevice[];
  };
}

function out(m: Machine, bus: number, devfn: number, reg: number, size: 1 | 2 | 4, value: number): void {
  m.ports.write(0xcf8, 4, (0x80000000 | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0);
  m.ports.write(0xcfc + (reg & 3), size, value >>> 0);
}
function inp(m: Machine, bus: number, devfn: number, reg: number, size: 1 | 2 | 4): number {
  m.ports.write(0xcf8, 4, (0x80000000 | (bus << 16) | (devfn << 8) | (reg & 0xfc)) >>> 0);
  return m.ports.read(0xcfc + (reg & 3), size);
}

function program(m: Machine, d: QDevice): void {
  const devfn = d.slot * 8 + d.function;
  const br = d.pci_bridge;
  if (br) {
    const b = br.bus;
    out(m, d.bus, devfn, 0x18, 1, b.number);
    out(m, d.bus, devfn, 0x19, 1, b.secondary);
    out(m, d.bus, devfn, 0x1a, 1, b.subordinate);
    out(m, d.bus, devfn, 0x1c, 1, (b.io_range.base >> 8) & 0xff);
    out(m, d.bus, devfn, 0x1d, 1, (b.io_range.limit >> 8) & 0xff);
    out(m, d.bus, devfn, 0x20, 2, Math.floor(b.memory_range.base / 0x10000));
    out(m, d.bus, devfn, 0x22, 2, Math.floor(b.memory_range.limit / 0x10000));
    out(m, d.bus, devfn, 0x24, 2, Math.floor(b.prefetchable_range.base / 0x10000) & 0xffff);
    out(m, d.bus, devfn, 0x26, 2, Math.floor(b.prefetchable_range.limit / 0x10000) & 0xffff);
    out(m, d.bus, devfn, 0x28, 4, Math.floor(b.prefetchable_range.base / 2 ** 32));
    out(m, d.bus, devfn, 0x2c, 4, Math.floor(b.prefetchable_range.limit / 2 ** 32));
  }
  for (const r of d.regions) {
    if (r.bar === 6) continue;
    const off = 0x10 + 4 * r.bar;
    out(m, d.bus, devfn, off, 4, r.address % 2 ** 32);
    if (r.mem_type_64) out(m, d.bus, devfn, off + 4, 4, Math.floor(r.address / 2 ** 32));
  }
  out(m, d.bus, devfn, 0x04, 2, inp(m, d.bus, devfn, 0x04, 2) | 0x0007);
  for (const c of br?.devices ?? []) program(m, c);
}

export function programChipset(m: Machine, queryPciJson: string, pmBase: number): void {
  if (m.board.name === 'q35') {
    out(m, 0, 0, 0x64, 4, 0);
    out(m, 0, 0, 0x60, 4, 0xb0000001);
    out(m, 0, 0xf8, 0x40, 4, pmBase | 1);
    out(m, 0, 0xf8, 0x44, 1, 0x80);
  } else {
    out(m, 0, 0x0b, 0x40, 4, pmBase | 1);
    out(m, 0, 0x0b, 0x80, 1, 0x01);
  }
  const buses = JSON.parse(readFileSync(queryPciJson, 'utf8')) as Array<{ devices: QDevice[] }>;
  for (const bus of buses) for (const d of bus.devices) program(m, d);
}

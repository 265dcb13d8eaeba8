import type { QtestClient } from '../qtest/qtest-client.js';

/** One 32-bit PCI configuration write through mechanism #1 (0xCF8/0xCFC). */
export interface ConfigWrite {
  readonly bus: number;
  readonly slot: number;
  readonly fn: number;
  readonly reg: number;
  readonly value: number;
  readonly why: string;
}

const cw = (bus: number, slot: number, fn: number, reg: number, value: number, why: string): ConfigWrite => ({ bus, slot, fn, reg, value, why });

/**
 * The chipset registers SeaBIOS programs before it first selects an ACPI file
 * (qemu-host.md §5.7): QEMU rebuilds the tables from them on that select.
 */
export function chipsetWrites(board: 'pc' | 'q35'): ConfigWrite[] {
  if (board === 'q35') {
    return [
      cw(0, 0, 0, 0x60, 0xb0000001, 'MCH PCIEXBAR = 0xb0000000, 256 MiB, enabled'),
      cw(0, 0, 0, 0x64, 0, 'MCH PCIEXBAR high'),
      cw(0, 0x1f, 0, 0x40, 0x601, 'LPC PMBASE = 0x600'),
      cw(0, 0x1f, 0, 0x44, 0x80, 'LPC ACPI_CNTL: ACPI enable'),
      cw(0, 0x1f, 3, 0x20, 0x701, 'SMBus BAR4 = 0x700'),
    ];
  }
  return [
    cw(0, 1, 3, 0x40, 0x601, 'PIIX4 PM base = 0x600'),
    cw(0, 1, 3, 0x80, 0x01, 'PIIX4 PM I/O enable'),
    cw(0, 1, 3, 0x90, 0x701, 'PIIX4 SMBus base = 0x700'),
    cw(0, 1, 3, 0xd0, 0x00090000, 'PIIX4 SMBus host config (0xd2 = 0x09)'),
  ];
}

/** query-pci JSON (QMP) as far as capture needs it. */
interface QueryPciDevice {
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
  readonly regions?: readonly { bar: number; address: number; type: string; mem_type_64?: boolean }[];
  readonly pci_bridge?: {
    readonly bus: {
      readonly number: number;
      readonly secondary: number;
      readonly subordinate: number;
      readonly io_range: { base: number; limit: number };
      readonly memory_range: { base: number; limit: number };
      readonly prefetchable_range: { base: number; limit: number };
    };
    readonly devices?: readonly QueryPciDevice[];
  };
}

/**
 * Bus numbers, bridge windows, BARs and COMMAND as another run's `query-pci` reported them,
 * so that the DSDT (bridges, 64-bit hole) matches that firmware's placement. Parents first.
 */
export function pciWritesFromQueryPci(json: unknown): ConfigWrite[] {
  const out: ConfigWrite[] = [];
  const buses = Array.isArray(json) ? (json as { devices: QueryPciDevice[] }[]) : [];
  const visit = (d: QueryPciDevice): void => {
    const { bus, slot } = d;
    const fn = d.function;
    const b = d.pci_bridge?.bus;
    let io = false;
    let mem = false;
    if (b) {
      out.push(cw(bus, slot, fn, 0x18, (b.subordinate << 16) | (b.secondary << 8) | bus, 'bridge bus numbers'));
      if (b.io_range.limit > b.io_range.base) {
        out.push(cw(bus, slot, fn, 0x1c, ((b.io_range.limit >> 8) & 0xf0) << 8 | ((b.io_range.base >> 8) & 0xf0), 'bridge I/O window'));
        out.push(cw(bus, slot, fn, 0x30, ((b.io_range.limit >>> 16) << 16) | (b.io_range.base >>> 16), 'bridge I/O window high'));
        io = true;
      } else out.push(cw(bus, slot, fn, 0x1c, 0x00f0, 'bridge I/O window closed'));
      const window = (r: { base: number; limit: number }) => (((r.limit >>> 16) & 0xfff0) << 16) | ((r.base >>> 16) & 0xfff0);
      if (b.memory_range.limit > b.memory_range.base) {
        out.push(cw(bus, slot, fn, 0x20, window(b.memory_range), 'bridge memory window'));
        mem = true;
      } else out.push(cw(bus, slot, fn, 0x20, 0x0000fff0, 'bridge memory window closed'));
      const p = b.prefetchable_range;
      if (p.limit > p.base) {
        out.push(cw(bus, slot, fn, 0x24, window(p) | 0x00010001, 'bridge prefetchable window'));
        out.push(cw(bus, slot, fn, 0x28, Math.floor(p.base / 2 ** 32), 'prefetchable base high'));
        out.push(cw(bus, slot, fn, 0x2c, Math.floor(p.limit / 2 ** 32), 'prefetchable limit high'));
        mem = true;
      } else out.push(cw(bus, slot, fn, 0x24, 0x0000fff0, 'bridge prefetchable window closed'));
    }
    for (const r of d.regions ?? []) {
      if (r.address < 0 || r.bar > 5) continue;
      const reg = 0x10 + r.bar * 4;
      if (r.type === 'io') {
        out.push(cw(bus, slot, fn, reg, (r.address | 1) >>> 0, `BAR${r.bar} I/O`));
        io = true;
      } else {
        out.push(cw(bus, slot, fn, reg, (r.address % 2 ** 32) >>> 0, `BAR${r.bar} memory`));
        if (r.mem_type_64) out.push(cw(bus, slot, fn, reg + 4, Math.floor(r.address / 2 ** 32), `BAR${r.bar} high`));
        mem = true;
      }
    }
    if (io || mem) out.push(cw(bus, slot, fn, 0x04, (io ? 1 : 0) | (mem ? 2 : 0) | (b ? 4 : 0), 'COMMAND decode enable'));
    for (const child of d.pci_bridge?.devices ?? []) visit(child);
  };
  for (const b of buses) for (const d of b.devices ?? []) visit(d);
  return out;
}

export async function applyConfigWrites(q: QtestClient, writes: readonly ConfigWrite[]): Promise<void> {
  for (const w of writes) {
    await q.outl(0xcf8, (0x80000000 | (w.bus << 16) | (w.slot << 11) | (w.fn << 8) | (w.reg & 0xfc)) >>> 0);
    await q.outl(0xcfc, w.value >>> 0);
  }
}

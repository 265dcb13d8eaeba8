import type { PciFunction } from './pci-function.js';
import {
  PCI_BRIDGE_CONTROL, PCI_BRIDGE_CTL_BUS_RESET, PCI_BRIDGE_CTL_VGA, PCI_COMMAND, PCI_COMMAND_IO, PCI_COMMAND_MEMORY,
  PCI_IO_BASE, PCI_IO_BASE_UPPER16, PCI_IO_LIMIT, PCI_IO_LIMIT_UPPER16, PCI_IO_RANGE_TYPE_32, PCI_IO_RANGE_TYPE_MASK,
  PCI_MEMORY_BASE, PCI_MEMORY_LIMIT, PCI_PREF_BASE_UPPER32, PCI_PREF_LIMIT_UPPER32, PCI_PREF_MEMORY_BASE,
  PCI_PREF_MEMORY_LIMIT, PCI_PREF_RANGE_TYPE_64, PCI_PREF_RANGE_TYPE_MASK, PCI_SECONDARY_BUS, PCI_SUBORDINATE_BUS,
} from '../../spec/pci.js';

export type WindowKind = 'io' | 'mem' | 'pref';

/** A bridge window as its registers say: [base, limit] inclusive; empty when limit < base. */
export interface BridgeWindow {
  readonly base: number;
  readonly limit: number;
}

const TWO_32 = 2 ** 32;

/** Base and limit of a window (PCI-to-PCI Bridge 1.2 §3.2.5.6–9; 4 KiB / 1 MiB granularity). */
export function bridgeWindow(f: PciFunction, kind: WindowKind): BridgeWindow {
  const c = f.config;
  if (kind === 'io') {
    let base = (c.get(PCI_IO_BASE, 1) & 0xf0) << 8;
    let limit = ((c.get(PCI_IO_LIMIT, 1) & 0xf0) << 8) | 0xfff;
    if ((c.get(PCI_IO_BASE, 1) & PCI_IO_RANGE_TYPE_MASK) === PCI_IO_RANGE_TYPE_32) {
      base += c.get(PCI_IO_BASE_UPPER16, 2) * 0x10000;
      limit += c.get(PCI_IO_LIMIT_UPPER16, 2) * 0x10000;
    }
    return { base, limit };
  }
  const bo = kind === 'mem' ? PCI_MEMORY_BASE : PCI_PREF_MEMORY_BASE;
  const lo = kind === 'mem' ? PCI_MEMORY_LIMIT : PCI_PREF_MEMORY_LIMIT;
  let base = (c.get(bo, 2) & 0xfff0) * 0x10000;
  let limit = (c.get(lo, 2) & 0xfff0) * 0x10000 + 0xfffff;
  if (kind === 'pref' && (c.get(bo, 2) & PCI_PREF_RANGE_TYPE_MASK) === PCI_PREF_RANGE_TYPE_64) {
    base += c.get(PCI_PREF_BASE_UPPER32, 4) * TWO_32;
    limit += c.get(PCI_PREF_LIMIT_UPPER32, 4) * TWO_32;
  }
  return { base, limit };
}

/** A half-open address range [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** VGA ranges a bridge forwards with its VGA enable bit (bridge control bit 3). */
const VGA_MEM: Span[] = [{ start: 0xa0000, end: 0xc0000 }];
const VGA_IO: Span[] = [{ start: 0x3b0, end: 0x3bc }, { start: 0x3c0, end: 0x3e0 }];

/** What a bridge forwards from its primary side to its secondary bus, per address space. */
export function forwardedSpans(f: PciFunction, space: 'io' | 'mem'): Span[] {
  const cmd = f.config.get(PCI_COMMAND, 2);
  const out: Span[] = [];
  const add = (w: BridgeWindow) => {
    if (w.limit >= w.base) out.push({ start: w.base, end: w.limit + 1 });
  };
  if (space === 'io' && cmd & PCI_COMMAND_IO) add(bridgeWindow(f, 'io'));
  if (space === 'mem' && cmd & PCI_COMMAND_MEMORY) {
    add(bridgeWindow(f, 'mem'));
    add(bridgeWindow(f, 'pref'));
  }
  if (f.config.get(PCI_BRIDGE_CONTROL, 2) & PCI_BRIDGE_CTL_VGA) {
    if (space === 'io' && cmd & PCI_COMMAND_IO) out.push(...VGA_IO);
    if (space === 'mem' && cmd & PCI_COMMAND_MEMORY) out.push(...VGA_MEM);
  }
  return out;
}

/** Intersect two span lists. */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (start < end) out.push({ start, end });
    }
  }
  return out.sort((p, q) => p.start - q.start);
}

/** Does this bridge pass config cycles for bus `n` (QEMU's pci_secondary_bus_in_range)? */
export function bridgeRoutesBus(f: PciFunction, n: number): boolean {
  const c = f.config;
  if (c.get(PCI_BRIDGE_CONTROL, 2) & PCI_BRIDGE_CTL_BUS_RESET) return false;
  return c.get(PCI_SECONDARY_BUS, 1) <= n && n <= c.get(PCI_SUBORDINATE_BUS, 1);
}

import type { PciBus } from '../pci/pci-bus.js';
import { bridgeWindow } from '../pci/bridge-windows.js';
import { PCI_BAR_UNMAPPED } from '../pci/pci-function.js';
import { PCI_HEADER_TYPE, PCI_HEADER_TYPE_BRIDGE, PCI_HEADER_TYPE_MULTI_FUNCTION, PCI_SUBORDINATE_BUS } from '../../spec/pci.js';
import { emptyRangeSet, isMem32, mergeRanges } from './crs-ranges.js';
import type { CrsRange, CrsRangeSet } from './crs-ranges.js';

/** One expander bridge as the DSDT describes it (\_SB.PCxx). */
export interface AcpiExpander {
  readonly busNr: number;
  /** pxb-pcie: PNP0A08 with _OSC. */
  readonly express: boolean;
  readonly numaNode: number | undefined;
  /** What the firmware programmed on its root bus, merged (QEMU's build_crs). */
  readonly resources: CrsRangeSet;
  /** The highest subordinate bus of the bridges on its root bus (at least its own number). */
  readonly maxBus: number;
}

/**
 * QEMU 7.2's build_crs for an expander's root bus, from the live registers: every mapped BAR
 * (the ROM included) of each function on that bus, and each bridge's I/O, memory and
 * prefetchable windows; ranges at 0 or empty are skipped ("old BIOSes").
 */
export function acpiExpander(bus: PciBus): AcpiExpander {
  const set = emptyRangeSet();
  const addMem = (r: CrsRange) => (isMem32(r) ? set.mem : set.mem64).push(r);
  let maxBus = bus.number;
  for (const f of bus.functions()) {
    for (const r of f.presentRegions) {
      if (r.addr === PCI_BAR_UNMAPPED || r.addr === 0) continue;
      const range = { base: BigInt(r.addr), limit: BigInt(r.addr) + BigInt(r.size) - 1n };
      if (r.kind === 'io') set.io.push(range);
      else addMem(range);
    }
    if ((f.config.get(PCI_HEADER_TYPE, 1) & ~PCI_HEADER_TYPE_MULTI_FUNCTION) !== PCI_HEADER_TYPE_BRIDGE) continue;
    maxBus = Math.max(maxBus, f.config.get(PCI_SUBORDINATE_BUS, 1));
    for (const kind of ['io', 'mem', 'pref'] as const) {
      const w = bridgeWindow(f, kind);
      if (w.base === 0 || w.base > w.limit) continue;
      const range = { base: BigInt(w.base), limit: BigInt(w.limit) };
      if (kind === 'io') set.io.push(range);
      else addMem(range);
    }
  }
  return {
    busNr: bus.number, express: bus.kind === 'pxb-pcie', numaNode: bus.expander?.numaNode,
    resources: { io: mergeRanges(set.io), mem: mergeRanges(set.mem), mem64: mergeRanges(set.mem64) }, maxBus,
  };
}

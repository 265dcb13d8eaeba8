/**
 * PciBusDxe's bus numbering (edk2-stable202211 PciScanBus, PciAllocateBusNumber) for one root
 * bridge: depth first in devfn order, each bridge's secondary bus the next number; a hot-plug
 * bridge whose Red Hat reserve capability asks for bus numbers (neither 0 nor all ones, taken
 * modulo 256) keeps at least secondary + that many, the larger of it and what its tree used
 * (SeaBIOS's numbering has a different rule, firmware/pci/probe.ts numberTree).
 */
import type { PciConfig } from '../pci/config.js';
import { functionsOn } from '../pci/probe.js';
import { hotplugCapable } from '../pci/inventory.js';
import * as R from '../pci/regs.js';
import { readReservationHint } from './hotplug-padding.js';
import type { RootBridge } from './root-bridges.js';

/** edk2 InitializePpb, as PciSearchDevice finds a bridge: every window closed (base all ones, limit zero), interrupt line 0. */
function quiescePpb(cfg: PciConfig, bdf: number): void {
  cfg.write8(bdf, R.PCI_IO_BASE, 0xff);
  cfg.write8(bdf, R.PCI_IO_LIMIT, 0);
  cfg.write16(bdf, R.PCI_MEMORY_BASE, 0xffff);
  cfg.write16(bdf, R.PCI_MEMORY_LIMIT, 0);
  cfg.write16(bdf, R.PCI_PREF_MEMORY_BASE, 0xffff);
  cfg.write16(bdf, R.PCI_PREF_MEMORY_LIMIT, 0);
  cfg.write32(bdf, R.PCI_PREF_BASE_UPPER32, 0xffffffff);
  cfg.write32(bdf, R.PCI_PREF_LIMIT_UPPER32, 0);
  cfg.write16(bdf, R.PCI_IO_BASE_UPPER16, 0xffff);
  cfg.write16(bdf, R.PCI_IO_LIMIT_UPPER16, 0);
  cfg.write8(bdf, R.PCI_INTERRUPT_LINE, 0);
}

export type BusNumbering =
  | { readonly ok: true; readonly last: number }
  | { readonly ok: false; readonly reason: string };

export function numberOvmfTree(cfg: PciConfig, root: RootBridge): BusNumbering {
  let sub = root.busMin;
  // PciAllocateBusNumber within the root bridge's one range; the sum is a UINT8 in edk2.
  const allocate = (start: number, count: number): number | undefined => {
    const next = (start + count) & 0xff;
    return next > root.busMax ? undefined : next;
  };
  let wrapped = false;
  const scan = (bus: number): boolean => {
    for (const bdf of functionsOn(cfg, bus)) {
      if (cfg.read16(bdf, R.PCI_CLASS_DEVICE) !== R.PCI_CLASS_BRIDGE_PCI) continue;
      quiescePpb(cfg, bdf);
      const hint = hotplugCapable(cfg, bdf) ? readReservationHint(cfg, bdf) : undefined;
      const busRange = hint && hint.bus !== 0 && hint.bus !== 0xffffffff ? hint.bus & 0xff : undefined;
      const secondary = allocate(sub, 1);
      if (secondary === undefined) return false;
      cfg.write16(bdf, R.PCI_PRIMARY_BUS, (secondary << 8) | bus);
      // The subordinate is the root bridge's last bus while the tree below is scanned.
      cfg.write8(bdf, R.PCI_SUBORDINATE_BUS, root.busMax);
      // Past bus 255 the UINT8 sum wraps to a number inside the range: edk2 takes secondary 0 and
      // scans bus 0 again below this bridge, the same way each time (OVMF never gets further).
      if (secondary <= sub) { wrapped = true; return false; }
      sub = secondary;
      if (!scan(secondary)) return false;
      if (busRange !== undefined) {
        const padded = allocate(secondary, busRange);
        if (padded === undefined) return false;
        sub = Math.max(padded, sub);
      }
      cfg.write8(bdf, R.PCI_SUBORDINATE_BUS, sub);
    }
    return true;
  };
  if (scan(root.busMin)) return { ok: true, last: sub };
  return { ok: false, reason: wrapped ? 'bus numbers wrapped past 255 (PciScanBus rescans bus 0 without end)' : 'ran out of bus numbers' };
}

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

export type BusNumbering =
  | { readonly ok: true; readonly last: number }
  | { readonly ok: false; readonly reason: string };

export function numberOvmfTree(cfg: PciConfig, root: RootBridge): BusNumbering {
  let sub = root.busMin;
  // PciAllocateBusNumber within the root bridge's one range; the sum is a UINT8 in edk2.
  const allocate = (start: number, count: number): number | undefined => {
    const next = (start + count) & 0xff;
    if (next < start) return undefined; // wrapped past 255: what edk2 then does is not modelled
    return next > root.busMax ? undefined : next;
  };
  const scan = (bus: number): boolean => {
    for (const bdf of functionsOn(cfg, bus)) {
      if (cfg.read16(bdf, R.PCI_CLASS_DEVICE) !== R.PCI_CLASS_BRIDGE_PCI) continue;
      const hint = hotplugCapable(cfg, bdf) ? readReservationHint(cfg, bdf) : undefined;
      const busRange = hint && hint.bus !== 0 && hint.bus !== 0xffffffff ? hint.bus & 0xff : undefined;
      const secondary = allocate(sub, 1);
      if (secondary === undefined) return false;
      sub = secondary;
      cfg.write16(bdf, R.PCI_PRIMARY_BUS, (secondary << 8) | bus);
      // The subordinate is the root bridge's last bus while the tree below is scanned.
      cfg.write8(bdf, R.PCI_SUBORDINATE_BUS, root.busMax);
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
  return scan(root.busMin) ? { ok: true, last: sub } : { ok: false, reason: 'ran out of bus numbers' };
}

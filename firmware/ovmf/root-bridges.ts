/**
 * OVMF's root bridges (edk2-stable202211 OvmfPkg PciHostBridgeUtilityLib, GetRootBridges):
 * with `etc/extra-pci-roots` = N, buses 1..255 are scanned before any bridge is numbered, in
 * order, until N more are found; a bus is a root bus when function 0 of any of its 32 devices
 * answers. Each root bridge owns the bus numbers up to the next root's, the last one up to 255;
 * all of them get the same I/O and MMIO apertures.
 */
import type { PciConfig } from '../pci/config.js';
import { bdfOf } from '../pci/config.js';
import { PCI_VENDOR_ID } from '../pci/regs.js';

export interface RootBridge {
  readonly busMin: number;
  readonly busMax: number;
}

export function findRootBridges(cfg: PciConfig, extraRoots: number): RootBridge[] {
  const starts = [0];
  for (let bus = 1; bus <= 0xff && starts.length - 1 < extraRoots; bus++) {
    for (let dev = 0; dev < 32; dev++) {
      if (cfg.read16(bdfOf(bus, dev << 3), PCI_VENDOR_ID) !== 0xffff) { starts.push(bus); break; }
    }
  }
  return starts.map((busMin, i) => ({ busMin, busMax: i + 1 < starts.length ? starts[i + 1]! - 1 : 0xff }));
}

import type { BoardName, RamLayout } from '../boards/ram-layout.js';
import type { PciSubsystem } from '../pci/pci-subsystem.js';
import type { PciBus } from '../pci/pci-bus.js';
import { walkFunctions } from '../pci/pci-bus.js';
import type { AcpiPciSource } from './acpi-pci-source.js';
import { defaultAcpiPciSource } from './acpi-pci-source.js';
import type { AcpiPciBus, AddressRange } from './dsdt-input.js';
import { acpiExpander } from './acpi-expanders.js';

const FOUR_GIB = 0x1_0000_0000;

/**
 * The ACPI view of the live PCI subsystem: buses and functions (BSELs as the hot-plug
 * controller numbers them), PCIEXBAR, and the 64-bit window widened to the 64-bit BARs
 * the firmware assigned above 4 GiB (QEMU's pci_hole64 "fix" behaviour).
 */
export function acpiPciSourceFromPci(pci: PciSubsystem, board: BoardName, ramLayout: RamLayout): AcpiPciSource {
  const fallback = defaultAcpiPciSource(board, ramLayout);
  const convert = (bus: PciBus, bsel: ReadonlyMap<PciBus, number>): AcpiPciBus => ({
    bsel: bsel.get(bus),
    singleSlot: bus.kind === 'pcie-root-port',
    express: bus.kind === 'pcie-switch',
    functions: bus.functions().map((f) => ({
      slot: f.slot,
      fn: f.fn,
      classCode: f.spec.classCode,
      hotpluggable: f.spec.hotpluggable !== false,
      vgaAml: f.spec.vgaAml === true,
      plugOrder: f.plugOrder,
      secondary: f.secondary ? convert(f.secondary, bsel) : undefined,
    })),
  });
  return {
    rootBus: () => convert(pci.host.root, new Map(pci.hotplugController.buses().map((h) => [h.bus, h.bsel]))),
    expanders: () => [...pci.host.expanders].reverse().map(acpiExpander),
    pciHole32: () => fallback.pciHole32(),
    pciHole64: () => {
      const def = fallback.pciHole64();
      let lo: bigint | undefined;
      let hi: bigint | undefined;
      for (const f of walkFunctions(pci.host.root)) {
        for (const r of f.presentRegions) {
          const addr = f.decode(r);
          if (r.kind !== 'mem' || addr < FOUR_GIB) continue;
          const s = BigInt(addr);
          const e = s + BigInt(r.size) - 1n;
          if (lo === undefined || s < lo) lo = s;
          if (hi === undefined || e > hi) hi = e;
        }
      }
      // QEMU 7.2 (pci_hole64_fix): the window starts at the lowest 64-bit BAR above 4 GiB
      // (else the default start) and ends at the higher of the BARs' end and start + hole size
      // rounded up to 1 GiB.
      if (!def) return lo === undefined || hi === undefined ? undefined : { start: lo, end: hi };
      const start = lo ?? BigInt(def.start);
      const size = BigInt(def.end) - BigInt(def.start) + 1n;
      const gib = 1n << 30n;
      const roundedEnd = ((start + size + gib - 1n) / gib) * gib;
      const end = hi !== undefined && hi + 1n > roundedEnd ? hi + 1n : roundedEnd;
      return { start, end: end - 1n } satisfies AddressRange;
    },
    mmcfg: () => {
      const x = pci.pciexbar();
      return x && x.enabled ? { base: x.base, size: x.size } : undefined;
    },
  };
}

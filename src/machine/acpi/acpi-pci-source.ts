import type { BoardName, RamLayout } from '../boards/ram-layout.js';
import { GiB } from '../../lib/size.js';
import { PCI_HOLE_END } from '../boards/layout.js';
import type { AcpiPciBus, AddressRange } from './dsdt-input.js';
import type { AcpiExpander } from './acpi-expanders.js';

/**
 * What the ACPI build needs from the PCI subsystem, read at build time (live state): the
 * buses and functions, the 32/64-bit windows and whether MMCONFIG (PCIEXBAR) is enabled.
 * `acpiPciSourceFromPci` reads the live PCI subsystem; `defaultAcpiPciSource` gives the board's
 * built-in functions and the RAM layout's default holes.
 */
export interface AcpiPciSource {
  rootBus(): AcpiPciBus;
  /** The expander bridges' root buses, newest first (QEMU's order in the DSDT). */
  expanders(): readonly AcpiExpander[];
  pciHole32(): AddressRange;
  pciHole64(): AddressRange | undefined;
  mmcfg(): { readonly base: number; readonly size: number } | undefined;
}

/** PIIX3/PIIX4 and ICH9 functions every machine has (00.0 host, ISA/LPC bridge, IDE/SATA, PM/SMBus). */
const BUILTIN: Record<'pc' | 'q35', AcpiPciBus> = {
  pc: {
    bsel: 0,
    functions: [
      { slot: 0, fn: 0, classCode: 0x0600 }, { slot: 1, fn: 0, classCode: 0x0601 },
      { slot: 1, fn: 1, classCode: 0x0101 }, { slot: 1, fn: 3, classCode: 0x0680 },
    ],
  },
  q35: {
    functions: [
      { slot: 0, fn: 0, classCode: 0x0600 }, { slot: 31, fn: 0, classCode: 0x0601 },
      { slot: 31, fn: 2, classCode: 0x0106 }, { slot: 31, fn: 3, classCode: 0x0c05 },
    ],
  },
};

/** The 32-bit hole starts at the end of low RAM and ends below the I/O APIC. */
function defaultHole32(l: RamLayout): AddressRange {
  return { start: l.below4g, end: PCI_HOLE_END - 1 };
}

/** QEMU's default 64-bit hole: after high RAM / device memory, 1 GiB aligned, pci-hole64-size long. */
function defaultHole64(l: RamLayout): AddressRange | undefined {
  if (l.pciHole64Size === 0) return undefined;
  const after = l.deviceMemory ? l.deviceMemory.base + l.deviceMemory.size : l.above4gStart + l.above4g;
  const start = BigInt(Math.ceil(after / GiB) * GiB);
  return { start, end: start + BigInt(l.pciHole64Size) - 1n };
}

/** Without a PCI subsystem: the board's built-in functions, RAM-layout holes, no MMCONFIG. */
export function defaultAcpiPciSource(board: BoardName, ramLayout: RamLayout): AcpiPciSource {
  return {
    rootBus: () => BUILTIN[board],
    expanders: () => [],
    pciHole32: () => defaultHole32(ramLayout),
    pciHole64: () => defaultHole64(ramLayout),
    mmcfg: () => undefined,
  };
}

import {
  device, dwordConst, memory32Fixed, method, name, notify, pkg, qwordMemory, resourceTemplate, scope, str,
} from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { ACPI_VMGENID_CHANGE_STATUS_BIT } from '../../spec/acpi-pm.js';
import type { VmgenidPciAcpiInfo } from './vmgenid-pci.js';

/** v19's _HID (QEMU later used QEMUVGID for the merged design). */
export const VMGENID_V19_HID = 'QEMU0003';

const FOUR_GIB = 0x1_0000_0000;

/**
 * The v19 design's AML (seed-story.md §1.3): \_SB.PCI0.VGEN with _HID QEMU0003, _CID/_DDN
 * "VM_Gen_Counter", ADDR = Package{low, high} of the BAR address the firmware assigned
 * (constants, valid only while the BAR stays put), and with crs=on a static _CRS covering
 * exactly the BAR: Memory32Fixed below 4 GiB, QWordMemory above.
 */
export function vmgenidPciAml(info: VmgenidPciAcpiInfo): Aml[] {
  const low = info.address % FOUR_GIB;
  const high = Math.floor(info.address / FOUR_GIB);
  const end = info.address + info.size;
  const crs = info.crs
    ? [name('_CRS', resourceTemplate(end <= FOUR_GIB
      ? memory32Fixed(info.address, info.size, false)
      : qwordMemory({ consumer: false, minFixed: true, maxFixed: true, cache: 'Cacheable', readWrite: false },
        { granularity: 0, min: BigInt(info.address), max: BigInt(end - 1), translation: 0, length: BigInt(info.size) })))]
    : [];
  return [
    scope('\\_SB.PCI0', device('VGEN',
      name('_HID', str(VMGENID_V19_HID)),
      name('_CID', str('VM_Gen_Counter')),
      name('_DDN', str('VM_Gen_Counter')),
      name('ADDR', pkg(dwordConst(low), dwordConst(high))),
      ...crs)),
    method(`\\_GPE.${gpeMethodName(ACPI_VMGENID_CHANGE_STATUS_BIT)}`, 0, {}, notify('\\_SB.PCI0.VGEN', 0x80)),
  ];
}

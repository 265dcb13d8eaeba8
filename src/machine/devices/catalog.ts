import type { DeviceDriver } from '../options/device-driver.js';
import { IB700, ISA_DEBUG_EXIT, ISA_DEBUGCON, PVPANIC } from './isa-drivers.js';
import { RAMFB } from './ramfb.js';
import { TPM_TIS } from './tpm-driver.js';
import { VMGENID_DRIVER } from '../vmgenid/vmgenid-driver.js';
import { PCI_DRIVERS } from '../pci/drivers.js';
import { CATALOG_PCI_DRIVERS } from '../pci/catalog-drivers.js';
import { PXB_DRIVERS } from '../pci/pxb.js';
import { NVDIMM_DRIVER } from '../nvdimm/nvdimm.js';
import { DRIVE_DEVICE_DRIVERS } from '../disks/drive-devices.js';
import { VMGENID_PCI_DRIVER } from '../vmgenid/vmgenid-pci-driver.js';
import { USB_DEVICE_DRIVERS } from './usb-devices.js';

/** Every `-device` driver fwlab has, by QEMU name. Subsystems add theirs here. */
export const DEVICE_CATALOG: ReadonlyMap<string, DeviceDriver> = new Map(
  [ISA_DEBUGCON, IB700, ISA_DEBUG_EXIT, PVPANIC, TPM_TIS, RAMFB, VMGENID_DRIVER, ...PCI_DRIVERS, ...CATALOG_PCI_DRIVERS, ...PXB_DRIVERS, VMGENID_PCI_DRIVER, NVDIMM_DRIVER, ...DRIVE_DEVICE_DRIVERS, ...USB_DEVICE_DRIVERS].map((d) => [d.name, d]),
);

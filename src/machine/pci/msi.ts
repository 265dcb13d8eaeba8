import type { PciFunction } from './pci-function.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import {
  PCI_CAP_ID_MSI, PCI_COMMAND, PCI_COMMAND_MASTER, PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT, PCI_MSI_FLAGS_ENABLE, PCI_MSI_FLAGS_MASKBIT,
} from '../../spec/pci.js';

/** Message Address (+4), Upper Address (+8 when 64-bit), Data (+8 or +12), Mask Bits (after Data, PCI 3.0 §6.8.1). */
const MSI_ADDRESS_LO = 4;
const MSI_ADDRESS_HI = 8;
const MSI_DATA_32 = 8;
const MSI_DATA_64 = 12;
const MSI_MASK_32 = 12;
const MSI_MASK_64 = 16;
/** Multiple Message Enable, bits 6:4 of Message Control. */
const MSI_FLAGS_QSIZE_SHIFT = 4;

function msiCap(fn: PciFunction): number | undefined {
  return fn.config.capabilities().find(([id]) => id === PCI_CAP_ID_MSI)?.[1];
}

/** QEMU's msi_enabled: the function has MSI and its Enable bit is set. */
export function msiEnabled(fn: PciFunction): boolean {
  const cap = msiCap(fn);
  return cap !== undefined && (fn.config.get(cap + PCI_MSI_FLAGS, 2) & PCI_MSI_FLAGS_ENABLE) !== 0;
}

/**
 * QEMU's msi_notify for `vector`: the message (address, data with the vector in the low bits the
 * enabled count leaves free) is a dword the function writes as a bus master — on x86 it lands in the
 * local APIC's window at 0xFEE00000 — unless the vector is masked or bus mastering is off.
 */
export function msiNotify(fn: PciFunction, memory: PhysicalMemory, vector = 0): void {
  const cap = msiCap(fn);
  if (cap === undefined) return;
  const cfg = fn.config;
  const flags = cfg.get(cap + PCI_MSI_FLAGS, 2);
  if (!(flags & PCI_MSI_FLAGS_ENABLE)) return;
  const is64 = (flags & PCI_MSI_FLAGS_64BIT) !== 0;
  if (flags & PCI_MSI_FLAGS_MASKBIT && (cfg.get(cap + (is64 ? MSI_MASK_64 : MSI_MASK_32), 4) >>> vector) & 1) return;
  if (!(cfg.get(PCI_COMMAND, 2) & PCI_COMMAND_MASTER)) return;
  const high = is64 ? cfg.get(cap + MSI_ADDRESS_HI, 4) : 0;
  if (high !== 0) return; // above 4 GiB: nothing decodes there on these boards
  const address = cfg.get(cap + MSI_ADDRESS_LO, 4) >>> 0;
  const vectors = 1 << ((flags >> MSI_FLAGS_QSIZE_SHIFT) & 7);
  const data = cfg.get(cap + (is64 ? MSI_DATA_64 : MSI_DATA_32), 2);
  memory.write(address, 4, ((data & ~(vectors - 1)) | (vector & (vectors - 1))) >>> 0);
}

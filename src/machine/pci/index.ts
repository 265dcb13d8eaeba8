/**
 * fwlab's PCI subsystem, public surface. Everything a firmware, ACPI builder or monitor
 * needs goes through `machine.pci`:
 *
 *   const pci = machine.pci;
 *   pci.devices()        // BDF, ids, class, BARs (decoded address or -1), bridge windows
 *   pci.pciexbar()       // q35 MMCONFIG: { enabled, base, size }
 *   pci.pmBase()         // PM block base programmed through PIIX4/ICH9 config space
 *   pci.hotplugBuses()   // BSEL numbering and hot-pluggable slots for the DSDT
 *   pci.overlaps()       // BAR vs BAR / BAR vs other regions, live
 *   pci.queryPci()       // QMP query-pci
 *   pci.hotplug('e1000,bus=br1,addr=5,id=n1'); pci.unplug('n1');
 */
export { createPciSubsystem, PciSubsystem } from './pci-subsystem.js';
export type { PciBarSummary, PciBridgeSummary, PciDeviceSummary, PciHotplugBusSummary } from './pci-subsystem.js';
export type { PciExBar } from './pci-host.js';
export type { OverlapParty, PciOverlap } from './bar-mapper.js';
export type { PciInfo, PciDeviceInfo, PciMemoryRegion, PciBridgeInfo, PciBusInfo, PciMemoryRange } from './query-pci.js';
export { describeOverlap } from './bar-mapper.js';
export { PCI_DRIVERS } from './drivers.js';

import type { PciBus } from './pci-bus.js';
import type { PciFunction } from './pci-function.js';
import { PCI_BAR_UNMAPPED } from './pci-function.js';
import { bridgeWindow } from './bridge-windows.js';
import type { ConfigRouter } from './config-access.js';
import {
  PCI_CLASS_DESCRIPTIONS, PCI_CLASS_DEVICE, PCI_DEVICE_ID, PCI_HEADER_TYPE, PCI_HEADER_TYPE_BRIDGE,
  PCI_HEADER_TYPE_MULTI_FUNCTION, PCI_INTERRUPT_LINE, PCI_INTERRUPT_PIN, PCI_PRIMARY_BUS, PCI_SECONDARY_BUS,
  PCI_SUBORDINATE_BUS, PCI_SUBSYSTEM_ID, PCI_SUBSYSTEM_VENDOR_ID, PCI_VENDOR_ID,
} from '../../spec/pci.js';

/** QMP `query-pci` types (qapi/pci.json in QEMU 7.2). */
export interface PciMemoryRange {
  base: number;
  limit: number;
}
export interface PciMemoryRegion {
  bar: number;
  type: 'io' | 'memory';
  address: number;
  size: number;
  prefetch?: boolean;
  mem_type_64?: boolean;
}
export interface PciBusInfo {
  number: number;
  secondary: number;
  subordinate: number;
  io_range: PciMemoryRange;
  memory_range: PciMemoryRange;
  prefetchable_range: PciMemoryRange;
}
export interface PciBridgeInfo {
  bus: PciBusInfo;
  devices?: PciDeviceInfo[];
}
export interface PciDeviceInfo {
  bus: number;
  slot: number;
  function: number;
  class_info: { class: number; desc?: string };
  id: { vendor: number; device: number; 'subsystem-vendor'?: number; subsystem?: number };
  irq?: number;
  irq_pin: number;
  qdev_id: string;
  pci_bridge?: PciBridgeInfo;
  regions: PciMemoryRegion[];
}
export interface PciInfo {
  bus: number;
  devices: PciDeviceInfo[];
}

function regionsOf(f: PciFunction): PciMemoryRegion[] {
  return f.presentRegions.map((r) => r.kind === 'io'
    ? { bar: r.index, type: 'io' as const, address: r.addr, size: r.size }
    : { bar: r.index, type: 'memory' as const, address: r.addr === PCI_BAR_UNMAPPED ? -1 : r.addr, size: r.size, prefetch: r.prefetch, mem_type_64: r.is64 });
}

function deviceInfo(f: PciFunction, busNumber: number, router: ConfigRouter): PciDeviceInfo {
  const c = f.config;
  const cls = c.get(PCI_CLASS_DEVICE, 2);
  const desc = PCI_CLASS_DESCRIPTIONS[cls];
  const bridge = (c.get(PCI_HEADER_TYPE, 1) & ~PCI_HEADER_TYPE_MULTI_FUNCTION) === PCI_HEADER_TYPE_BRIDGE;
  const info: PciDeviceInfo = {
    bus: busNumber, slot: f.slot, function: f.fn,
    class_info: desc !== undefined ? { class: cls, desc } : { class: cls },
    id: bridge
      ? { vendor: c.get(PCI_VENDOR_ID, 2), device: c.get(PCI_DEVICE_ID, 2) }
      : {
        vendor: c.get(PCI_VENDOR_ID, 2), device: c.get(PCI_DEVICE_ID, 2),
        'subsystem-vendor': c.get(PCI_SUBSYSTEM_VENDOR_ID, 2), subsystem: c.get(PCI_SUBSYSTEM_ID, 2),
      },
    irq_pin: c.get(PCI_INTERRUPT_PIN, 1),
    qdev_id: f.qdevId ?? '',
    regions: regionsOf(f),
  };
  if (info.irq_pin !== 0) info.irq = c.get(PCI_INTERRUPT_LINE, 1);
  if (bridge) {
    const range = (k: 'io' | 'mem' | 'pref') => {
      const w = bridgeWindow(f, k);
      // QAPI's PciMemoryRange fields are int64: a closed 64-bit window's base (upper half all ones) is negative.
      const int64 = (v: number): number => (v >= 2 ** 63 ? v - 2 ** 64 : v);
      return { base: int64(w.base), limit: int64(w.limit) };
    };
    const secondary = c.get(PCI_SECONDARY_BUS, 1);
    const pb: PciBridgeInfo = {
      bus: {
        number: c.get(PCI_PRIMARY_BUS, 1), secondary, subordinate: c.get(PCI_SUBORDINATE_BUS, 1),
        io_range: range('io'), memory_range: range('mem'), prefetchable_range: range('pref'),
      },
    };
    if (secondary !== 0) {
      const child = f.bus ? router.findBusFrom(f.bus, secondary) : undefined;
      if (child) pb.devices = devicesOf(child, secondary, router);
    }
    info.pci_bridge = pb;
  }
  return info;
}

function devicesOf(bus: PciBus, busNumber: number, router: ConfigRouter): PciDeviceInfo[] {
  return bus.functions().map((f) => deviceInfo(f, busNumber, router));
}

/** The PCI tree in QMP `query-pci` shape: one entry per root bus, newest host bridge first (expanders, then bus 0). */
export function queryPci(root: PciBus, router: ConfigRouter, expanders: readonly PciBus[] = []): PciInfo[] {
  return [...expanders].reverse().map((e) => ({ bus: e.number, devices: devicesOf(e, e.number, router) }))
    .concat([{ bus: 0, devices: devicesOf(root, 0, router) }]);
}

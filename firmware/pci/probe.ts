/**
 * Enumeration as SeaBIOS 1.16.2 does it (seabios-ovmf.md §5.1, §5.2): depth-first bus
 * numbering with the Red Hat bus-reserve quirk, then the bus-ascending, devfn-ascending device list.
 */
import type { PciConfig } from './config.js';
import { bdfOf, busOf } from './config.js';
import {
  PCI_CAP_ID_VNDR, PCI_CLASS_BRIDGE_PCI, PCI_CLASS_DEVICE, PCI_DEVICE_ID, PCI_DEVICE_ID_REDHAT_BRIDGE,
  PCI_DEVICE_ID_REDHAT_ROOT_PORT, PCI_HEADER_TYPE, PCI_HEADER_TYPE_MULTI_FUNCTION, PCI_PRIMARY_BUS, PCI_SECONDARY_BUS,
  PCI_SUBORDINATE_BUS, PCI_VENDOR_ID, PCI_VENDOR_ID_REDHAT, REDHAT_CAP_RESOURCE_RESERVE, RES_RESERVE_BUS_RES,
  RES_RESERVE_CAP_SIZE,
} from './regs.js';

export interface PciDevice {
  readonly bdf: number;
  readonly vendor: number;
  readonly device: number;
  readonly classWord: number;
  readonly headerType: number;
  /** Secondary bus, for PCI-PCI bridges. */
  readonly secondary: number;
  /** The bridge whose secondary bus this device is on. */
  readonly parent: PciDevice | undefined;
}

/** `pci_next`: present functions of `bus` in devfn order, honouring the multi-function bit. */
export function* functionsOn(cfg: PciConfig, bus: number): Generator<number> {
  for (let devfn = 0; devfn < 256; devfn++) {
    const bdf = bdfOf(bus, devfn);
    const v = cfg.read16(bdf, PCI_VENDOR_ID);
    if (v === 0 || v === 0xffff) {
      if ((devfn & 7) === 0) devfn += 7;
      continue;
    }
    yield bdf;
    if ((devfn & 7) === 0 && !(cfg.read8(bdf, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MULTI_FUNCTION)) devfn += 7;
  }
}

/** QEMU's resource-reserve capability on Red Hat bridges/root ports, or 0. */
export function reserveCap(cfg: PciConfig, bdf: number): number {
  if (cfg.read16(bdf, PCI_VENDOR_ID) !== PCI_VENDOR_ID_REDHAT) return 0;
  const id = cfg.read16(bdf, PCI_DEVICE_ID);
  if (id !== PCI_DEVICE_ID_REDHAT_ROOT_PORT && id !== PCI_DEVICE_ID_REDHAT_BRIDGE) return 0;
  let cap = 0;
  do cap = cfg.findCap(bdf, PCI_CAP_ID_VNDR, cap);
  while (cap && cfg.read8(bdf, cap + 3) !== REDHAT_CAP_RESOURCE_RESERVE);
  if (cap && cfg.read8(bdf, cap + 2) < RES_RESERVE_CAP_SIZE) return 0;
  return cap;
}

/** `pci_bios_init_bus_rec`; returns the last bus number used. */
export function numberBuses(cfg: PciConfig, extraRoots = 0): number {
  const state = { counter: 0 };
  const rec = (bus: number): void => {
    const bridges: number[] = [];
    for (const bdf of functionsOn(cfg, bus)) {
      if (cfg.read16(bdf, PCI_CLASS_DEVICE) !== PCI_CLASS_BRIDGE_PCI) continue;
      cfg.write8(bdf, PCI_SECONDARY_BUS, 255);
      cfg.write8(bdf, PCI_SUBORDINATE_BUS, 0);
      bridges.push(bdf);
    }
    for (const bdf of bridges) {
      if (cfg.read8(bdf, PCI_PRIMARY_BUS) !== bus) cfg.write8(bdf, PCI_PRIMARY_BUS, bus);
      state.counter++;
      const secbus = state.counter & 0xff;
      cfg.write8(bdf, PCI_SECONDARY_BUS, secbus);
      const oldSub = cfg.read8(bdf, PCI_SUBORDINATE_BUS);
      cfg.write8(bdf, PCI_SUBORDINATE_BUS, 255);
      rec(secbus);
      // SeaBIOS rewrites only when the old value (0, parked above) differs from the counter: always.
      const rewrite = oldSub !== state.counter;
      let sub = state.counter;
      const cap = reserveCap(cfg, bdf);
      if (cap) {
        const busRes = cfg.read32(bdf, cap + RES_RESERVE_BUS_RES);
        if (busRes !== 0xffffffff) {
          let r = busRes & 0xff;
          if (secbus + r > 0xff) r = 0;
          // Quirk reproduced literally (§5.2): a reserve that does not reach past the counter sets it to r.
          if (secbus + r > state.counter) state.counter = secbus + r;
          else state.counter = r;
          sub = state.counter;
        }
      }
      if (rewrite) cfg.write8(bdf, PCI_SUBORDINATE_BUS, sub);
    }
  };
  rec(0);
  if (extraRoots > 0) while (state.counter < 255) { state.counter++; rec(state.counter); }
  return state.counter;
}

/** `pci_probe_devices`: bus 0..MaxPCIBus ascending, devfn ascending; parents by secondary bus. */
export function probeDevices(cfg: PciConfig, extraRoots = 0): { devices: PciDevice[]; maxBus: number } {
  const devices: PciDevice[] = [];
  const busDev = new Map<number, PciDevice>();
  let maxBus = 0;
  let rootsLeft = extraRoots;
  for (let bus = 0; bus <= 0xff; bus++) {
    if (bus > maxBus) {
      if (rootsLeft <= 0) break;
    }
    let found = false;
    for (const bdf of functionsOn(cfg, bus)) {
      found = true;
      const classWord = cfg.read16(bdf, PCI_CLASS_DEVICE);
      const secondary = classWord === PCI_CLASS_BRIDGE_PCI ? cfg.read8(bdf, PCI_SECONDARY_BUS) : 0;
      const dev: PciDevice = {
        bdf, vendor: cfg.read16(bdf, PCI_VENDOR_ID), device: cfg.read16(bdf, PCI_DEVICE_ID), classWord,
        headerType: cfg.read8(bdf, PCI_HEADER_TYPE), secondary, parent: busDev.get(busOf(bdf)),
      };
      devices.push(dev);
      if (classWord === PCI_CLASS_BRIDGE_PCI) {
        busDev.set(secondary, dev);
        if (secondary > maxBus) maxBus = secondary;
      }
    }
    if (found && bus > maxBus) { maxBus = bus; rootsLeft--; }
  }
  return { devices, maxBus };
}

/**
 * Enumeration as SeaBIOS 1.16.2 does it (seabios-ovmf.md §5.1, §5.2): depth-first bus
 * numbering with the Red Hat bus-reserve quirk, then the bus-ascending, devfn-ascending device list.
 */
import type { PciConfig } from './config.js';
import { bdfOf, busOf } from './config.js';
import {
  PCI_CAP_ID_VNDR, PCI_CLASS_BRIDGE_PCI, PCI_CLASS_DEVICE, PCI_DEVICE_ID, PCI_HEADER_TYPE_BRIDGE, PCI_HEADER_TYPE_CARDBUS, PCI_DEVICE_ID_REDHAT_BRIDGE,
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
  numberTree(cfg, state, 0);
  if (extraRoots > 0) while (state.counter < 255) { state.counter++; numberTree(cfg, state, state.counter); }
  return state.counter;
}

/**
 * Depth-first numbering of the bridges below `root`, each secondary bus the counter's next value.
 * OVMF numbers each root bridge's tree this way from its own bus number (the counter starts there).
 */
export function numberTree(cfg: PciConfig, state: { counter: number }, root: number): void {
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
  rec(root);
}

/**
 * `pci_probe_devices` (SB:src/hw/pcidevice.c): buses ascending while below MaxPCIBus or until
 * `extraRoots` more root buses were found, devfn ascending. A function's parent is the first
 * bridge whose secondary bus (above its own) is that bus; a function without one is on a root
 * bus, counted when its bus differs from the last such bus, and raises MaxPCIBus to it.
 */
export function probeDevices(cfg: PciConfig, extraRoots = 0): { devices: PciDevice[]; maxBus: number } {
  const devices: PciDevice[] = [];
  const busDev = new Map<number, PciDevice>();
  let maxBus = 0;
  let lastBus = 0;
  let rootBuses = 0;
  for (let bus = 0; bus <= 0xff && (bus <= maxBus || rootBuses < extraRoots); bus++) {
    for (const bdf of functionsOn(cfg, bus)) {
      const parent = busDev.get(bus);
      if (!parent) {
        if (bus !== lastBus) rootBuses++;
        lastBus = bus;
        if (bus > maxBus) maxBus = bus;
      }
      const headerType = cfg.read8(bdf, PCI_HEADER_TYPE);
      const layout = headerType & ~PCI_HEADER_TYPE_MULTI_FUNCTION;
      const secondary = layout === PCI_HEADER_TYPE_BRIDGE || layout === PCI_HEADER_TYPE_CARDBUS ? cfg.read8(bdf, PCI_SECONDARY_BUS) : 0;
      const dev: PciDevice = {
        bdf, vendor: cfg.read16(bdf, PCI_VENDOR_ID), device: cfg.read16(bdf, PCI_DEVICE_ID), classWord: cfg.read16(bdf, PCI_CLASS_DEVICE),
        headerType, secondary, parent,
      };
      devices.push(dev);
      if (secondary > bus && !busDev.has(secondary)) busDev.set(secondary, dev);
      if (secondary > maxBus) maxBus = secondary;
    }
  }
  return { devices, maxBus };
}

/**
 * Reading what the allocator needs from config space: BAR sizes (§5.4) and, per bridge,
 * which windows exist, whether prefetch is 64-bit, hot-plug type and reserve sizes (§5.6).
 */
import type { PciConfig } from './config.js';
import type { PciDevice } from './probe.js';
import { reserveCap } from './probe.js';
import {
  PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_MEM_PREFETCH, PCI_BASE_ADDRESS_SPACE_IO, PCI_CAP_ID_EXP, PCI_CAP_ID_SHPC,
  PCI_CLASS_BRIDGE_PCI, PCI_EXP_FLAGS, PCI_EXP_FLAGS_SLOT, PCI_EXP_FLAGS_TYPE, PCI_EXP_SLTCAP, PCI_EXP_SLTCAP_HPC, PCI_EXP_TYPE_DOWNSTREAM,
  PCI_EXP_TYPE_PCI_BRIDGE, PCI_EXP_TYPE_ROOT_PORT, PCI_HEADER_TYPE_BRIDGE, PCI_IO_BASE, PCI_PREF_MEMORY_BASE,
  PCI_PREF_RANGE_TYPE_64, PCI_ROM_ADDRESS, PCI_ROM_ADDRESS1, PCI_ROM_ADDRESS_MASK, RES_RESERVE_IO, RES_RESERVE_MEM,
  RES_RESERVE_PREF_MEM_32, RES_RESERVE_PREF_MEM_64,
} from './regs.js';

export const IO = 0;
export const MEM = 1;
export const PREFMEM = 2;
export type RegionType = typeof IO | typeof MEM | typeof PREFMEM;
export const REGION_NAMES = ['io', 'mem', 'prefmem'] as const;
export const PCI_ROM_SLOT = 6;
export const PCI_DEVICE_MEM_MIN = 0x1000;

export interface BarInfo {
  readonly dev: PciDevice;
  readonly bar: number;
  /** Size for SeaBIOS's placement: memory BARs raised to 4 KiB. */
  readonly size: number;
  /** Size as the BAR decodes it (OVMF has no 4 KiB minimum). */
  readonly rawSize: number;
  readonly is64: boolean;
  readonly type: RegionType;
  /** A memory BAR whose all-ones read-back has a reserved type (bits 2:1 = 01 or 11): edk2 drops it. */
  readonly reservedType: boolean;
}

export type HotplugKind = 'none' | 'pcie' | 'shpc';

export interface BridgeInfo {
  readonly dev: PciDevice;
  readonly hasRegion: readonly [boolean, boolean, boolean];
  readonly pref64: boolean;
  readonly hotplug: HotplugKind;
  /** SHPC, or a PCIe root/downstream port whose slot is hot-plug capable (OVMF's padding rule). */
  readonly hotplugCapable: boolean;
  /** Red Hat reserve-cap sizes per type (undefined = no cap or all-ones). */
  readonly reserve: readonly [number | undefined, number | undefined, number | undefined];
}

export interface PciInventory {
  readonly devices: readonly PciDevice[];
  readonly maxBus: number;
  readonly bars: readonly BarInfo[];
  readonly bridges: ReadonlyMap<number, BridgeInfo>;
}

export function barOffset(dev: PciDevice, bar: number): number {
  if (bar === PCI_ROM_SLOT) return (dev.headerType & 0x7f) === PCI_HEADER_TYPE_BRIDGE ? PCI_ROM_ADDRESS1 : PCI_ROM_ADDRESS;
  return PCI_BASE_ADDRESS_0 + 4 * bar;
}

/** `pci_bios_get_bar`: size by writing all-ones and restoring; decoding is not disabled. */
function sizeBar(cfg: PciConfig, dev: PciDevice, bar: number): { size: number; type: RegionType; is64: boolean; reservedType: boolean } {
  const ofs = barOffset(dev, bar);
  const old = cfg.read32(dev.bdf, ofs);
  let mask: number;
  let type: RegionType = MEM;
  let is64 = false;
  if (bar === PCI_ROM_SLOT) {
    mask = PCI_ROM_ADDRESS_MASK;
    cfg.write32(dev.bdf, ofs, mask);
  } else {
    if (old & PCI_BASE_ADDRESS_SPACE_IO) { mask = 0xfffffffc; type = IO; }
    else {
      mask = 0xfffffff0;
      if (old & PCI_BASE_ADDRESS_MEM_PREFETCH) type = PREFMEM;
      is64 = (old & 0x6) === 0x4;
    }
    cfg.write32(dev.bdf, ofs, 0xffffffff);
  }
  const val = cfg.read32(dev.bdf, ofs);
  cfg.write32(dev.bdf, ofs, old);
  const reservedType = bar !== PCI_ROM_SLOT && type !== IO && (val & 0x2) !== 0;
  if (is64) {
    const oldHi = cfg.read32(dev.bdf, ofs + 4);
    cfg.write32(dev.bdf, ofs + 4, 0xffffffff);
    const hi = cfg.read32(dev.bdf, ofs + 4);
    cfg.write32(dev.bdf, ofs + 4, oldHi);
    const lo = (val & mask) >>> 0;
    // size = ~(hi:lo) + 1 over 64 bits
    const inv = (2 ** 32 - 1 - hi) * 2 ** 32 + (2 ** 32 - 1 - lo) + 1;
    return { size: hi === 0 && lo === 0 ? 0 : inv, type, is64, reservedType };
  }
  const masked = (val & mask) >>> 0;
  return { size: masked === 0 ? 0 : (((~masked) >>> 0) + 1) % 2 ** 32, type, is64, reservedType };
}

/** `pci_bridge_has_region`: the memory window always exists; IO and PREFMEM if 0xff sticks. */
function hasRegion(cfg: PciConfig, bdf: number, type: RegionType): boolean {
  if (type === MEM) return true;
  const reg = type === IO ? PCI_IO_BASE : PCI_PREF_MEMORY_BASE;
  const old = cfg.read8(bdf, reg);
  cfg.write8(bdf, reg, 0xff);
  const data = cfg.read8(bdf, reg);
  cfg.write8(bdf, reg, old);
  return data !== 0;
}

function prefIs64(cfg: PciConfig, bdf: number): boolean {
  let pmem = cfg.read32(bdf, PCI_PREF_MEMORY_BASE);
  if (!pmem) {
    cfg.write32(bdf, PCI_PREF_MEMORY_BASE, 0xfff0fff0);
    pmem = cfg.read32(bdf, PCI_PREF_MEMORY_BASE);
    cfg.write32(bdf, PCI_PREF_MEMORY_BASE, 0);
  }
  return (pmem & 0xf) === PCI_PREF_RANGE_TYPE_64;
}

function hotplugKind(cfg: PciConfig, bdf: number): HotplugKind {
  const exp = cfg.findCap(bdf, PCI_CAP_ID_EXP);
  if (exp) {
    const flags = cfg.read16(bdf, exp + PCI_EXP_FLAGS);
    const portType = (flags & PCI_EXP_FLAGS_TYPE) >> 4;
    if (portType === PCI_EXP_TYPE_PCI_BRIDGE) return cfg.findCap(bdf, PCI_CAP_ID_SHPC) ? 'shpc' : 'none';
    const downstream = portType === PCI_EXP_TYPE_DOWNSTREAM || portType === PCI_EXP_TYPE_ROOT_PORT;
    return downstream && (flags & PCI_EXP_FLAGS_SLOT) ? 'pcie' : 'none';
  }
  return cfg.findCap(bdf, PCI_CAP_ID_SHPC) ? 'shpc' : 'none';
}

/** PciBusDxe IsPciHotPlugBus: an SHPC, or a PCIe root or downstream port whose slot is hot-plug capable. */
export function hotplugCapable(cfg: PciConfig, bdf: number): boolean {
  const exp = cfg.findCap(bdf, PCI_CAP_ID_EXP);
  if (!exp) return cfg.findCap(bdf, PCI_CAP_ID_SHPC) !== 0;
  const flags = cfg.read16(bdf, exp + PCI_EXP_FLAGS);
  const portType = (flags & PCI_EXP_FLAGS_TYPE) >> 4;
  if (portType === PCI_EXP_TYPE_PCI_BRIDGE) return cfg.findCap(bdf, PCI_CAP_ID_SHPC) !== 0;
  if (portType !== PCI_EXP_TYPE_ROOT_PORT && portType !== PCI_EXP_TYPE_DOWNSTREAM) return false;
  return (flags & PCI_EXP_FLAGS_SLOT) !== 0 && (cfg.read32(bdf, exp + PCI_EXP_SLTCAP) & PCI_EXP_SLTCAP_HPC) !== 0;
}

function reserveSizes(cfg: PciConfig, bdf: number): [number | undefined, number | undefined, number | undefined] {
  const cap = reserveCap(cfg, bdf);
  if (!cap) return [undefined, undefined, undefined];
  const ALL = 0xffffffff;
  const u64 = (o: number): number | undefined => {
    const lo = cfg.read32(bdf, cap + o);
    const hi = cfg.read32(bdf, cap + o + 4);
    return lo === ALL && hi === ALL ? undefined : hi * 2 ** 32 + lo;
  };
  const mem = cfg.read32(bdf, cap + RES_RESERVE_MEM);
  const p32 = cfg.read32(bdf, cap + RES_RESERVE_PREF_MEM_32);
  const p64 = u64(RES_RESERVE_PREF_MEM_64);
  let pref: number | undefined;
  if (p32 !== ALL && p64 === undefined) pref = p32;
  else if (p32 === ALL && p64 !== undefined) pref = p64;
  else if (p32 !== ALL && p64 !== undefined) pref = 0;
  return [u64(RES_RESERVE_IO), mem === ALL ? undefined : mem, pref];
}

export function takeInventory(cfg: PciConfig, devices: readonly PciDevice[], maxBus: number): PciInventory {
  const bars: BarInfo[] = [];
  for (const dev of devices) {
    const bridge = dev.classWord === PCI_CLASS_BRIDGE_PCI;
    for (let i = 0; i <= PCI_ROM_SLOT; i++) {
      if (bridge && i >= 2 && i < PCI_ROM_SLOT) continue;
      const { size, type, is64, reservedType } = sizeBar(cfg, dev, i);
      if (size === 0) continue;
      bars.push({ dev, bar: i, size: type !== IO && size < PCI_DEVICE_MEM_MIN ? PCI_DEVICE_MEM_MIN : size, rawSize: size, is64, type, reservedType });
      if (is64) i++;
    }
  }
  const bridges = new Map<number, BridgeInfo>();
  for (const dev of devices) {
    if (dev.classWord !== PCI_CLASS_BRIDGE_PCI) continue;
    const b = dev.bdf;
    bridges.set(b, {
      dev,
      hasRegion: [hasRegion(cfg, b, IO), true, hasRegion(cfg, b, PREFMEM)],
      pref64: prefIs64(cfg, b),
      hotplug: hotplugKind(cfg, b),
      hotplugCapable: hotplugCapable(cfg, b),
      reserve: reserveSizes(cfg, b),
    });
  }
  return { devices, maxBus, bars, bridges };
}

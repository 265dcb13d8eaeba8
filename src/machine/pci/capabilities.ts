import type { ConfigSpace } from './config-space.js';
import {
  PCI_CAP_ID_EXP, PCI_CAP_ID_MSI, PCI_CAP_ID_MSIX, PCI_CAP_ID_PM, PCI_CAP_ID_SHPC, PCI_CAP_ID_SLOTID, PCI_CAP_ID_VNDR,
  PCI_EXP_DEVCAP, PCI_EXP_DEVCTL, PCI_EXP_FLAGS, PCI_EXP_FLAGS_SLOT, PCI_EXP_FLAGS_VERS_2, PCI_EXP_LNKCAP,
  PCI_EXP_LNKSTA, PCI_EXP_SLTCAP, PCI_EXP_SLTCAP_ABP, PCI_EXP_SLTCAP_AIP, PCI_EXP_SLTCAP_HPC, PCI_EXP_SLTCAP_HPS,
  PCI_EXP_SLTCAP_PCP, PCI_EXP_SLTCAP_PIP, PCI_EXP_SLTCAP_PSN_SHIFT, PCI_EXP_SLTCTL, PCI_EXP_SLTSTA, PCI_EXP_TYPE_ROOT_PORT,
  PCI_EXP_VER2_SIZEOF, PCI_EXP_RTCTL, PCI_EXT_CAP_ID_ACS, PCI_EXT_CAP_ID_ERR, PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE,
  PCI_MSIX_FLAGS_MASKALL, PCI_MSIX_PBA, PCI_MSIX_SIZEOF, PCI_MSIX_TABLE, PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT,
  PCI_MSI_FLAGS_ENABLE, PCI_MSI_FLAGS_MASKBIT, PCI_PM_CTRL, PCI_PM_SIZEOF, REDHAT_PCI_CAP_RESOURCE_RESERVE,
  REDHAT_PCI_CAP_RES_RESERVE_BUS_RES, REDHAT_PCI_CAP_RES_RESERVE_CAP_SIZE, REDHAT_PCI_CAP_RES_RESERVE_IO,
  REDHAT_PCI_CAP_RES_RESERVE_MEM, REDHAT_PCI_CAP_RES_RESERVE_PREF_MEM_32, REDHAT_PCI_CAP_RES_RESERVE_PREF_MEM_64,
  PCI_CAP_FLAGS,
} from '../../spec/pci.js';

/** MSI (PCI 3.0 §6.8.1): 64-bit address, optional per-vector masking; enable and address/data writable. */
export function addMsi(cfg: ConfigSpace, at: number | undefined, maskable: boolean): number {
  const len = maskable ? 24 : 14;
  const o = cfg.addCapability(PCI_CAP_ID_MSI, len, at);
  cfg.set(o + PCI_MSI_FLAGS, 2, PCI_MSI_FLAGS_64BIT | (maskable ? PCI_MSI_FLAGS_MASKBIT : 0));
  cfg.setMask(o + PCI_MSI_FLAGS, 2, PCI_MSI_FLAGS_ENABLE | 0x70);
  cfg.setMask(o + 4, 4, 0xfffffffc);
  cfg.setMask(o + 8, 4, 0xffffffff);
  cfg.setMask(o + 12, 2, 0xffff);
  if (maskable) cfg.setMask(o + 16, 4, 0x1);
  return o;
}

/** MSI-X (PCI 3.0 §6.8.2): table and PBA in a BAR; only enable and function mask are writable. */
export function addMsix(cfg: ConfigSpace, at: number | undefined, vectors: number, bar: number, tableOffset: number, pbaOffset: number): number {
  const o = cfg.addCapability(PCI_CAP_ID_MSIX, PCI_MSIX_SIZEOF, at);
  cfg.set(o + PCI_MSIX_FLAGS, 2, vectors - 1);
  cfg.setMask(o + PCI_MSIX_FLAGS, 2, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
  cfg.set(o + PCI_MSIX_TABLE, 4, tableOffset | bar);
  cfg.set(o + PCI_MSIX_PBA, 4, pbaOffset | bar);
  return o;
}

/** Power management (PCI PM 1.2), version 3; PowerState field writable. */
export function addPm(cfg: ConfigSpace, at: number | undefined): number {
  const o = cfg.addCapability(PCI_CAP_ID_PM, PCI_PM_SIZEOF, at);
  cfg.set(o + PCI_CAP_FLAGS, 2, 0x0003);
  cfg.setMask(o + PCI_PM_CTRL, 2, 0x0003);
  return o;
}

/** PCI Express capability (v2, or v1 as e1000e has) for an endpoint or a root port with a hot-plug slot. */
export function addExpress(cfg: ConfigSpace, at: number | undefined, type: number, port?: { chassisSlot: number; portNumber: number }, version: 1 | 2 = 2): number {
  const o = cfg.addCapability(PCI_CAP_ID_EXP, version === 2 ? PCI_EXP_VER2_SIZEOF : PCI_EXP_VER1_SIZEOF, at);
  const slot = type === PCI_EXP_TYPE_ROOT_PORT && port !== undefined;
  cfg.set(o + PCI_EXP_FLAGS, 2, (version === 2 ? PCI_EXP_FLAGS_VERS_2 : 1) | (type << 4) | (slot ? PCI_EXP_FLAGS_SLOT : 0));
  cfg.set(o + PCI_EXP_DEVCAP, 4, 0x00008000);
  cfg.setMask(o + PCI_EXP_DEVCTL, 2, 0x7cff);
  // 2.5 GT/s x1 link, data link layer active reporting on ports.
  cfg.set(o + PCI_EXP_LNKCAP, 4, ((port?.portNumber ?? 0) << 24) | 0x00000011 | (slot ? 0x00100000 : 0));
  cfg.set(o + PCI_EXP_LNKSTA, 2, 0x0011);
  if (slot) {
    const caps = PCI_EXP_SLTCAP_ABP | PCI_EXP_SLTCAP_PCP | PCI_EXP_SLTCAP_AIP | PCI_EXP_SLTCAP_PIP
      | PCI_EXP_SLTCAP_HPS | PCI_EXP_SLTCAP_HPC;
    cfg.set(o + PCI_EXP_SLTCAP, 4, ((port.chassisSlot << PCI_EXP_SLTCAP_PSN_SHIFT) | caps) >>> 0);
    cfg.set(o + PCI_EXP_SLTCTL, 2, 0x01c0);
    cfg.setMask(o + PCI_EXP_SLTCTL, 2, 0x17ff);
    cfg.setW1c(o + PCI_EXP_SLTSTA, 2, 0x011f);
    cfg.setMask(o + PCI_EXP_RTCTL, 2, 0x001f);
  }
  return o;
}

/** The offset of the first capability with `id`, if any. */
export function findCapability(cfg: ConfigSpace, id: number): number | undefined {
  return cfg.capabilities().find(([cid]) => cid === id)?.[1];
}

/** AER and ACS extended capabilities of QEMU's root ports (read-only here). */
export function addRootPortExtCaps(cfg: ConfigSpace): void {
  cfg.addExtCapability(PCI_EXT_CAP_ID_ERR, 2, 0x48);
  cfg.addExtCapability(PCI_EXT_CAP_ID_ACS, 1, 8);
}

const PCI_EXP_VER1_SIZEOF = 0x14;

/** Values of the Red Hat resource-reserve capability; undefined fields read as all-ones ("no hint"). */
export interface ResourceReserve {
  readonly bus?: number | undefined;
  readonly io?: number | undefined;
  readonly mem?: number | undefined;
  readonly pref32?: number | undefined;
  readonly pref64?: number | undefined;
}

function setU64(cfg: ConfigSpace, offset: number, v: number | undefined): void {
  if (v === undefined) {
    cfg.bytes.fill(0xff, offset, offset + 8);
    return;
  }
  cfg.set(offset, 4, v % 2 ** 32);
  cfg.set(offset + 4, 4, Math.floor(v / 2 ** 32));
}

/** Red Hat vendor capability type 1 (QEMU docs/specs/pcie_pci_bridge / pci-bridge reserve hints). */
export function addResourceReserve(cfg: ConfigSpace, at: number | undefined, r: ResourceReserve): number {
  const o = cfg.addCapability(PCI_CAP_ID_VNDR, REDHAT_PCI_CAP_RES_RESERVE_CAP_SIZE, at);
  cfg.set(o + 2, 1, REDHAT_PCI_CAP_RES_RESERVE_CAP_SIZE);
  cfg.set(o + 3, 1, REDHAT_PCI_CAP_RESOURCE_RESERVE);
  cfg.set(o + REDHAT_PCI_CAP_RES_RESERVE_BUS_RES, 4, r.bus ?? 0xffffffff);
  setU64(cfg, o + REDHAT_PCI_CAP_RES_RESERVE_IO, r.io);
  cfg.set(o + REDHAT_PCI_CAP_RES_RESERVE_MEM, 4, r.mem ?? 0xffffffff);
  cfg.set(o + REDHAT_PCI_CAP_RES_RESERVE_PREF_MEM_32, 4, r.pref32 ?? 0xffffffff);
  setU64(cfg, o + REDHAT_PCI_CAP_RES_RESERVE_PREF_MEM_64, r.pref64);
  return o;
}

/** Slot numbering capability of pci-bridge: chassis number (writable) and "first in chassis". */
export function addSlotId(cfg: ConfigSpace, at: number | undefined, chassis: number): number {
  const o = cfg.addCapability(PCI_CAP_ID_SLOTID, 4, at);
  cfg.set(o + 2, 1, 0x20);
  cfg.set(o + 3, 1, chassis);
  cfg.setMask(o + 3, 1, 0xff);
  return o;
}

/** Standard Hot-Plug Controller capability: DWORD select and data registers. */
export function addShpc(cfg: ConfigSpace, at: number | undefined): number {
  const o = cfg.addCapability(PCI_CAP_ID_SHPC, 8, at);
  cfg.setMask(o + 2, 1, 0xff);
  return o;
}

/** virtio 1.0 PCI capabilities (common/notify/ISR/device cfg in BAR `bar`, plus the PCI cfg window). */
export function addVirtioCaps(cfg: ConfigSpace, bar: number): void {
  // [offset, cfg_type, offset in BAR, length]: common 1, notify 2, ISR 3, device 4, PCI cfg access 5.
  const caps: Array<[number, number, number, number]> = [
    [0x40, 1, 0x0000, 0x1000], [0x50, 3, 0x1000, 0x1000], [0x60, 4, 0x2000, 0x1000], [0x70, 2, 0x3000, 0x1000], [0x84, 5, 0, 0],
  ];
  for (const [at, type, offset, length] of caps) {
    const len = type === 2 || type === 5 ? 20 : 16;
    const o = cfg.addCapability(PCI_CAP_ID_VNDR, len, at);
    cfg.set(o + 2, 1, len);
    cfg.set(o + 3, 1, type);
    cfg.set(o + 4, 1, type === 5 ? 0 : bar);
    cfg.set(o + 8, 4, offset);
    cfg.set(o + 12, 4, length);
    if (type === 2) cfg.set(o + 16, 4, 4);
    if (type === 5) {
      cfg.setMask(o + 4, 1, 0xff);
      cfg.wmask.fill(0xff, o + 8, o + 20);
    }
  }
}

import type { ConfigSpace } from './config-space.js';

const PCI_EXP_VER1_SIZEOF = 0x14;
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
  PCI_CAP_FLAGS, PCI_EXP_SLTSTA_PDS, PCI_EXP_LNKSTA_DLLLA, PCI_CAP_ID_SSVID, PCI_EXP_DEVCAP2, PCI_EXP_LNKCAP2, PCI_EXP_LNKCTL2, PCI_EXP_DEVCTL2, PCI_EXP_LNKCTL,
} from '../../spec/pci.js';

/** MSI (PCI 3.0 §6.8.1): 64-bit address, optional per-vector masking; enable and address/data writable. */
export function addMsi(cfg: ConfigSpace, at: number | undefined, maskable: boolean, log2Vectors = 0): number {
  const len = maskable ? 24 : 14;
  const o = cfg.addCapability(PCI_CAP_ID_MSI, len, at);
  cfg.set(o + PCI_MSI_FLAGS, 2, PCI_MSI_FLAGS_64BIT | (maskable ? PCI_MSI_FLAGS_MASKBIT : 0) | (log2Vectors << 1));
  // Multiple Message Enable (bits 6:4) is writable only when more than one vector is capable.
  cfg.setMask(o + PCI_MSI_FLAGS, 2, PCI_MSI_FLAGS_ENABLE | (log2Vectors > 0 ? 0x0070 : 0));
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

/** Power management (PCI PM 1.2): PMC as the device reports it; PowerState writable. */
export function addPm(cfg: ConfigSpace, at: number | undefined, pmc = 0x0003, pmcsr = 0, pmcsrMask = 0x0003): number {
  const o = cfg.addCapability(PCI_CAP_ID_PM, PCI_PM_SIZEOF, at);
  cfg.set(o + PCI_CAP_FLAGS, 2, pmc);
  cfg.set(o + PCI_PM_CTRL, 2, pmcsr);
  cfg.setMask(o + PCI_PM_CTRL, 2, pmcsrMask);
  return o;
}

/** Bridge subsystem vendor/device (PCI-to-PCI Bridge 1.2 §3.2.5.13). */
export function addSsvid(cfg: ConfigSpace, at: number | undefined, vendor: number, device: number): number {
  const o = cfg.addCapability(PCI_CAP_ID_SSVID, 8, at);
  cfg.set(o + 4, 2, vendor);
  cfg.set(o + 6, 2, device);
  return o;
}

/** PCIe link: 2.5 GT/s x1 with L0s (what QEMU 7.2 endpoints report). */
const EXP_ENDPOINT_LNKCAP = 0x00000411;
const EXP_LNKSTA_X1_2_5 = 0x0011;
/** Root port: 16 GT/s x32 (x-speed/x-width defaults), DLL active + bandwidth notification reporting. */
const EXP_ROOT_PORT_LNKCAP = 0x00300604;
const EXP_ROOT_PORT_LNKSTA_EMPTY = 0x0204;
const EXP_ROOT_PORT_DEVCAP2 = 0x00300020;
const EXP_ROOT_PORT_LNKCAP2 = 0x0000001e;
const EXP_ROOT_PORT_LNKCTL2 = 0x0004;
const EXP_ENDPOINT_DEVCAP2 = 0x00300000;
const EXP_DEVCAP_RBER = 0x00008000;
const EXP_DEVCAP_FLR = 0x10000000;
/** Slot capabilities QEMU's root ports report (attention button/indicator, power controller/indicator, hot-plug). */
const EXP_ROOT_PORT_SLTCAP = 0x0002007b;
/** Slot control: indicators off + power off (empty) or power indicator on + power on (populated). */
const EXP_SLTCTL_EMPTY = 0x07c0;
const EXP_SLTCTL_POPULATED = 0x01c0;

export interface ExpressOptions {
  readonly version: 1 | 2;
  readonly flr?: boolean;
  /** virtio makes Link Control's common-clock and extended-synch bits writable. */
  readonly lnkctlWritable?: boolean;
  /** Root port: physical slot and port numbers. */
  readonly port?: { readonly slot: number; readonly portNumber: number };
}

/** PCI Express capability of an endpoint or a root port, with the values QEMU 7.2 reports. */
export function addExpress(cfg: ConfigSpace, at: number | undefined, type: number, o: ExpressOptions): number {
  const p = cfg.addCapability(PCI_CAP_ID_EXP, o.version === 2 ? PCI_EXP_VER2_SIZEOF : PCI_EXP_VER1_SIZEOF, at);
  const rootPort = type === PCI_EXP_TYPE_ROOT_PORT && o.port !== undefined;
  cfg.set(p + PCI_EXP_FLAGS, 2, (o.version === 2 ? PCI_EXP_FLAGS_VERS_2 : 1) | (type << 4) | (rootPort ? PCI_EXP_FLAGS_SLOT : 0));
  cfg.set(p + PCI_EXP_DEVCAP, 4, (EXP_DEVCAP_RBER | (o.flr ? EXP_DEVCAP_FLR : 0)) >>> 0);
  if (o.lnkctlWritable) cfg.setMask(p + PCI_EXP_LNKCTL, 2, 0x00c0);
  if (o.version === 2) cfg.setMask(p + PCI_EXP_DEVCTL2, 2, rootPort ? 0x8020 : 0x8000);
  if (rootPort) {
    cfg.set(p + PCI_EXP_LNKCAP, 4, ((o.port!.portNumber << 24) | EXP_ROOT_PORT_LNKCAP) >>> 0);
    cfg.set(p + PCI_EXP_LNKSTA, 2, EXP_ROOT_PORT_LNKSTA_EMPTY);
    cfg.set(p + PCI_EXP_SLTCAP, 4, ((o.port!.slot << PCI_EXP_SLTCAP_PSN_SHIFT) | EXP_ROOT_PORT_SLTCAP) >>> 0);
    // Error reporting enables (correctable, non-fatal, fatal, unsupported request).
    cfg.setMask(p + PCI_EXP_DEVCTL, 2, 0x000f);
    cfg.set(p + PCI_EXP_SLTCTL, 2, EXP_SLTCTL_EMPTY);
    // EIC (bit 11) is write-only: the root port's afterWrite toggles the interlock and clears it.
    cfg.setMask(p + PCI_EXP_SLTCTL, 2, 0x07f9 | PCI_EXP_SLTCTL_EIC);
    cfg.setW1c(p + PCI_EXP_SLTSTA, 2, 0x011f);
    cfg.setMask(p + PCI_EXP_RTCTL, 2, 0x0007);
    cfg.set(p + PCI_EXP_DEVCAP2, 4, EXP_ROOT_PORT_DEVCAP2);
    cfg.set(p + PCI_EXP_LNKCAP2, 4, EXP_ROOT_PORT_LNKCAP2);
    cfg.set(p + PCI_EXP_LNKCTL2, 2, EXP_ROOT_PORT_LNKCTL2);
  } else {
    cfg.set(p + PCI_EXP_LNKCAP, 4, EXP_ENDPOINT_LNKCAP);
    cfg.set(p + PCI_EXP_LNKSTA, 2, EXP_LNKSTA_X1_2_5);
    if (o.version === 2) cfg.set(p + PCI_EXP_DEVCAP2, 4, EXP_ENDPOINT_DEVCAP2);
  }
  return p;
}

const PCI_EXP_SLTCTL_EIC = 0x0800;
const PCI_EXP_SLTSTA_CC = 0x0010;
const PCI_EXP_SLTSTA_EIS = 0x0080;

/** After a guest write touching Slot Control: command completed, and EIC toggles the interlock. */
export function rootPortSlotControlWritten(cfg: ConfigSpace, offset: number, length: number): void {
  const p = findCapability(cfg, PCI_CAP_ID_EXP);
  if (p === undefined || offset >= p + PCI_EXP_SLTCTL + 2 || offset + length <= p + PCI_EXP_SLTCTL) return;
  let sta = cfg.get(p + PCI_EXP_SLTSTA, 2) | PCI_EXP_SLTSTA_CC;
  const ctl = cfg.get(p + PCI_EXP_SLTCTL, 2);
  if (ctl & PCI_EXP_SLTCTL_EIC) {
    sta ^= PCI_EXP_SLTSTA_EIS;
    cfg.set(p + PCI_EXP_SLTCTL, 2, ctl & ~PCI_EXP_SLTCTL_EIC);
  }
  cfg.set(p + PCI_EXP_SLTSTA, 2, sta);
}

/**
 * A root port's slot registers follow whether a device sits behind it; its link status (when
 * `expressTarget` is given) takes the link of a PCIe function at device 0 and otherwise shows the
 * port's own maximum (pcie_sync_bridge_lnk). With `nativePlug` (a port whose own slot is its bus's
 * hot-plug handler: behind an expander bridge, where ACPI hot-plug does not reach) a cold-plugged
 * device also sets Presence Detect State and Data Link Layer Link Active (pcie_cap_slot_plug_cb).
 */
export function setRootPortPopulated(cfg: ConfigSpace, populated: boolean, expressTarget: boolean | undefined, nativePlug = false): void {
  const p = findCapability(cfg, PCI_CAP_ID_EXP);
  if (p === undefined) return;
  cfg.set(p + PCI_EXP_SLTCTL, 2, populated ? EXP_SLTCTL_POPULATED : EXP_SLTCTL_EMPTY);
  if (nativePlug && populated) cfg.set(p + PCI_EXP_SLTSTA, 2, cfg.get(p + PCI_EXP_SLTSTA, 2) | PCI_EXP_SLTSTA_PDS);
  if (expressTarget !== undefined) cfg.set(p + PCI_EXP_LNKSTA, 2, expressTarget ? EXP_LNKSTA_X1_2_5 : EXP_ROOT_PORT_LNKSTA_EMPTY);
  if (nativePlug && populated) cfg.set(p + PCI_EXP_LNKSTA, 2, cfg.get(p + PCI_EXP_LNKSTA, 2) | PCI_EXP_LNKSTA_DLLLA);
}

/** The offset of the first capability with `id`, if any. */
export function findCapability(cfg: ConfigSpace, id: number): number | undefined {
  return cfg.capabilities().find(([cid]) => cid === id)?.[1];
}

/** AER (v2) and ACS extended capabilities of QEMU's root ports, with their reset values. */
export function addRootPortExtCaps(cfg: ConfigSpace): void {
  const aer = cfg.addExtCapability(PCI_EXT_CAP_ID_ERR, 2, 0x48);
  cfg.set(aer + 0x0c, 4, 0x00462030);
  cfg.set(aer + 0x14, 4, 0x0000e000);
  cfg.set(aer + 0x18, 4, 0x000002a0);
  const acs = cfg.addExtCapability(PCI_EXT_CAP_ID_ACS, 1, 8);
  cfg.set(acs + 4, 2, 0x005f);
}

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

/** Where the virtio 1.0 structures sit in the modern BAR: [offset, length] of common, ISR, device, notify. */
export type VirtioCapLayout = readonly [readonly [number, number], readonly [number, number], readonly [number, number], readonly [number, number]];

/** QEMU's default: 4 KiB each, in the order common, ISR, device, notify. */
export const VIRTIO_CAP_LAYOUT: VirtioCapLayout = [[0x0000, 0x1000], [0x1000, 0x1000], [0x2000, 0x1000], [0x3000, 0x1000]];

/**
 * virtio 1.0 PCI capabilities: common (1), ISR (3), device (4), notify (2) config in BAR `bar`,
 * then the PCI config access window (5); at 0x40.. (conventional) or 0x84.. (PCIe, after PM and Express).
 */
export function addVirtioCaps(cfg: ConfigSpace, bar: number, first: number, layout: VirtioCapLayout = VIRTIO_CAP_LAYOUT): void {
  const [common, isr, device, notify] = layout;
  const caps: Array<[number, number, number, number]> = [
    [first, 1, ...common], [first + 0x10, 3, ...isr], [first + 0x20, 4, ...device],
    [first + 0x30, 2, ...notify], [first + 0x44, 5, 0, 0],
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
      cfg.setWritable(o + 8, o + 20, true);
    }
  }
}

/** A hot-plug slot's Slot Control/Status write rules (root ports, switch downstream ports), starting empty. */
export function addSlotRegisters(cfg: ConfigSpace, p: number): void {
  cfg.set(p + PCI_EXP_SLTCTL, 2, EXP_SLTCTL_EMPTY);
  cfg.setMask(p + PCI_EXP_SLTCTL, 2, 0x07f9 | PCI_EXP_SLTCTL_EIC);
  cfg.setW1c(p + PCI_EXP_SLTSTA, 2, 0x011f);
}

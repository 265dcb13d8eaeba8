import type { PciFunctionSpec, BarSpec } from './pci-function.js';
import type { ConfigSpace } from './config-space.js';
import type { PciBus } from './pci-bus.js';
import { addExpress, addMsix, addPm, addVirtioCaps } from './capabilities.js';
import type { VirtioCapLayout } from './capabilities.js';
import type { MemoryTarget } from '../bus/memory-target.js';
import {
  PCI_CLASS_DISPLAY_VGA, PCI_DEVICE_ID_VIRTIO_MODERN_BASE, PCI_EXP_TYPE_ENDPOINT, PCI_VENDOR_ID_REDHAT_QUMRANET, PCI_SUBVENDOR_ID_REDHAT_QUMRANET,
} from '../../spec/pci.js';
import { KiB } from '../../lib/size.js';
import { UsageError } from '../../lib/errors.js';

/**
 * QEMU 7.2's virtio-*-pci family (virtio 1.0 §4.1): one shape, per-device ids, class, legacy
 * I/O size and MSI-X vector count. Transitional (legacy + modern) on a conventional or root
 * bus; modern only behind a PCIe port unless disable-legacy=off.
 */
export interface VirtioKind {
  readonly name: string;
  /** VIRTIO_ID_* (virtio 1.0 §5). */
  readonly virtioId: number;
  /** Transitional device id (0x1000 + n); undefined: the device is modern only. */
  readonly legacyDevice?: number;
  readonly classCode: number;
  /** The legacy I/O BAR: 20-byte header + 4 with MSI-X + device config, rounded to a power of two. */
  readonly legacyIoSize: number;
  /** MSI-X vectors; 0: no MSI-X capability (and no BAR1). */
  readonly vectors: number;
  /** efi-virtio.rom for virtio-net. */
  readonly romSize?: number;
  readonly hotpluggable?: boolean;
}

export type LegacyMode = 'on' | 'off' | 'auto';

export interface VirtioPciOptions {
  readonly disableLegacy: LegacyMode;
  readonly disableModern: boolean;
  /** `vectors=` when given. */
  readonly vectors?: number;
}

const VIRTIO_MODERN_BAR = 4;
const VIRTIO_MSIX_BAR = 1;
const MODERN_BAR_SIZE = 16 * KiB;

/** Virtio over PCI as QEMU builds it for `bus`: ids, BARs and capabilities. */
export function virtioPciModel(k: VirtioKind, o: VirtioPciOptions): (bus: PciBus) => PciFunctionSpec {
  return (bus) => {
    // A PCIe endpoint only behind a PCIe port (virtio_pci_realize's pcie_port).
    const express = bus.express && !bus.isRoot;
    const modern = !o.disableModern;
    const legacy = k.legacyDevice !== undefined && (o.disableLegacy === 'off' || (o.disableLegacy === 'auto' && !express));
    if (!legacy && !modern) {
      throw new UsageError(`-device ${k.name}: device cannot work as neither modern nor legacy mode is enabled`);
    }
    const vectors = o.vectors ?? k.vectors;
    const bars: BarSpec[] = [];
    if (legacy) bars.push({ index: 0, kind: 'io', size: k.legacyIoSize });
    if (vectors > 0) bars.push({ index: VIRTIO_MSIX_BAR, kind: 'mem', size: 4 * KiB });
    if (modern) bars.push({ index: VIRTIO_MODERN_BAR, kind: 'mem', size: MODERN_BAR_SIZE, is64: true, prefetch: true });
    return {
      name: k.name, vendor: PCI_VENDOR_ID_REDHAT_QUMRANET,
      device: legacy ? k.legacyDevice! : PCI_DEVICE_ID_VIRTIO_MODERN_BASE + k.virtioId,
      revision: legacy ? 0 : 1,
      classCode: k.classCode, interruptPin: 1, express,
      ...(legacy ? { subsystemVendor: PCI_SUBVENDOR_ID_REDHAT_QUMRANET, subsystem: k.virtioId } : {}),
      ...(k.romSize ? { romSize: k.romSize } : {}),
      ...(k.hotpluggable === false ? { hotpluggable: false } : {}),
      bars,
      setup: (cfg) => virtioPciCaps(cfg, { express, modern, vectors, modernBar: VIRTIO_MODERN_BAR, msixBar: VIRTIO_MSIX_BAR }),
    };
  };
}

export interface VirtioCapsOptions {
  readonly express: boolean;
  readonly modern: boolean;
  readonly vectors: number;
  readonly modernBar: number;
  readonly msixBar: number;
  readonly layout?: VirtioCapLayout;
}

/** Capabilities of a virtio function (PCIe adds Express and PM in front of the vendor caps). */
export function virtioPciCaps(cfg: ConfigSpace, o: VirtioCapsOptions): void {
  if (o.express) {
    addExpress(cfg, 0x40, PCI_EXP_TYPE_ENDPOINT, { version: 2, flr: true, lnkctlWritable: true });
    addPm(cfg, 0x7c);
  }
  let msixAt = 0x40;
  if (o.modern) {
    const first = o.express ? 0x84 : 0x40;
    addVirtioCaps(cfg, o.modernBar, first, o.layout);
    msixAt = first + 0x58;
  }
  if (o.vectors > 0) addMsix(cfg, msixAt, o.vectors, o.msixBar, 0, 0x800);
}

const ROM_EFI_VIRTIO = 256 * KiB;

/** The catalog's virtio devices (QEMU 7.2 names, ids from virtio 1.0 §5, captured sizes). */
export const VIRTIO_KINDS: readonly VirtioKind[] = [
  { name: 'virtio-net-pci', virtioId: 1, legacyDevice: 0x1000, classCode: 0x0200, legacyIoSize: 32, vectors: 4, romSize: ROM_EFI_VIRTIO },
  { name: 'virtio-blk-pci', virtioId: 2, legacyDevice: 0x1001, classCode: 0x0100, legacyIoSize: 128, vectors: 2 },
  { name: 'virtio-balloon-pci', virtioId: 5, legacyDevice: 0x1002, classCode: 0x00ff, legacyIoSize: 64, vectors: 0 },
  { name: 'virtio-serial-pci', virtioId: 3, legacyDevice: 0x1003, classCode: 0x0780, legacyIoSize: 64, vectors: 2 },
  { name: 'virtio-scsi-pci', virtioId: 8, legacyDevice: 0x1004, classCode: 0x0100, legacyIoSize: 64, vectors: 4 },
  { name: 'virtio-rng-pci', virtioId: 4, legacyDevice: 0x1005, classCode: 0x00ff, legacyIoSize: 32, vectors: 2 },
  { name: 'virtio-9p-pci', virtioId: 9, legacyDevice: 0x1009, classCode: 0x0002, legacyIoSize: 32, vectors: 2 },
  { name: 'virtio-gpu-pci', virtioId: 16, classCode: 0x0380, legacyIoSize: 0, vectors: 3, hotpluggable: false },
  { name: 'virtio-keyboard-pci', virtioId: 18, classCode: 0x0900, legacyIoSize: 0, vectors: 2 },
  { name: 'virtio-mouse-pci', virtioId: 18, classCode: 0x0902, legacyIoSize: 0, vectors: 2 },
  { name: 'virtio-tablet-pci', virtioId: 18, classCode: 0x0980, legacyIoSize: 0, vectors: 2 },
  { name: 'virtio-iommu-pci', virtioId: 23, classCode: 0x00ff, legacyIoSize: 0, vectors: 0, hotpluggable: false },
];

/** virtio-vga puts the VGA registers in front of the modern structures in BAR2 (virtio-vga.c). */
const VIRTIO_VGA_LAYOUT: VirtioCapLayout = [[0x1000, 0x800], [0x1800, 0x800], [0x2000, 0x1000], [0x3000, 0x1000]];
const VIRTIO_ID_GPU = 16;

/** virtio-vga: the VGA framebuffer (BAR0), modern virtio in BAR2, MSI-X in BAR4, vgabios-virtio.bin. */
export function virtioVgaModel(framebuffer: MemoryTarget, romSize: number | undefined): (bus: PciBus) => PciFunctionSpec {
  return (bus) => {
    const express = bus.express && !bus.isRoot;
    return {
      name: 'virtio-vga', vendor: PCI_VENDOR_ID_REDHAT_QUMRANET, device: PCI_DEVICE_ID_VIRTIO_MODERN_BASE + VIRTIO_ID_GPU, revision: 1,
      classCode: PCI_CLASS_DISPLAY_VGA, interruptPin: 1, express, hotpluggable: false, ...(romSize ? { romSize } : {}),
      bars: [
        { index: 0, kind: 'mem', size: framebuffer.size, prefetch: true, memory: framebuffer },
        { index: 2, kind: 'mem', size: MODERN_BAR_SIZE, is64: true, prefetch: true },
        { index: 4, kind: 'mem', size: 4 * KiB },
      ],
      setup: (cfg) => virtioPciCaps(cfg, { express, modern: true, vectors: 3, modernBar: 2, msixBar: 4, layout: VIRTIO_VGA_LAYOUT }),
    };
  };
}

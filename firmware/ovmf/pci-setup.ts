/**
 * PCI setup with the OVMF (edk2-stable202211) profile: OVMF's apertures, bottom-up
 * placement (ovmf/pci-place.ts), PM base 0xB000 on pc, bridges IO|MEM|BM.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { PciConfig, bdfText } from '../pci/config.js';
import { probeDevices } from '../pci/probe.js';
import type { PciDevice } from '../pci/probe.js';
import { barOffset, takeInventory } from '../pci/inventory.js';
import { chipsetOf, elcr, enablePciexbar, PCI_IRQS, slotIrq } from '../pci/chipset.js';
import type { Chipset } from '../pci/chipset.js';
import * as R from '../pci/regs.js';
import { placeOvmf } from './pci-place.js';
import { findRootBridges } from './root-bridges.js';
import { numberOvmfTree } from './bus-numbers.js';
import { readReservationHint } from './hotplug-padding.js';
import type { ReservationHint } from './hotplug-padding.js';
import type { OvmfApertures } from './pci-place.js';

export interface OvmfPciInput {
  readonly wire: CpuWire;
  readonly ramSize: number;
  /** fw_cfg `etc/extra-pci-roots` (0 without expander bridges). */
  readonly extraRoots: number;
  readonly pmBase: number;
  readonly log: (line: string) => void;
  readonly reserve: (addr: number, len: number) => void;
}

export type OvmfPciResult =
  | { readonly ok: true; readonly chipset: Chipset; readonly devices: readonly PciDevice[]; readonly mem32Start: number }
  | { readonly ok: false; readonly panic: string };

/**
 * OVMF's 64-bit aperture with QEMU's default qemu64 CPU (AuthenticAMD, 40 physical bits):
 * the dynamic window, one eighth of the address space at its top (0xE000000000, 128 GiB).
 * fwlab's wire has no CPUID, so this is fixed.
 */
export const OVMF_MEM64 = { base: 0xe000000000, end: 0x10000000000 } as const;

const hex = (v: number): string => '0x' + v.toString(16);

export function ovmfApertures(chipset: Chipset, ramSize: number): OvmfApertures {
  if (chipset === 'q35') return { io: { base: 0x6000, end: 0x10000 }, mem32: { base: 0xc0000000, end: 0xfc000000 }, mem64: OVMF_MEM64 };
  let size = 2 ** 31;
  while (size > 2 ** 32 - ramSize) size /= 2;
  return { io: { base: 0xc000, end: 0x10000 }, mem32: { base: 2 ** 32 - size, end: 0xfc000000 }, mem64: OVMF_MEM64 };
}

export function ovmfPciSetup(input: OvmfPciInput): OvmfPciResult {
  const { wire, log } = input;
  const cfg = new PciConfig(wire);
  log('OVMF: PCI enumeration (PciBusDxe)');
  // The root bridges are found before PciBusDxe numbers any bridge (PciHostBridgeDxe's entry point).
  const roots = findRootBridges(cfg, input.extraRoots);
  if (roots.length > 1) log(`OVMF: root bridges ${roots.map((r) => `${hex(r.busMin)}-${hex(r.busMax)}`).join(', ')}`);
  // Out of bus numbers, real OVMF 2022.11 never reaches its boot manager (no serial output): fwlab halts
  // with the bus numbers written so far, as OVMF leaves them; a root bridge that ran out does not
  // stop the next ones from being numbered.
  const numbering = roots.map((r) => ({ r, n: numberOvmfTree(cfg, r) }));
  for (const { r, n } of numbering) {
    if (!n.ok) return { ok: false, panic: `OVMF: root bridge ${hex(r.busMin)}-${hex(r.busMax)} ${n.reason}: OVMF never boots (not modelled further)` };
  }
  const { devices, maxBus } = probeDevices(cfg, roots.length - 1);
  log(`OVMF: ${devices.length} PCI functions, buses 0-${maxBus}`);
  const chipset = chipsetOf(devices);
  if (chipset === 'q35') {
    enablePciexbar(cfg);
    input.reserve(R.Q35_PCIEXBAR_ADDR, R.Q35_PCIEXBAR_SIZE);
  }
  const inv = takeInventory(cfg, devices, maxBus);
  const ap = ovmfApertures(chipset, input.ramSize);
  log(`OVMF: apertures io ${hex(ap.io.base)}-${hex(ap.io.end - 1)}, mem32 ${hex(ap.mem32.base)}-${hex(ap.mem32.end - 1)}`
    + (ap.mem64 ? `, mem64 ${hex(ap.mem64.base)}-${hex(ap.mem64.end - 1)}` : ''));
  const hints = new Map<number, ReservationHint>();
  for (const bdf of inv.bridges.keys()) {
    const h = readReservationHint(cfg, bdf);
    if (h) hints.set(bdf, h);
  }
  const placement = placeOvmf(inv, ap, roots.map((r) => r.busMin), hints);
  if (!placement.ok) return placement;
  for (const a of placement.assignments) {
    const bdf = a.dev.bdf;
    if (a.bar >= 0) {
      const ofs = barOffset(a.dev, a.bar);
      cfg.write32(bdf, ofs, a.addr >>> 0);
      if (a.is64) cfg.write32(bdf, ofs + 4, Math.floor(a.addr / 2 ** 32) >>> 0);
      log(`OVMF: ${bdfText(bdf)} BAR${a.bar} ${a.type} ${hex(a.addr)} +${hex(a.length)}`);
      continue;
    }
    const limit = a.addr + a.length - 1;
    if (a.type === 'io') {
      cfg.write8(bdf, R.PCI_IO_BASE, (a.addr >>> 8) & 0xf0);
      cfg.write8(bdf, R.PCI_IO_LIMIT, (limit >>> 8) & 0xf0);
      cfg.write16(bdf, R.PCI_IO_BASE_UPPER16, 0);
      cfg.write16(bdf, R.PCI_IO_LIMIT_UPPER16, 0);
    } else if (a.type === 'mem32' || a.type === 'mem64') {
      cfg.write16(bdf, R.PCI_MEMORY_BASE, (a.addr >>> 16) & 0xfff0);
      cfg.write16(bdf, R.PCI_MEMORY_LIMIT, (limit >>> 16) & 0xfff0);
    } else {
      cfg.write16(bdf, R.PCI_PREF_MEMORY_BASE, (a.addr >>> 16) & 0xfff0);
      cfg.write16(bdf, R.PCI_PREF_MEMORY_LIMIT, (limit >>> 16) & 0xfff0);
      cfg.write32(bdf, R.PCI_PREF_BASE_UPPER32, Math.floor(a.addr / 2 ** 32) >>> 0);
      cfg.write32(bdf, R.PCI_PREF_LIMIT_UPPER32, Math.floor(limit / 2 ** 32) >>> 0);
    }
    log(`OVMF: ${bdfText(bdf)} ${a.type} window ${hex(a.addr)} +${hex(a.length)}`);
  }
  // InitializePciDevice on an endpoint a failed allocation rejected: BARs 10h-24h all ones. It gets no
  // PciIo instance, so BDS neither enables it nor writes its interrupt line.
  const removed = new Set(placement.removed);
  for (const d of removed) {
    for (let ofs = R.PCI_BASE_ADDRESS_0; ofs <= R.PCI_BASE_ADDRESS_0 + 0x14; ofs += 4) cfg.write32(d.bdf, ofs, 0xffffffff);
    log(`OVMF: ${bdfText(d.bdf)} rejected (out of resources)`);
  }
  // Option ROMs were read through the shared window; every ROM BAR is left 0xFFFFFFFE (disabled).
  for (const b of inv.bars) if (b.bar === 6) cfg.write32(b.dev.bdf, barOffset(b.dev, 6), 0xfffffffe);
  initOvmfDevices(cfg, wire, chipset, input, devices.filter((d) => !removed.has(d)));
  return { ok: true, chipset, devices, mem32Start: ap.mem32.base };
}

/** OvmfPkg PlatformPei (PM base) and BdsPlatform PciAcpiInitialization (PIRQs, INTERRUPT_LINE). */
function initOvmfDevices(cfg: PciConfig, wire: CpuWire, chipset: Chipset, input: OvmfPciInput, devices: readonly PciDevice[]): void {
  const ctx = { wire, cfg, chipset, pmBase: input.pmBase, log: input.log, reserve: input.reserve };
  for (const d of devices) {
    const intel = d.vendor === R.PCI_VENDOR_ID_INTEL;
    if (intel && (d.device === R.PCI_DEVICE_ID_INTEL_82371SB_0 || d.device === R.PCI_DEVICE_ID_INTEL_82371AB_0)) {
      PCI_IRQS.forEach((irq, i) => cfg.write8(d.bdf, R.PIIX_PIRQC + i, irq));
      elcr(ctx);
    } else if (intel && d.device === R.PCI_DEVICE_ID_INTEL_ICH9_LPC) {
      PCI_IRQS.forEach((irq, i) => { cfg.write8(d.bdf, R.PIIX_PIRQC + i, irq); cfg.write8(d.bdf, R.ICH9_LPC_PIRQE + i, irq); });
      elcr(ctx);
      cfg.write32(d.bdf, R.ICH9_LPC_PMBASE, input.pmBase | 1);
      cfg.write8(d.bdf, R.ICH9_LPC_ACPI_CTRL, R.ICH9_LPC_ACPI_CTRL_ACPI_EN);
    } else if (intel && d.device === R.PCI_DEVICE_ID_INTEL_82371AB_3) {
      cfg.write32(d.bdf, R.PIIX4_PMBA, input.pmBase | 1);
      cfg.write8(d.bdf, R.PIIX4_PMREGMISC, 0x01);
    }
    const pin = cfg.read8(d.bdf, R.PCI_INTERRUPT_PIN);
    if (pin !== 0) cfg.write8(d.bdf, R.PCI_INTERRUPT_LINE, slotIrq(chipset, d, pin));
    const bridge = d.classWord === R.PCI_CLASS_BRIDGE_PCI;
    // Bridges: EFI_PCI_DEVICE_ENABLE. Endpoints: IO|MEM, as after BDS connected their drivers.
    cfg.write16(d.bdf, R.PCI_COMMAND, cfg.read16(d.bdf, R.PCI_COMMAND) | R.PCI_COMMAND_IO | R.PCI_COMMAND_MEMORY | (bridge ? 0x4 : 0));
  }
}

/**
 * Chipset and device setup after placement (seabios-ovmf.md §5.3, §5.8, §5.9): PCIEXBAR,
 * PAM shadowing, interrupt lines, the first-matching quirk, COMMAND |= IO|MEM|SERR.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import type { PciConfig } from './config.js';
import { bdfText, slotOf } from './config.js';
import type { PciDevice } from './probe.js';
import * as R from './regs.js';
import * as S from '../../src/spec/pci.js';
import { ICH9_SMI_EN, ICH9_SMI_EN_APMC_EN, ICH9_SMI_EN_GBL_SMI_EN } from '../../src/spec/acpi-pm.js';

export type Chipset = 'i440fx' | 'q35' | 'unknown';
export const PCI_IRQS = [10, 10, 11, 11] as const;

export function chipsetOf(devices: readonly PciDevice[]): Chipset {
  if (devices.some((d) => d.vendor === R.PCI_VENDOR_ID_INTEL && d.device === R.PCI_DEVICE_ID_INTEL_82441)) return 'i440fx';
  if (devices.some((d) => d.vendor === R.PCI_VENDOR_ID_INTEL && d.device === R.PCI_DEVICE_ID_INTEL_Q35_MCH)) return 'q35';
  return 'unknown';
}

/** `mch_mem_addr_setup`: PCIEXBAR low = 0, high = 0, low = 0xB0000000 | enable. */
export function enablePciexbar(cfg: PciConfig): void {
  cfg.write32(0, R.Q35_HOST_BRIDGE_PCIEXBAR, 0);
  cfg.write32(0, R.Q35_HOST_BRIDGE_PCIEXBAR + 4, 0);
  cfg.write32(0, R.Q35_HOST_BRIDGE_PCIEXBAR, (R.Q35_PCIEXBAR_ADDR | 1) >>> 0);
}

/**
 * `make_bios_writable`: RAM behind 0xC0000–0xFFFFF, read/write. SeaBIOS then copies its code
 * from the ROM alias so it can keep running; fwlab's ROM is a module, not x86 code, so nothing
 * is copied: the shadow starts as zeroed RAM, and the guest's E/F-segment RSDP scan sees only
 * what the firmware put there (never stray ROM bytes).
 */
export function shadowBios(cfg: PciConfig, chipset: Chipset): void {
  if (chipset === 'unknown') return;
  const pam0 = chipset === 'q35' ? R.Q35_HOST_BRIDGE_PAM0 : R.I440FX_PAM0;
  for (let i = 1; i <= 6; i++) cfg.write8(0, pam0 + i, 0x33);
  cfg.write8(0, pam0, 0x30);
}

/** `make_bios_readonly` for the F-segment (read-only RAM). */
export function lockFSegment(cfg: PciConfig, chipset: Chipset): void {
  if (chipset === 'unknown') return;
  cfg.write8(0, chipset === 'q35' ? R.Q35_HOST_BRIDGE_PAM0 : R.I440FX_PAM0, 0x10);
}

/** Where SeaBIOS 1.16.2's option-ROM area ends on QEMU (its debug log: "Space available for UMB: …-e8000"). */
export const SEABIOS_ROM_MAX = 0xe8000;
const PAM_CHUNK = 32 * 1024;
const OPTION_ROM_START = 0xc0000;

/**
 * SeaBIOS's make_bios_readonly (fw/shadow.c) without writable upper memory: each 32 KiB PAM chunk
 * from 0xC0000 that lies wholly below the option-ROM area's end becomes read-only RAM (0x11); the
 * first one that does not stays read/write, as do the chunks after it; then the F-segment.
 * The end is SeaBIOS's rom_get_max, below its low-memory zone: 0xE8000-0xE8800 in every captured
 * QEMU configuration, so 0xC0000-0xE7FFF are locked.
 */
export function makeBiosReadonly(cfg: PciConfig, chipset: Chipset, romMax = SEABIOS_ROM_MAX): void {
  if (chipset === 'unknown') return;
  const pam0 = chipset === 'q35' ? R.Q35_HOST_BRIDGE_PAM0 : R.I440FX_PAM0;
  for (let i = 0; i < 6; i++) {
    if (romMax < OPTION_ROM_START + (i + 1) * PAM_CHUNK) break;
    cfg.write8(0, pam0 + 1 + i, 0x11);
  }
  lockFSegment(cfg, chipset);
}

/**
 * SeaBIOS's smm_setup for QEMU's chipsets (src/fw/smm.c): skipped when APMC_EN is already set (QEMU
 * sets it at reset without SMM); else open SMRAM, enable APM-port SMIs, lock them (ICH9), close
 * SMRAM with G_SMRAME. SeaBIOS also relocates SMBASE through an SMI in between; fwlab's machine
 * has no SMM, so that step has no counterpart. The PIIX4 GLBCTL write has no register to land in on
 * QEMU's PIIX4 PM and is not made.
 */
export function smmSetup(wire: CpuWire, cfg: PciConfig, chipset: Chipset, pmBase: number): void {
  if (chipset === 'i440fx') {
    const devactb = cfg.read32(R.QEMU_PIIX4_PM_BDF, S.PIIX4_DEVACTB);
    if (devactb & S.PIIX4_DEVACTB_APMC_EN) return;
    cfg.write8(0, S.I440FX_SMRAM, S.SMRAM_C_BASE_SEG_A0000 | S.SMRAM_D_OPEN | S.SMRAM_G_SMRAME);
    cfg.write32(R.QEMU_PIIX4_PM_BDF, S.PIIX4_DEVACTB, (devactb | S.PIIX4_DEVACTB_APMC_EN) >>> 0);
    cfg.write8(0, S.I440FX_SMRAM, S.SMRAM_C_BASE_SEG_A0000 | S.SMRAM_G_SMRAME);
  } else if (chipset === 'q35') {
    const smiEn = wire.in32(pmBase + ICH9_SMI_EN);
    if (smiEn & ICH9_SMI_EN_APMC_EN) return;
    cfg.write8(0, S.MCH_HOST_BRIDGE_SMRAM, S.SMRAM_C_BASE_SEG_A0000 | S.SMRAM_D_OPEN | S.SMRAM_G_SMRAME);
    wire.out32(pmBase + ICH9_SMI_EN, (smiEn | ICH9_SMI_EN_APMC_EN | ICH9_SMI_EN_GBL_SMI_EN) >>> 0);
    const pmcon = cfg.read16(R.QEMU_ICH9_LPC_BDF, S.ICH9_LPC_GEN_PMCON_1);
    cfg.write32(R.QEMU_ICH9_LPC_BDF, S.ICH9_LPC_GEN_PMCON_1, pmcon | S.ICH9_LPC_GEN_PMCON_1_SMI_LOCK);
    cfg.write8(0, S.MCH_HOST_BRIDGE_SMRAM, S.SMRAM_C_BASE_SEG_A0000 | S.SMRAM_G_SMRAME);
  }
}

export function slotIrq(chipset: Chipset, dev: PciDevice, pin: number): number {
  let addend = 0;
  let d = dev;
  while (d.parent) { addend += slotOf(d.bdf); d = d.parent; }
  const rootSlot = slotOf(d.bdf);
  if (chipset === 'i440fx') return PCI_IRQS[(pin - 1 + addend + rootSlot - 1) & 3]!;
  if (chipset === 'q35') return PCI_IRQS[(pin - 1 + addend + (rootSlot <= 24 ? rootSlot : 0)) & 3]!;
  return 0xff;
}

export interface InitContext {
  readonly wire: CpuWire;
  readonly cfg: PciConfig;
  readonly chipset: Chipset;
  readonly pmBase: number;
  readonly log: (line: string) => void;
  /** e820 reservations the quirks make (ICH9 RCBA). */
  readonly reserve: (addr: number, len: number) => void;
}

export function elcr(ctx: InitContext): void {
  let mask = 0;
  for (const irq of PCI_IRQS) mask |= 1 << irq;
  ctx.wire.out8(R.PORT_ELCR1, mask & 0xff);
  ctx.wire.out8(R.PORT_ELCR2, mask >> 8);
  ctx.log(`PIIX3/PIIX4 init: elcr=${(mask & 0xff).toString(16).padStart(2, '0')} ${(mask >> 8).toString(16).padStart(2, '0')}`);
}

/** `pci_init_device` over the quirk table: the first match only. */
function quirk(ctx: InitContext, dev: PciDevice): void {
  const { cfg, pmBase } = ctx;
  const b = dev.bdf;
  const intel = dev.vendor === R.PCI_VENDOR_ID_INTEL;
  if (intel && (dev.device === R.PCI_DEVICE_ID_INTEL_82371SB_0 || dev.device === R.PCI_DEVICE_ID_INTEL_82371AB_0)) {
    PCI_IRQS.forEach((irq, i) => cfg.write8(b, R.PIIX_PIRQC + i, irq));
    elcr(ctx);
  } else if (intel && dev.device === R.PCI_DEVICE_ID_INTEL_ICH9_LPC) {
    PCI_IRQS.forEach((irq, i) => { cfg.write8(b, R.PIIX_PIRQC + i, irq); cfg.write8(b, R.ICH9_LPC_PIRQE + i, irq); });
    elcr(ctx);
    ich9LpcSetup(cfg, b, pmBase);
    ctx.reserve(R.ICH9_LPC_RCBA_ADDR, R.ICH9_LPC_RCBA_SIZE);
    ctx.log(`Using pmtimer, ioport 0x${(pmBase + 8).toString(16)}`);
  } else if (intel && (dev.device === R.PCI_DEVICE_ID_INTEL_82371SB_1 || dev.device === R.PCI_DEVICE_ID_INTEL_82371AB)) {
    cfg.write16(b, R.PIIX_IDE_TIM_PRI, 0x8000);
    cfg.write16(b, R.PIIX_IDE_TIM_SEC, 0x8000);
  } else if (dev.classWord === R.PCI_CLASS_STORAGE_IDE) {
    cfg.write32(b, 0x10, 0x1f0 | 1);
    cfg.write32(b, 0x14, 0x3f4 | 1);
    cfg.write32(b, 0x18, 0x170 | 1);
    cfg.write32(b, 0x1c, 0x374 | 1);
  } else if (intel && dev.device === R.PCI_DEVICE_ID_INTEL_82371AB_3) {
    piix4PmSetup(cfg, b, pmBase);
    ctx.log(`Using pmtimer, ioport 0x${(pmBase + 8).toString(16)}`);
  } else if (intel && dev.device === R.PCI_DEVICE_ID_INTEL_ICH9_SMBUS) {
    ich9SmbusEnable(cfg, b, pmBase);
  }
}

/** `piix4_pm_config_setup`: SCI on IRQ 9, the PM and SMBus I/O blocks (POST and `pci_resume`). */
export function piix4PmSetup(cfg: PciConfig, b: number, pmBase: number): void {
  cfg.write8(b, R.PCI_INTERRUPT_LINE, 9);
  cfg.write32(b, R.PIIX4_PMBA, pmBase | 1);
  cfg.write8(b, R.PIIX4_PMREGMISC, 0x01);
  cfg.write32(b, R.PIIX4_SMBHSTBASE, (pmBase + 0x100) | 1);
  cfg.write8(b, R.PIIX4_SMBHSTCFG, 0x09);
}

/** `mch_isa_lpc_setup`: PMBASE, ACPI_EN, the root complex register block (POST and `pci_resume`). */
export function ich9LpcSetup(cfg: PciConfig, b: number, pmBase: number): void {
  cfg.write32(b, R.ICH9_LPC_PMBASE, pmBase | 1);
  cfg.write8(b, R.ICH9_LPC_ACPI_CTRL, R.ICH9_LPC_ACPI_CTRL_ACPI_EN);
  cfg.write32(b, R.ICH9_LPC_RCBA, (R.ICH9_LPC_RCBA_ADDR | 1) >>> 0);
}

/** `ich9_smbus_enable` (POST and `pci_resume`). */
export function ich9SmbusEnable(cfg: PciConfig, b: number, pmBase: number): void {
  cfg.write32(b, R.ICH9_SMB_SMB_BASE, (pmBase + 0x100) | 1);
  cfg.write8(b, R.ICH9_SMB_HOSTC, 0x01);
}

/** `pci_bios_init_devices` then `pci_enable_default_vga`. */
export function initDevices(ctx: InitContext, devices: readonly PciDevice[]): void {
  const { cfg } = ctx;
  for (const dev of devices) {
    const hex4 = (v: number) => v.toString(16).padStart(4, '0');
    ctx.log(`PCI: init bdf=${bdfText(dev.bdf)} id=${hex4(dev.vendor)}:${hex4(dev.device)}`);
    const pin = cfg.read8(dev.bdf, R.PCI_INTERRUPT_PIN);
    if (pin !== 0) cfg.write8(dev.bdf, R.PCI_INTERRUPT_LINE, slotIrq(ctx.chipset, dev, pin));
    quirk(ctx, dev);
    const cmd = cfg.read16(dev.bdf, R.PCI_COMMAND);
    cfg.write16(dev.bdf, R.PCI_COMMAND, cmd | R.PCI_COMMAND_IO | R.PCI_COMMAND_MEMORY | R.PCI_COMMAND_SERR);
    if ((dev.headerType & 0x7f) === R.PCI_HEADER_TYPE_BRIDGE) {
      cfg.write16(dev.bdf, R.PCI_BRIDGE_CONTROL, cfg.read16(dev.bdf, R.PCI_BRIDGE_CONTROL) | R.PCI_BRIDGE_CTL_SERR);
    }
  }
  enableDefaultVga(ctx, devices);
}

function enableDefaultVga(ctx: InitContext, devices: readonly PciDevice[]): void {
  const { cfg } = ctx;
  const vgas = devices.filter((d) => d.classWord === R.PCI_CLASS_DISPLAY_VGA);
  const decoding = (d: PciDevice): boolean => {
    const cmd = cfg.read16(d.bdf, R.PCI_COMMAND);
    if ((cmd & 3) !== 3) return false;
    for (let p = d.parent; p; p = p.parent) if (!(cfg.read16(p.bdf, R.PCI_BRIDGE_CONTROL) & R.PCI_BRIDGE_CTL_VGA)) return false;
    return true;
  };
  if (vgas.length === 0) { ctx.log('PCI: No VGA devices found'); return; }
  if (vgas.some(decoding)) return;
  const vga = vgas[0]!;
  ctx.log(`PCI: Enabling ${bdfText(vga.bdf)} for primary VGA`);
  cfg.write16(vga.bdf, R.PCI_COMMAND, cfg.read16(vga.bdf, R.PCI_COMMAND) | R.PCI_COMMAND_IO | R.PCI_COMMAND_MEMORY);
  for (let p = vga.parent; p; p = p.parent) {
    cfg.write16(p.bdf, R.PCI_BRIDGE_CONTROL, cfg.read16(p.bdf, R.PCI_BRIDGE_CONTROL) | R.PCI_BRIDGE_CTL_VGA);
    cfg.write16(p.bdf, R.PCI_COMMAND, cfg.read16(p.bdf, R.PCI_COMMAND) | R.PCI_COMMAND_IO | R.PCI_COMMAND_MEMORY);
  }
}

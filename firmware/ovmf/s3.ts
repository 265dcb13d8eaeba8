/**
 * S3 resume as OVMF edk2-stable202211 does it, as far as a guest can observe (decision 0053):
 * - PlatformPei (PlatformBootModeInitialization): CMOS 0Fh = FEh means BOOT_ON_S3_RESUME; the byte
 *   is cleared on every boot. PlatformMiscInitialization runs on the resume path too: the ACPI PM
 *   I/O block again (PIIX4 PMBA + PCICMD.IOSE + PMREGMISC.PMIOSE, or ICH9 PMBASE + ACPI_CNTL.ACPI_EN,
 *   only when the enable bit is clear), on q35 RCBA and PCIEXBAR (so, unlike SeaBIOS 1.16.2, the
 *   PM block is back after a q35 resume). BARs, bridges and PIRQs are not restored (an OS does that).
 * - S3Resume2Pei: the S3 boot script replays what DXE saved: OvmfPkg/AcpiPlatformDxe/BootScript.c's
 *   condensed WRITE_POINTERs, each a fw_cfg DMA select+skip to the pointer's offset, then a write of
 *   its value, in the loader's order. Then the FACS saved at EndOfDxe: X_Firmware_Waking_Vector
 *   (protected/long mode; not supported here, the OSPM guest sets 0) or Firmware_Waking_Vector,
 *   entered in real mode at vector >> 4 : vector & 0Fh (AsmTransferControl). No vector: OVMF
 *   reports the error and dead-loops (SeaBIOS reboots instead).
 * What DXE keeps for PEI (the FACS, the PM base, the chipset, the boot script) is fwlab's own record
 * at the page OVMF keeps its LockBox in (PcdOvmfLockBoxStorageBase: 0x806000 in the MEMFD of
 * OvmfPkgX64.fdf), e820 NVS as OVMF reports that page when S3 is supported.
 *
 *   +0 char[4] "FS3C"  +4 u32 FACS  +8 u16 PM base  +10 u8 chipset (1 i440FX, 2 q35)  +12 u32 count
 *   +16 count × 16 bytes {u16 fw_cfg key, u8 size, u8 0, u32 offset, u64 value}
 *   +0xF00 the replay's DMA descriptor, +0xF10 the value it writes (OVMF: its reserved scratch buffer)
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { CMOS_DATA_PORT, CMOS_INDEX_PORT, CMOS_SHUTDOWN_S3_RESUME, CMOS_SHUTDOWN_STATUS } from '../../src/spec/cmos.js';
import { FW_CFG_DMA_CTL_ERROR, FW_CFG_DMA_CTL_SELECT, FW_CFG_DMA_CTL_SKIP, FW_CFG_DMA_CTL_WRITE, FW_CFG_PORT_DMA_LO } from '../../src/spec/fw-cfg.js';
import type { WritePointerRecord } from '../loader/host.js';
import { PciConfig } from '../pci/config.js';
import { enablePciexbar } from '../pci/chipset.js';
import type { Chipset } from '../pci/chipset.js';
import * as R from '../pci/regs.js';

export const OVMF_S3_CONTEXT = 0x806000;
export const OVMF_S3_CONTEXT_SIZE = 0x1000;
const SIGNATURE = 0x43335346; // "FS3C"
const ENTRY = 16;
const MAX_ENTRIES = (0xf00 - 16) / ENTRY;
const DMA_DESCRIPTOR = OVMF_S3_CONTEXT + 0xf00;
const DMA_DATA = OVMF_S3_CONTEXT + 0xf10;
const FACS = 0x53434146;
const FACS_WAKING_VECTOR = 12;
const FACS_X_WAKING_VECTOR = 24;
const FACS_VERSION = 32;
const CHIPSET_CODE: Readonly<Record<Chipset, number>> = { unknown: 0, i440fx: 1, q35: 2 };

export interface OvmfS3Context {
  readonly facs: number;
  readonly pmBase: number;
  readonly chipset: Chipset;
  readonly pointers: readonly WritePointerRecord[];
}

/** AcpiS3SaveDxe / S3SaveStateDxe at EndOfDxe: what the resume path will need. */
export function saveOvmfS3Context(wire: CpuWire, c: OvmfS3Context): void {
  const b = new Uint8Array(OVMF_S3_CONTEXT_SIZE);
  const dv = new DataView(b.buffer);
  const pointers = c.pointers.slice(0, MAX_ENTRIES);
  dv.setUint32(0, SIGNATURE, true);
  dv.setUint32(4, c.facs, true);
  dv.setUint16(8, c.pmBase, true);
  b[10] = CHIPSET_CODE[c.chipset];
  dv.setUint32(12, pointers.length, true);
  pointers.forEach((p, i) => {
    const o = 16 + i * ENTRY;
    dv.setUint16(o, p.key, true);
    b[o + 2] = p.size;
    dv.setUint32(o + 4, p.offset, true);
    dv.setBigUint64(o + 8, p.value, true);
  });
  wire.writeBytes(OVMF_S3_CONTEXT, b);
}

function cmos(wire: CpuWire, index: number, value?: number): number {
  wire.out8(CMOS_INDEX_PORT, index);
  if (value === undefined) return wire.in8(CMOS_DATA_PORT);
  wire.out8(CMOS_DATA_PORT, value);
  return value;
}

const bswap32 = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

function dma(wire: CpuWire, control: number, length: number, address: number): boolean {
  wire.write32(DMA_DESCRIPTOR, bswap32(control >>> 0));
  wire.write32(DMA_DESCRIPTOR + 4, bswap32(length));
  wire.write32(DMA_DESCRIPTOR + 8, 0);
  wire.write32(DMA_DESCRIPTOR + 12, bswap32(address));
  wire.out32(FW_CFG_PORT_DMA_LO, bswap32(DMA_DESCRIPTOR));
  return (bswap32(wire.read32(DMA_DESCRIPTOR)) & FW_CFG_DMA_CTL_ERROR) === 0;
}

/** PlatformMiscInitialization on the resume path: the PM I/O block (if its enable bit is clear), RCBA and PCIEXBAR on q35. */
function platformMisc(wire: CpuWire, chipset: Chipset, pmBase: number): void {
  const cfg = new PciConfig(wire);
  const [dev, pmba, ctl, en] = chipset === 'q35'
    ? [R.QEMU_ICH9_LPC_BDF, R.ICH9_LPC_PMBASE, R.ICH9_LPC_ACPI_CTRL, R.ICH9_LPC_ACPI_CTRL_ACPI_EN]
    : [R.QEMU_PIIX4_PM_BDF, R.PIIX4_PMBA, R.PIIX4_PMREGMISC, 0x01];
  if ((cfg.read8(dev, ctl) & en) === 0) {
    cfg.write32(dev, pmba, (cfg.read32(dev, pmba) & ~0xfffe) | pmBase);
    cfg.write8(dev, R.PCI_COMMAND, cfg.read8(dev, R.PCI_COMMAND) | R.PCI_COMMAND_IO);
    cfg.write8(dev, ctl, cfg.read8(dev, ctl) | en);
  }
  if (chipset === 'q35') {
    cfg.write32(dev, R.ICH9_LPC_RCBA, (R.ICH9_LPC_RCBA_ADDR | 1) >>> 0);
    enablePciexbar(cfg);
  }
}

/**
 * At the reset vector, before anything else: undefined for a normal boot (the status byte is
 * cleared either way), else the resume, ending in the jump to the waking vector.
 */
export function ovmfS3Resume(wire: CpuWire, log: (line: string) => void): ProgramExit | undefined {
  const status = cmos(wire, CMOS_SHUTDOWN_STATUS);
  cmos(wire, CMOS_SHUTDOWN_STATUS, 0);
  if (status !== CMOS_SHUTDOWN_S3_RESUME) return undefined;
  if (wire.read32(OVMF_S3_CONTEXT) !== SIGNATURE) {
    log('OVMF: S3 resume requested but no S3 context saved: normal boot');
    return undefined;
  }
  const facs = wire.read32(OVMF_S3_CONTEXT + 4);
  const pmBase = wire.read16(OVMF_S3_CONTEXT + 8);
  const chipset = (Object.keys(CHIPSET_CODE) as Chipset[]).find((c) => CHIPSET_CODE[c] === wire.read8(OVMF_S3_CONTEXT + 10)) ?? 'unknown';
  log('OVMF: boot mode BOOT_ON_S3_RESUME (CMOS 0Fh = FEh)');
  platformMisc(wire, chipset, pmBase);
  const count = Math.min(wire.read32(OVMF_S3_CONTEXT + 12), MAX_ENTRIES);
  for (let i = 0; i < count; i++) {
    const o = OVMF_S3_CONTEXT + 16 + i * ENTRY;
    const key = wire.read16(o);
    const size = wire.read8(o + 2);
    const offset = wire.read32(o + 4);
    wire.write64(DMA_DATA, wire.read64(o + 8));
    const ok = dma(wire, (key << 16) | FW_CFG_DMA_CTL_SELECT | FW_CFG_DMA_CTL_SKIP, offset, 0) && dma(wire, FW_CFG_DMA_CTL_WRITE, size, DMA_DATA);
    log(`OVMF: S3 boot script: fw_cfg 0x${key.toString(16)}+${offset} <- ${size} bytes${ok ? '' : ' FAILED'}`);
  }
  if (facs === 0 || wire.read32(facs) !== FACS) {
    log('OVMF: S3 resume: no FACS');
    return { kind: 'halt', reason: 'OVMF S3 resume without a FACS (OVMF dead-loops)' };
  }
  const xVector = wire.read8(facs + FACS_VERSION) >= 1 ? wire.read64(facs + FACS_X_WAKING_VECTOR) : 0n;
  if (xVector !== 0n) {
    log(`OVMF: S3 resume: X_Firmware_Waking_Vector 0x${xVector.toString(16)} (protected/long mode) is not supported here`);
    return { kind: 'halt', reason: 'OVMF S3 resume to an X_Firmware_Waking_Vector: not supported by fwlab' };
  }
  const vector = wire.read32(facs + FACS_WAKING_VECTOR);
  if (vector === 0) {
    log('OVMF: S3 resume: no waking vector found');
    return { kind: 'halt', reason: 'OVMF S3 resume without a waking vector (OVMF dead-loops)' };
  }
  log(`OVMF: S3 resume: jump to the waking vector 0x${vector.toString(16)} (real mode)`);
  return { kind: 'x86', cs: vector >>> 4, ip: vector & 0xf, dl: 0, entry: { interrupts: false } };
}

/**
 * S3 resume as SeaBIOS 1.16.2 does it (src/resume.c): after a wake-up the machine resets and the
 * CPU starts at the reset vector; HaveRunPost is set and CMOS 0Fh reads FEh, so instead of POST:
 * `handle_resume` clears the status byte, `s3_resume` finds the FACS Firmware_Waking_Vector
 * (the 32-bit one, through the RSDP POST found), sets up the PIC, `pci_resume` re-programs the
 * chipset's PM device, `romfile_fw_cfg_resume` sends the kept WRITE_POINTERs again,
 * `make_bios_readonly`, then a far jump in real mode to vector >> 4 : vector & 0Fh with every
 * register and IF zero. Without a vector SeaBIOS logs it and reboots the hard way.
 * smm_setup runs again as at POST (its chipset registers; there is no SMM handler to relocate).
 * SeaBIOS's smp_resume (the "Found N cpu(s)" scan), tpm_s3_resume and s3_resume_vga have nothing
 * to act on in fwlab's firmware (no AP start-up, no TPM or VGA set-up at POST), so they are left out.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { CMOS_DATA_PORT, CMOS_INDEX_PORT, CMOS_SHUTDOWN_S3_RESUME, CMOS_SHUTDOWN_STATUS } from '../../src/spec/cmos.js';
import { PciConfig } from '../pci/config.js';
import { ich9LpcSetup, ich9SmbusEnable, makeBiosReadonly, piix4PmSetup, shadowBios, smmSetup } from '../pci/chipset.js';
import { enablePciexbar } from '../pci/chipset.js';
import * as R from '../pci/regs.js';
import { setupPic } from '../bios/setup.js';
import { replayWritePointers } from '../loader/s3-pointers.js';
import { clearResumeVars, readResumeVars } from './resume-vars.js';
import type { ResumeVars } from './resume-vars.js';

const FACP = 0x50434146;
const FACS = 0x53434146;
const RSDT = 0x54445352;
const XSDT = 0x54445358;
const FADT_FIRMWARE_CTRL = 36;
const FACS_FIRMWARE_WAKING_VECTOR = 12;
/** Where QEMU puts the ICH9 SMBus function (SeaBIOS records the BDFs it set up). */
const ICH9_SMBUS_BDF = (0x1f << 3) | 3;
/** pic_setup's mask: everything but the cascade (PIC_IRQMASK_DEFAULT). */
const PIC1_MASK_DEFAULT = 0xfb;
const PIC2_MASK_DEFAULT = 0xff;

function cmosRead(wire: CpuWire, index: number): number {
  wire.out8(CMOS_INDEX_PORT, index);
  return wire.in8(CMOS_DATA_PORT);
}

/** `find_acpi_table(FACP)` then the FACS's 32-bit Firmware_Waking_Vector (`find_resume_vector`); 0 when none. */
function findResumeVector(wire: CpuWire, rsdp: number, log: (line: string) => void): number {
  if (rsdp === 0 || String.fromCharCode(...wire.readBytes(rsdp, 8)) !== 'RSD PTR ') return 0;
  const rsdt = wire.read32(rsdp + 16);
  const xsdtHigh = wire.read8(rsdp + 15) >= 2 ? wire.read32(rsdp + 28) : 1;
  const xsdt = xsdtHigh === 0 ? wire.read32(rsdp + 24) : 0;
  let fadt = 0;
  for (const [table, width, via] of [[xsdt, 8, 'xsdt'], [rsdt, 4, 'rsdt']] as const) {
    if (table === 0 || wire.read32(table) !== (width === 8 ? XSDT : RSDT)) continue;
    const end = table + wire.read32(table + 4);
    for (let at = table + 36; at + width <= end && fadt === 0; at += width) {
      if (width === 8 && wire.read32(at + 4) !== 0) continue;
      const t = wire.read32(at);
      if (t !== 0 && wire.read32(t) === FACP) {
        log(`table(${FACP.toString(16)})=0x${t.toString(16).padStart(8, '0')} (via ${via})`);
        fadt = t;
      }
    }
    if (fadt) break;
  }
  if (fadt === 0) return 0;
  const facs = wire.read32(fadt + FADT_FIRMWARE_CTRL);
  if (facs === 0 || wire.read32(facs) !== FACS) return 0;
  return wire.read32(facs + FACS_FIRMWARE_WAKING_VECTOR);
}

/**
 * `pci_resume`: the PM device's registers again, through the config access SeaBIOS uses at run
 * time — on q35 MMCONFIG, whose PCIEXBAR the reset disabled: those writes go nowhere and
 * `mch_mmconfig_setup`, last, cannot turn it back on either (what QEMU 7.2 + SeaBIOS 1.16.2 show:
 * after an S3 resume on q35 the PM block is not mapped, PM1a_STS reads FFFFh).
 */
function pciResume(wire: CpuWire, v: ResumeVars, log: (line: string) => void): PciConfig {
  const cfg = new PciConfig(wire);
  if (v.chipset === 'i440fx') piix4PmSetup(cfg, R.QEMU_PIIX4_PM_BDF, v.pmBase);
  else if (v.chipset === 'q35') {
    cfg.useMmconfig(R.Q35_PCIEXBAR_ADDR);
    ich9LpcSetup(cfg, R.QEMU_ICH9_LPC_BDF, v.pmBase);
    ich9SmbusEnable(cfg, ICH9_SMBUS_BDF, v.pmBase);
    enablePciexbar(cfg);
    log(`PCIe: using q35 mmconfig at 0x${R.Q35_PCIEXBAR_ADDR.toString(16)}`);
  }
  return cfg;
}

/**
 * At the reset vector: undefined for a POST (HaveRunPost clear: power-on, or the hard reboot
 * below), else SeaBIOS's handle_resume: with the shutdown status byte at FEh the S3 resume (the
 * jump to the waking vector); with any other byte a reset of a machine that had run POST (QMP
 * system_reset, a guest's 0xCF9: QEMU keeps PAM, so the shadow still holds HaveRunPost), which
 * SeaBIOS answers with a hard reboot of its own.
 */
export function s3Resume(wire: CpuWire, log: (line: string) => void): ProgramExit | undefined {
  const status = cmosRead(wire, CMOS_SHUTDOWN_STATUS);
  const vars = readResumeVars(wire);
  if (!vars) return undefined;
  wire.out8(CMOS_INDEX_PORT, CMOS_SHUTDOWN_STATUS);
  wire.out8(CMOS_DATA_PORT, 0);
  log(`In resume (status=${status})`);
  log('In 32bit resume');
  if (status !== CMOS_SHUTDOWN_S3_RESUME) return hardReboot(wire, vars, log);
  const vector = findResumeVector(wire, vars.rsdp, log);
  if (vector === 0) {
    log('No resume vector set!');
    return hardReboot(wire, vars, log);
  }
  setupPic(wire);
  wire.out8(0x21, PIC1_MASK_DEFAULT);
  wire.out8(0xa1, PIC2_MASK_DEFAULT);
  // smm_setup again, through the config access of pci_resume (on q35 MMCONFIG, still off: the PM
  // block is unmapped, SMI_EN reads all-ones with APMC_EN set, so nothing is done, as on QEMU).
  const smmCfg = new PciConfig(wire);
  if (vars.chipset === 'q35') smmCfg.useMmconfig(R.Q35_PCIEXBAR_ADDR);
  smmSetup(wire, smmCfg, vars.chipset, vars.pmBase);
  const cfg = pciResume(wire, vars, log);
  replayWritePointers(wire, log);
  makeBiosReadonly(cfg, vars.chipset);
  log(`Jump to resume vector (${vector.toString(16)})`);
  return { kind: 'x86', cs: vector >>> 4, ip: vector & 0xf, dl: 0, entry: { interrupts: false } };
}

/**
 * tryReboot → qemu_reboot: QEMU does not map the ROM back over the shadow on a reset, so SeaBIOS
 * copies it there itself (the shadow made writable: HaveRunPost is 0 again, the next start is a
 * POST), then asks the reset control register for a hard reset. QEMU takes the reset a few
 * instructions later (its vCPU may first reach acpi_reboot's second request: one or two RESET
 * events); fwlab stops the CPU at the 0xCF9 write.
 */
function hardReboot(wire: CpuWire, vars: ResumeVars, log: (line: string) => void): ProgramExit {
  log('Attempting a hard reboot');
  shadowBios(new PciConfig(wire), vars.chipset);
  clearResumeVars(wire);
  wire.out8(R.PORT_PCI_REBOOT, 0x02);
  wire.out8(R.PORT_PCI_REBOOT, 0x06);
  return { kind: 'halt', reason: 'the hard reboot through 0xCF9 did not reset the machine' };
}

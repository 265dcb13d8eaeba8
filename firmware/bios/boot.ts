/**
 * SeaBIOS's boot: the devices in the order QEMU wrote into CMOS (-boot order=, default "cad": hard
 * disk, floppy, CD-ROM), each tried in turn (boot.c do_boot): the first hard disk's sector 0 at
 * 0000:7C00 with the 55AAh check (boot_disk), the first diskette's the same way (the signature
 * checked unless CMOS 38h bit 0 says not), the CD-ROM's El Torito image (boot_cdrom). Network boot
 * ROMs are not modelled. The x86 core runs what it finds.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import { ahciDisk, openHardDisk, recordAhciDisk } from './disk.js';
import type { Disk } from './disk.js';
import type { SataDisk } from './sata.js';
import { cdDrive, cdIsReady, recordCdrom } from './cdrom.js';
import type { CdLocation } from './cdrom.js';
import { bootFromCdrom } from './eltorito.js';
import { bootEntry } from './boot-entry.js';
import { cmosBootOrder, cmosCheckFloppySignature } from '../cmos.js';
import { floppyDrives, floppyOp } from './floppy.js';

const BOOT_ADDR = 0x7c00;
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55;
const HARD_DISK = 0x80;
const FLOPPY = 0x00;
const CMOS_FLOPPY = 1;
const CMOS_HARD_DISK = 2;
const CMOS_CDROM = 3;

export interface BootDevices {
  /** The AHCI disk the POST brought up (q35); without it the IDE primary master is asked. */
  readonly sata?: SataDisk;
  readonly cdrom?: CdLocation;
}

function bootDisk(wire: CpuWire, disk: Disk, log: (line: string) => void): ProgramExit | undefined {
  log('Booting from Hard Disk...');
  if (disk.read(0, 1, BOOT_ADDR) !== 1 || wire.read16(BOOT_ADDR + SIGNATURE_OFFSET) !== SIGNATURE) {
    log('Boot failed: not a bootable disk');
    return undefined;
  }
  log(`Booting from 0000:${BOOT_ADDR.toString(16)}`);
  return bootEntry(0, BOOT_ADDR, HARD_DISK);
}

/** boot_disk(0x00): sector 0 of the first diskette through the int 13h path; undefined when it does not boot. */
function bootFloppy(wire: CpuWire, log: (line: string) => void): { exit: ProgramExit | undefined; medium: boolean } {
  const d = floppyDrives(wire)[0];
  if (!d) return { exit: undefined, medium: false };
  log('Booting from Floppy...');
  if (floppyOp(wire, d, 'read', 0, 1, BOOT_ADDR) !== 0) {
    log('Boot failed: could not read the boot disk');
    return { exit: undefined, medium: false };
  }
  if (cmosCheckFloppySignature(wire) && wire.read16(BOOT_ADDR + SIGNATURE_OFFSET) !== SIGNATURE) {
    log('Boot failed: not a bootable disk');
    return { exit: undefined, medium: true };
  }
  log(`Booting from 0000:${BOOT_ADDR.toString(16)}`);
  return { exit: bootEntry(0, BOOT_ADDR, FLOPPY), medium: true };
}

/**
 * Undefined when no device is there to boot (no disk, no CD-ROM with a medium, no diskette that reads): the firmware hands
 * over to the guest program as before. A device that is there but does not boot ends in "No bootable
 * device.".
 */
export function bootDevices(wire: CpuWire, log: (line: string) => void, devices: BootDevices): ProgramExit | undefined {
  const { sata, cdrom } = devices;
  if (sata) recordAhciDisk(wire, sata.disk, sata.geometry);
  if (cdrom) recordCdrom(wire, cdrom);
  const disk = sata ? ahciDisk(wire, sata.disk, sata.geometry) : openHardDisk(wire);
  if (disk) {
    const g = disk.geometry;
    wire.write8(BDA_BASE + BDA.diskCount, 1);
    const name = sata ? `AHCI/${sata.disk.port}` : 'ata0-0';
    log(`${name}: QEMU HARDDISK ATA-7 Hard-Disk (${g.sectors} sectors, CHS ${g.cylinders}/${g.heads}/${g.spt})`);
  }
  const cd = cdrom && cdDrive(wire, cdrom);
  const cdReady = cd !== undefined && cdIsReady(wire, cd, () => {});
  const floppy = floppyDrives(wire).length > 0;
  if (!disk && !cdReady && !floppy) return undefined;
  // A diskette drive without a medium (QEMU's default drive A) is no device to boot: with nothing
  // else there the firmware hands over as before.
  let floppyMedium = false;
  for (const device of cmosBootOrder(wire)) {
    let exit: ProgramExit | undefined;
    if (device === CMOS_FLOPPY && floppy) {
      const r = bootFloppy(wire, log);
      floppyMedium = r.medium;
      exit = r.exit;
    } else if (device === CMOS_HARD_DISK && disk) exit = bootDisk(wire, disk, log);
    else if (device === CMOS_CDROM && cd && cdReady) exit = bootFromCdrom(wire, cd, log);
    if (exit) return exit;
  }
  if (!disk && !cdReady && !floppyMedium) return undefined;
  log('No bootable device.');
  return { kind: 'halt', reason: 'No bootable device.' };
}

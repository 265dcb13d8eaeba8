/**
 * SeaBIOS's boot: the devices in bootorder's order, then in the order QEMU wrote into CMOS (-boot
 * order=, default "cad": hard disk, floppy, CD-ROM), each tried in turn (boot.c do_boot): the first hard disk's sector 0 at
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
import { BootPriorities, IPL, loadBootOrder, sortBootEntries } from './boot-order.js';
import type { BootEntry } from './boot-order.js';
import type { CmosBootDevice } from '../cmos.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import type { Chipset } from '../pci/chipset.js';
import { loadInt } from '../memory/ram.js';

const BOOT_FAIL_WAIT_FILE = 'etc/boot-fail-wait';
/** SeaBIOS's default when the file is absent: 60 s. */
const DEFAULT_BOOT_FAIL_WAIT = 60_000;

const BOOT_ADDR = 0x7c00;
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55;
const HARD_DISK = 0x80;
const FLOPPY = 0x00;
const CMOS_FLOPPY: CmosBootDevice = 1;
const CMOS_HARD_DISK: CmosBootDevice = 2;
const CMOS_CDROM: CmosBootDevice = 3;

export interface BootDevices {
  /** The AHCI disk the POST brought up (q35); without it the IDE primary master is asked. */
  readonly sata?: SataDisk;
  readonly cdrom?: CdLocation;
  /** Where `bootorder` and `etc/boot-fail-wait` come from. */
  readonly fwcfg?: FwCfg;
  readonly chipset: Chipset;
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

/** The PCI functions SeaBIOS names in its globs (build_pci_path with "*"): the IDE / AHCI function, the ISA bridge. */
function controllerPaths(chipset: BootDevices['chipset']): { ata: string; isa: string } {
  return chipset === 'q35' ? { ata: '/pci@i0cf8/*@1f,2', isa: '/pci@i0cf8/isa@1f' } : { ata: '/pci@i0cf8/*@1,1', isa: '/pci@i0cf8/isa@1' };
}

type Bootable = { kind: 'floppy' } | { kind: 'disk'; disk: Disk } | { kind: 'cd' } | { kind: 'halt' };

/**
 * Undefined when no device is there to boot (no disk, no CD-ROM with a medium, no diskette that reads): the firmware hands
 * over to the guest program as before. A device that is there but does not boot ends in "No bootable
 * device.". The order is SeaBIOS's (boot-order.ts): the bootorder file first, the CMOS order for the rest.
 */
export function bootDevices(wire: CpuWire, log: (line: string) => void, devices: BootDevices): ProgramExit | undefined {
  const { sata, cdrom } = devices;
  if (sata) recordAhciDisk(wire, sata.disk, sata.geometry);
  if (cdrom) recordCdrom(wire, cdrom);
  const prio = new BootPriorities(loadBootOrder(devices.fwcfg, log), cmosBootOrder(wire), log);
  const paths = controllerPaths(devices.chipset);
  const entries: Array<BootEntry<Bootable>> = [];
  // floppy_setup: each drive CMOS lists.
  const floppies = floppyDrives(wire);
  for (const d of floppies) {
    entries.push({ type: IPL.floppy, priority: prio.priority(CMOS_FLOPPY, `${paths.isa}/fdc@03f0/floppy@${d.unit}`), controller: d.unit, device: { kind: 'floppy' } });
  }
  // The virtio/NVMe set-up asks whether the order is strict before the ATA drives are found (after the AHCI ones).
  const askStrict = () => prio.find('HALT');
  if (devices.chipset !== 'q35') askStrict();
  const disk = sata ? ahciDisk(wire, sata.disk, sata.geometry) : openHardDisk(wire);
  const cd = cdrom && cdDrive(wire, cdrom);
  const ata: Array<{ cntl: number; add: () => void }> = [];
  if (disk) {
    const cntl = sata ? sata.disk.port : 0;
    ata.push({ cntl, add: () => {
      const g = disk.geometry;
      wire.write8(BDA_BASE + BDA.diskCount, 1);
      log(`${sata ? `AHCI/${sata.disk.port}` : 'ata0-0'}: QEMU HARDDISK ATA-7 Hard-Disk (${g.sectors} sectors, CHS ${g.cylinders}/${g.heads}/${g.spt})`);
      entries.push({ type: IPL.hardDisk, priority: drivePriority(prio, log, CMOS_HARD_DISK, ataGlob(paths.ata, cntl, !!sata)), controller: cntl, device: { kind: 'disk', disk } });
    } });
  }
  const cdReady = cd !== undefined && cdIsReady(wire, cd, () => {});
  if (cd) {
    const cntl = cd.controller * 2 + cd.device;
    ata.push({ cntl, add: () => {
      const p = drivePriority(prio, log, CMOS_CDROM, ataGlob(paths.ata, cntl, devices.chipset === 'q35'));
      if (cdReady) entries.push({ type: IPL.cdrom, priority: p, controller: cntl, device: { kind: 'cd' } });
    } });
  }
  for (const a of ata.sort((x, y) => x.cntl - y.cntl)) a.add();
  if (devices.chipset === 'q35') askStrict();
  const floppy = floppies.length > 0;
  if (!disk && !cdReady && !floppy) return undefined;
  // bcv_prepboot
  const halt = prio.find('HALT');
  if (halt >= 0) entries.push({ type: IPL.halt, priority: halt, controller: 0, device: { kind: 'halt' } });
  // A diskette drive without a medium (QEMU's default drive A) is no device to boot: with nothing
  // else there the firmware hands over as before.
  let floppyMedium = false;
  let triedFloppy = false;
  let triedDisk = false;
  for (const { device } of sortBootEntries(entries)) {
    let exit: ProgramExit | undefined;
    if (device.kind === 'floppy') {
      if (triedFloppy) continue;
      triedFloppy = true;
      const r = bootFloppy(wire, log);
      floppyMedium = r.medium;
      exit = r.exit;
    } else if (device.kind === 'disk') {
      if (triedDisk) continue;
      triedDisk = true;
      exit = bootDisk(wire, device.disk, log);
    } else if (device.kind === 'cd' && cd) exit = bootFromCdrom(wire, cd, log);
    else if (device.kind === 'halt') return bootFail(devices.fwcfg, log);
    if (exit) return exit;
  }
  if (!disk && !cdReady && !floppyMedium) return undefined;
  return bootFail(devices.fwcfg, log);
}

/** An ATA (pc: channel/unit) or AHCI (q35: port) drive's glob, as SeaBIOS's build_ata_path. */
function ataGlob(controller: string, cntl: number, ahci: boolean): string {
  return ahci ? `${controller}/drive@${cntl.toString(16)}/disk@0` : `${controller}/drive@${cntl >> 1}/disk@${cntl & 1}`;
}

/** A drive's bootorder search, then its bios-geometry one (fwlab serves that file empty, as QEMU does without lcyls). */
function drivePriority(prio: BootPriorities, log: (line: string) => void, type: CmosBootDevice, glob: string): number {
  const p = prio.priority(type, glob);
  log(`Searching bios-geometry for: ${glob}`);
  return p;
}

/** boot_fail: etc/boot-fail-wait -1 (QEMU's default) waits for ever; otherwise SeaBIOS reboots after it (not modelled: the machine halts). */
function bootFail(fwcfg: FwCfg | undefined, log: (line: string) => void): ProgramExit {
  const wait = loadInt(fwcfg, BOOT_FAIL_WAIT_FILE, DEFAULT_BOOT_FAIL_WAIT) >>> 0;
  log(wait === 0xffffffff ? 'No bootable device.' : `No bootable device.  Retrying in ${Math.floor(wait / 1000)} seconds.`);
  return { kind: 'halt', reason: 'No bootable device.' };
}

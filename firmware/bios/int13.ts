/**
 * int 13h for the hard disk 80h (the AHCI disk on q35, the primary IDE master on pc), with SeaBIOS 1.16.2's results
 * (src/disk.c): status in AH and BDA 74h, CF on error, CHS from the disk's IDENTIFY geometry,
 * the EDD 3.0 extensions 41h-43h and 48h; the diskettes 00h/01h (int13-floppy.ts), the CD-ROM E0h
 * (int13-cdrom.ts), El Torito's 4Bh and its emulated drive (int13-cdemu.ts: 00h or 80h, the real drives
 * of that class one number up).
 * Other drives and functions answer "invalid parameter".
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';
import type { AtaGeometry } from './ata-pio.js';
import { openHardDisk } from './disk.js';
import type { Disk } from './disk.js';
import { CD_DRIVE } from './eltorito.js';
import { activeEmulation, elToritoStatus } from './cdemu.js';
import { emulatedDriveCount, int13Cdemu, retByDrive } from './int13-cdemu.js';
import { openCdrom } from './cdrom.js';
import { int13Cdrom } from './int13-cdrom.js';
import { int13Floppy } from './int13-floppy.js';
import { BDA_DISK_LAST_STATUS, ret, RET_EPARAM, RET_SUCCESS, eddPresent } from './disk-ret.js';

/** SeaBIOS's DISK_RET_* codes (disk.h). */
const RET_EBOUNDARY = 0x09;
const RET_ECONTROLLER = 0x20;
const HARD_DISK = 0x80;
const MAX_CHS_COUNT = 128;
const SECTOR = 512;
/** The EDD 1.x drive parameter table SeaBIOS fills without DPTE (size 1Ah). */
const EDD_TABLE_SIZE = 0x1a;

type Op = 'read' | 'write' | 'verify';


function transfer(disk: Disk, op: Op, lba: number, count: number, addr: number): number {
  if (op === 'verify') return count;
  let done = 0;
  while (done < count) {
    const n = Math.min(256, count - done);
    const moved = op === 'read' ? disk.read(lba + done, n, addr + done * SECTOR) : disk.write(lba + done, n, addr + done * SECTOR);
    done += moved;
    if (moved < n) break;
  }
  return done;
}

function basicAccess(wire: CpuWire, f: BiosFrame, disk: Disk, op: Op): void {
  const g = disk.lchs;
  const count = f.lo('eax');
  const cl = f.lo('ecx');
  const cylinder = f.hi('ecx') | ((cl << 2) & 0x300);
  const sector = cl & 0x3f;
  const head = f.hi('edx');
  if (count > MAX_CHS_COUNT || count === 0 || sector === 0 || cylinder >= g.cylinders || head >= g.heads || sector > g.spt) {
    return ret(wire, f, RET_EPARAM);
  }
  const lba = (cylinder * g.heads + head) * g.spt + sector - 1;
  const done = transfer(disk, op, lba, count, f.linear('es', f.get16('ebx')));
  f.setLo('eax', done);
  ret(wire, f, done === count ? RET_SUCCESS : RET_ECONTROLLER);
}

/** AH=42h/43h/44h: the disk address packet at DS:SI (count +2, buffer seg:off +4, LBA +8). */
function extendedAccess(wire: CpuWire, f: BiosFrame, disk: Disk, op: Op): void {
  const g = disk.geometry;
  const dap = f.linear('ds', f.get16('esi'));
  const lba = Number(wire.read64(dap + 8));
  if (lba >= g.sectors) return ret(wire, f, RET_EPARAM);
  const count = wire.read16(dap + 2);
  if (count === 0) return ret(wire, f, RET_SUCCESS);
  const addr = wire.read16(dap + 6) * 16 + wire.read16(dap + 4);
  const done = transfer(disk, op, lba, Math.min(count, g.sectors - lba), addr);
  wire.write16(dap + 2, done);
  ret(wire, f, done === count ? RET_SUCCESS : RET_EBOUNDARY);
}

/** AH=48h: the drive parameters (EDD 1.x table; SeaBIOS's fill_edd without the DPTE part). */
function driveParameters(wire: CpuWire, f: BiosFrame, g: AtaGeometry): void {
  const at = f.linear('ds', f.get16('esi'));
  if (wire.read16(at) < EDD_TABLE_SIZE) return ret(wire, f, RET_EPARAM);
  wire.write16(at, EDD_TABLE_SIZE);
  wire.write16(at + 2, 0x02);
  wire.write32(at + 4, g.cylinders);
  wire.write32(at + 8, g.heads);
  wire.write32(at + 12, g.spt);
  wire.write64(at + 16, BigInt(g.sectors));
  wire.write16(at + 24, SECTOR);
  ret(wire, f, RET_SUCCESS);
}

export function int13(wire: CpuWire, f: BiosFrame): void {
  // El Torito's AH=4Bh answers on any drive number (SeaBIOS's handle_13 takes it first).
  if (f.hi('eax') === 0x4b) {
    elToritoStatus(wire, f.linear('ds', f.get16('esi')), f.lo('eax') === 0);
    return retByDrive(wire, f, RET_SUCCESS);
  }
  let drive = f.lo('edx');
  const emu = activeEmulation(wire);
  if (emu) {
    const cd = openCdrom(wire);
    if (drive === emu.drive && cd) {
      // Only the old-style functions on the emulated drive.
      if (f.hi('eax') > 0x16) return retByDrive(wire, f, RET_EPARAM);
      return int13Cdemu(wire, f, cd, emu);
    }
    if (drive < CD_DRIVE && ((emu.drive ^ drive) & 0x80) === 0) drive--;
  }
  if (drive === CD_DRIVE) return int13Cdrom(wire, f);
  if (drive < HARD_DISK) return int13Floppy(wire, f, drive);
  const disk = drive === HARD_DISK ? openHardDisk(wire) : undefined;
  if (!disk) return ret(wire, f, RET_EPARAM);
  const g = disk.lchs;
  switch (f.hi('eax')) {
    case 0x00: return ret(wire, f, RET_SUCCESS);
    case 0x01: {
      const v = wire.read8(BDA_BASE + BDA_DISK_LAST_STATUS);
      f.setHi('eax', v);
      f.setFlag(1, v !== 0);
      return;
    }
    case 0x02: return basicAccess(wire, f, disk, 'read');
    case 0x03: return basicAccess(wire, f, disk, 'write');
    case 0x04: return basicAccess(wire, f, disk, 'verify');
    case 0x08: {
      const nlc = (g.cylinders - 2) & 0xffff; // SeaBIOS reserves the last cylinder (u16: a 1-cylinder disk wraps)
      f.setLo('eax', 0);
      f.setHi('ecx', nlc & 0xff);
      f.setLo('ecx', ((nlc >> 2) & 0xc0) | (g.spt & 0x3f));
      f.setHi('edx', g.heads - 1);
      ret(wire, f, RET_SUCCESS);
      f.setLo('edx', emulatedDriveCount(wire, f.lo('edx'), wire.read8(BDA_BASE + BDA.diskCount)));
      return;
    }
    case 0x15: {
      const lba = (g.cylinders - 1) * g.heads * g.spt;
      ret(wire, f, RET_SUCCESS);
      f.set16('ecx', lba >>> 16);
      f.set16('edx', lba & 0xffff);
      f.setHi('eax', 3);
      return;
    }
    case 0x41: return eddPresent(wire, f);
    case 0x42: return extendedAccess(wire, f, disk, 'read');
    case 0x43: return extendedAccess(wire, f, disk, 'write');
    case 0x48: return driveParameters(wire, f, disk.geometry);
    default: return ret(wire, f, RET_EPARAM);
  }
}

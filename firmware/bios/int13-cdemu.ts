/**
 * int 13h on the drive El Torito emulates (00h for a diskette image, 80h for a hard-disk image), as
 * SeaBIOS 1.16.2's handle_13 hands it to disk_13 with the CDEmu drive: functions above 16h are
 * refused, reads come from the CD (cdemu.ts), writes and formats are write-protected, reset, verify,
 * seek and the ready check succeed without the device, the geometry is CDEmu's. The status goes to
 * BDA 41h for a diskette number and 74h for a hard disk one (disk_ret by DL).
 * Checked from x86 code by guest-images/cdemu-floppy.iso and cdemu-hd.iso.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';
import { CDEMU, CDEMU_ADDR, cdemuRead } from './cdemu.js';
import type { Emulation } from './cdemu.js';
import type { CdDrive } from './cdrom.js';
import { floppyDrives } from './floppy.js';
import { DISKETTE_PARAM_TABLE2_ADDR } from './layout.js';
import { BDA_DISK_LAST_STATUS, RET_EPARAM, RET_SUCCESS } from './disk-ret.js';

const RET_EWRITEPROTECT = 0x03;
const RET_ECHANGED = 0x06;
const HARD_DISK = 0x80;
const MAX_CHS_COUNT = 128;

/** SeaBIOS's disk_ret: the status byte of the drive class DL names. */
export function retByDrive(wire: CpuWire, f: BiosFrame, status: number): void {
  wire.write8(BDA_BASE + (f.lo('edx') < HARD_DISK ? BDA.floppyLastStatus : BDA_DISK_LAST_STATUS), status);
  f.setHi('eax', status);
  f.setFlag(1, status !== RET_SUCCESS);
}

/** disk_1308's drive count while an emulation is on: one more of the emulated class, at most two diskettes. */
export function emulatedDriveCount(wire: CpuWire, dl: number, count: number): number {
  const media = wire.read8(CDEMU_ADDR + CDEMU.media);
  if (!media) return count;
  if (((wire.read8(CDEMU_ADDR + CDEMU.emulatedDrive) ^ dl) & 0x80) === 0) count++;
  return dl < HARD_DISK && count > 2 ? 2 : count;
}

function basicAccess(wire: CpuWire, f: BiosFrame, cd: CdDrive, emu: Emulation, op: 'read' | 'write' | 'verify'): void {
  const count = f.lo('eax');
  const cl = f.lo('ecx');
  const cylinder = f.hi('ecx') | ((cl << 2) & 0x300);
  const sector = cl & 0x3f;
  const head = f.hi('edx');
  if (count > MAX_CHS_COUNT || count === 0 || sector === 0) return retByDrive(wire, f, RET_EPARAM);
  if (cylinder >= emu.cylinders || head >= emu.heads || sector > emu.spt) return retByDrive(wire, f, RET_EPARAM);
  const lba = (cylinder * emu.heads + head) * emu.spt + sector - 1;
  const r = op === 'read' ? cdemuRead(wire, cd, emu, lba, count, f.linear('es', f.get16('ebx')))
    : op === 'write' ? { status: RET_EWRITEPROTECT, count: 0 } : { status: RET_SUCCESS, count };
  f.setLo('eax', r.count);
  retByDrive(wire, f, r.status);
}

export function int13Cdemu(wire: CpuWire, f: BiosFrame, cd: CdDrive, emu: Emulation): void {
  const floppy = f.lo('edx') < HARD_DISK;
  switch (f.hi('eax')) {
    case 0x00: case 0x09: case 0x0c: case 0x0d: case 0x10: case 0x11: case 0x14:
      return retByDrive(wire, f, RET_SUCCESS);
    case 0x01: {
      const v = wire.read8(BDA_BASE + (floppy ? BDA.floppyLastStatus : BDA_DISK_LAST_STATUS));
      f.setHi('eax', v);
      f.setFlag(1, v !== 0);
      return;
    }
    case 0x02: return basicAccess(wire, f, cd, emu, 'read');
    case 0x03: return basicAccess(wire, f, cd, emu, 'write');
    case 0x04: return basicAccess(wire, f, cd, emu, 'verify');
    case 0x05: {
      const count = f.lo('eax');
      const bad = f.hi('ecx') >= emu.cylinders || f.hi('edx') >= emu.heads || count === 0 || count > emu.spt;
      return retByDrive(wire, f, bad ? RET_EPARAM : RET_EWRITEPROTECT);
    }
    case 0x08: {
      let nlc = emu.cylinders - 1;
      let count: number;
      if (floppy) {
        count = floppyDrives(wire).length;
        f.set16('ebx', emu.media * 2);
        f.setSeg('es', 0xf000);
        f.set16('edi', DISKETTE_PARAM_TABLE2_ADDR - 0xf0000);
      } else {
        count = wire.read8(BDA_BASE + BDA.diskCount);
        nlc--; // last cylinder reserved
      }
      count = emulatedDriveCount(wire, f.lo('edx'), count);
      f.setLo('eax', 0);
      f.setHi('ecx', nlc & 0xff);
      f.setLo('ecx', ((nlc >> 2) & 0xc0) | (emu.spt & 0x3f));
      f.setHi('edx', emu.heads - 1);
      retByDrive(wire, f, RET_SUCCESS);
      f.setLo('edx', count);
      return;
    }
    case 0x15: {
      retByDrive(wire, f, RET_SUCCESS);
      if (floppy) return f.setHi('eax', 1);
      const lba = (emu.cylinders - 1) * emu.heads * emu.spt;
      f.set16('ecx', lba >>> 16);
      f.set16('edx', lba & 0xffff);
      f.setHi('eax', 3);
      return;
    }
    case 0x16: return retByDrive(wire, f, floppy ? RET_ECHANGED : RET_EPARAM);
    default: return retByDrive(wire, f, RET_EPARAM);
  }
}

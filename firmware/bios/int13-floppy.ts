/**
 * int 13h on the diskette drives 00h/01h, as SeaBIOS 1.16.2's floppy_13 and disk_13 answer them:
 * AH=00h-05h, 08h, 15h, 16h (everything else "invalid parameter"); CHS checked against the drive
 * type's geometry, the status in AH and BDA 41h, CF on error, AL the sectors moved.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';
import { floppyDrives, floppyOp, floppyReset, RET, SECTOR } from './floppy.js';
import type { FloppyDrive, FloppyOp } from './floppy.js';
import { DISKETTE_PARAM_TABLE2_ADDR } from './layout.js';
import { emulatedDriveCount } from './int13-cdemu.js';

const MAX_CHS_COUNT = 128;
const MAX_BYTES = 64 * 1024;

/** disk_ret for a diskette: the status in AH and BDA 41h, CF when it is not success. */
function ret(wire: CpuWire, f: BiosFrame, status: number): void {
  wire.write8(BDA_BASE + BDA.floppyLastStatus, status);
  f.setHi('eax', status);
  f.setFlag(1, status !== RET.success);
}

/** send_disk_op's process_op: too large a transfer, or an error with nothing counted, leaves AL 0. */
function sendOp(wire: CpuWire, d: FloppyDrive, op: FloppyOp, lba: number, count: number, addr: number): { status: number; count: number } {
  if (op !== 'format' && count * SECTOR > MAX_BYTES) return { status: RET.eboundary, count: 0 };
  const status = floppyOp(wire, d, op, lba, count, addr);
  return { status, count: status ? 0 : count };
}

/** basic_access: AL sectors at CH/CL/DH into ES:BX. */
function basicAccess(wire: CpuWire, f: BiosFrame, d: FloppyDrive, op: FloppyOp): void {
  const count = f.lo('eax');
  const cl = f.lo('ecx');
  const cylinder = f.hi('ecx') | ((cl << 2) & 0x300);
  const sector = cl & 0x3f;
  const head = f.hi('edx');
  const g = d.chs;
  if (count > MAX_CHS_COUNT || count === 0 || sector === 0 || cylinder >= g.cylinders || head >= g.heads || sector > g.spt) {
    return ret(wire, f, RET.eparam);
  }
  const lba = (cylinder * g.heads + head) * g.spt + sector - 1;
  const r = sendOp(wire, d, op, lba, count, f.linear('es', f.get16('ebx')));
  f.setLo('eax', r.count);
  ret(wire, f, r.status);
}

/** disk_1305: format the track CH/DH with AL sectors, the address fields at ES:BX. */
function formatTrack(wire: CpuWire, f: BiosFrame, d: FloppyDrive): void {
  const count = f.lo('eax');
  const cylinder = f.hi('ecx');
  const head = f.hi('edx');
  const g = d.chs;
  if (cylinder >= g.cylinders || head >= g.heads || count === 0 || count > g.spt) return ret(wire, f, RET.eparam);
  const lba = (cylinder * g.heads + head) * g.spt;
  ret(wire, f, sendOp(wire, d, 'format', lba, count, f.linear('es', f.get16('ebx'))).status);
}

/** `drive`: the diskette DL names (one less than DL while El Torito emulates drive 00h). */
export function int13Floppy(wire: CpuWire, f: BiosFrame, drive: number): void {
  const drives = floppyDrives(wire);
  const d = drives[drive];
  if (!d) return ret(wire, f, RET.eparam);
  switch (f.hi('eax')) {
    case 0x00: return ret(wire, f, floppyReset(wire));
    case 0x01: {
      const v = wire.read8(BDA_BASE + BDA.floppyLastStatus);
      f.setHi('eax', v);
      f.setFlag(1, v !== 0);
      return;
    }
    case 0x02: return basicAccess(wire, f, d, 'read');
    case 0x03: return basicAccess(wire, f, d, 'write');
    case 0x04: return basicAccess(wire, f, d, 'verify');
    case 0x05: return formatTrack(wire, f, d);
    case 0x08: {
      const nlc = d.chs.cylinders - 1;
      f.setLo('eax', 0);
      f.set16('ebx', d.type);
      f.setSeg('es', 0xf000);
      f.set16('edi', DISKETTE_PARAM_TABLE2_ADDR - 0xf0000);
      f.setHi('ecx', nlc & 0xff);
      f.setLo('ecx', ((nlc >> 2) & 0xc0) | (d.chs.spt & 0x3f));
      f.setHi('edx', d.chs.heads - 1);
      ret(wire, f, RET.success);
      f.setLo('edx', emulatedDriveCount(wire, f.lo('edx'), drives.length));
      return;
    }
    case 0x15:
      ret(wire, f, RET.success);
      f.setHi('eax', 1);
      return;
    case 0x16: return ret(wire, f, RET.echanged);
    default: return ret(wire, f, RET.eparam);
  }
}

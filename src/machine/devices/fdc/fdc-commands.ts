/**
 * The 82078 command set as QEMU 7.2's isa-fdc answers it: each opcode's parameter count and its
 * execution. The opcode is matched as QEMU's table does (value under a mask, the first entry
 * winning), so the MT/MFM/SK modifier bits select the same command.
 */
import { FDC_CMD, FDC_DOR, FDC_DSR, FDC_MSR, FDC_ST0, FDC_ST1 } from '../../../spec/fdc.js';
import { Dir, Phase } from './fdc-phase.js';
import type { FdcCommandSet, IsaFdc } from './isa-fdc.js';
import { SEEK_BAD_SECTOR, SEEK_BAD_TRACK, SEEK_MOVED } from './floppy-drive.js';

type Handler = (c: IsaFdc, dir: Dir) => void;

export interface FdcCommand {
  readonly value: number;
  readonly mask: number;
  readonly name: string;
  readonly parameters: number;
  readonly handler: Handler;
  readonly dir: Dir;
}

/** READ ID completes after 20 ms of virtual time (QEMU's result timer: "pretend we are spinning"). */
const READ_ID_NS = 1e9 / 50;
const PART_ID_STEPPING = 0x41;

function invalid(c: IsaFdc): void {
  c.fifo[0] = FDC_ST0.invalid;
  c.toResultPhase(1);
}

function selectDrive(c: IsaFdc): void {
  c.curDrv = c.fifo[1]! & 1;
}

/** READ/WRITE/VERIFY/SCAN DATA: seek to C/H/R, check the data rate, then DMA or the FIFO. */
function startTransfer(c: IsaFdc, dir: Dir): void {
  selectDrive(c);
  const d = c.cur;
  const kt = c.fifo[2]!;
  const kh = c.fifo[3]!;
  const ks = c.fifo[4]!;
  const fail = (st1: number): void => {
    c.stopTransfer(FDC_ST0.abnormal, st1, 0);
    c.fifo[3] = kt;
    c.fifo[4] = kh;
    c.fifo[5] = ks;
  };
  const r = d.seek(kh, kt, ks);
  if (r === SEEK_BAD_TRACK) return fail(0);
  if (r === SEEK_BAD_SECTOR) return fail(FDC_ST1.endOfCylinder);
  if (r === SEEK_MOVED) c.status0 |= FDC_ST0.seekEnd;
  if ((c.dsr & FDC_DSR.rateMask) !== d.mediaRate) return fail(FDC_ST1.missingAddress);
  c.dataDir = dir;
  c.dataPos = 0;
  c.setMultiTrack((c.fifo[0]! & 0x80) !== 0);
  if (c.fifo[5] === 0) {
    c.dataLen = c.fifo[8]!;
  } else {
    let sectors = c.fifo[6]! - ks + 1;
    if (c.fifo[0]! & 0x80) sectors += c.fifo[6]!;
    c.dataLen = (128 << Math.min(c.fifo[5]!, 7)) * sectors;
  }
  c.eot = c.fifo[6]!;
  if (c.dor & FDC_DOR.dmaEnable) {
    c.msr &= ~FDC_MSR.rqm;
    if (dir !== Dir.Verify) c.holdDreq();
    else c.dmaTransfer(0, c.dataLen);
    return;
  }
  c.msr |= FDC_MSR.nonDma | FDC_MSR.rqm;
  if (dir !== Dir.Write) c.msr |= FDC_MSR.dio;
  c.raiseIrq();
}

/** READ/WRITE DELETED DATA: not modelled by QEMU, which ends them at once. */
function startTransferDeleted(c: IsaFdc): void {
  c.stopTransfer(FDC_ST0.abnormal | FDC_ST0.seekEnd, 0, 0);
}

function lock(c: IsaFdc): void {
  c.lock = c.fifo[0]! & 0x80 ? 1 : 0;
  c.fifo[0] = c.lock << 4;
  c.toResultPhase(1);
}

function dumpreg(c: IsaFdc): void {
  const d = c.cur;
  c.fifo.set([c.drive(0).track, c.drive(1).track, 0, 0, c.timer0, (c.timer1 << 1) | (c.dor & FDC_DOR.dmaEnable ? 1 : 0),
    d.lastSect, (c.lock << 7) | (d.perpendicular << 2), c.config, c.precompTrk]);
  c.toResultPhase(10);
}

function version(c: IsaFdc): void {
  c.fifo[0] = c.version;
  c.toResultPhase(1);
}

function partId(c: IsaFdc): void {
  c.fifo[0] = PART_ID_STEPPING;
  c.toResultPhase(1);
}

function restore(c: IsaFdc): void {
  const d = c.cur;
  c.drive(0).track = c.fifo[3]!;
  c.drive(1).track = c.fifo[4]!;
  c.timer0 = c.fifo[7]!;
  c.timer1 = c.fifo[8]!;
  d.lastSect = c.fifo[9]!;
  c.lock = c.fifo[10]! >> 7;
  d.perpendicular = (c.fifo[10]! >> 2) & 0xf;
  c.config = c.fifo[11]!;
  c.precompTrk = c.fifo[12]!;
  c.pwrd = c.fifo[13]!;
  c.toCommandPhase();
}

function save(c: IsaFdc): void {
  const d = c.cur;
  c.fifo.set([0, 0, c.drive(0).track, c.drive(1).track, 0, 0, c.timer0, c.timer1, d.lastSect,
    (c.lock << 7) | (d.perpendicular << 2), c.config, c.precompTrk, c.pwrd, 0, 0]);
  c.toResultPhase(15);
}

function readId(c: IsaFdc): void {
  c.cur.head = (c.fifo[1]! >> 2) & 1;
  c.scheduleReadIdResult(READ_ID_NS);
}

/** FORMAT TRACK: QEMU takes the sectors-per-track byte as the drive's geometry and formats nothing. */
function formatTrack(c: IsaFdc): void {
  selectDrive(c);
  c.setMultiTrack((c.fifo[0]! & 0x80) !== 0);
  c.cur.lastSect = c.fifo[3]!;
  c.stopTransfer(0, 0, 0);
}

function specify(c: IsaFdc): void {
  c.timer0 = (c.fifo[1]! >> 4) & 0xf;
  c.timer1 = c.fifo[2]! >> 1;
  if (c.fifo[2]! & 1) c.dor &= ~FDC_DOR.dmaEnable;
  else c.dor |= FDC_DOR.dmaEnable;
  c.toCommandPhase();
}

function senseDriveStatus(c: IsaFdc): void {
  selectDrive(c);
  const d = c.cur;
  d.head = (c.fifo[1]! >> 2) & 1;
  c.fifo[0] = ((d.readOnly ? 1 : 0) << 6) | (d.track === 0 ? 0x10 : 0) | (d.head << 2) | c.curDrv | 0x28;
  c.toResultPhase(1);
}

function seekDone(c: IsaFdc): void {
  c.status0 |= FDC_ST0.seekEnd;
  c.raiseIrq();
}

function recalibrate(c: IsaFdc): void {
  selectDrive(c);
  c.cur.recalibrate();
  c.toCommandPhase();
  seekDone(c);
}

function senseInterrupt(c: IsaFdc): void {
  const d = c.cur;
  if (c.resetSensei > 0) {
    c.fifo[0] = FDC_ST0.readyChange + 4 - c.resetSensei;
    c.resetSensei--;
  } else if (!c.irqPending) {
    c.fifo[0] = FDC_ST0.invalid;
    c.toResultPhase(1);
    return;
  } else {
    c.fifo[0] = (c.status0 & ~(FDC_ST0.head | 0x03)) | c.curDrv;
  }
  c.fifo[1] = d.track;
  c.toResultPhase(2);
  c.resetIrq();
  c.status0 = FDC_ST0.readyChange;
}

function seek(c: IsaFdc): void {
  selectDrive(c);
  const d = c.cur;
  c.toCommandPhase();
  // SEEK steps the head whether or not a medium is there.
  d.seek(d.head, c.fifo[2]!, d.sect);
  seekDone(c);
}

function perpendicularMode(c: IsaFdc): void {
  if (c.fifo[1]! & 0x80) c.cur.perpendicular = c.fifo[1]! & 0x7;
  c.toCommandPhase();
}

function configure(c: IsaFdc): void {
  c.config = c.fifo[2]!;
  c.precompTrk = c.fifo[3]!;
  c.toCommandPhase();
}

function powerdownMode(c: IsaFdc): void {
  c.pwrd = c.fifo[1]!;
  c.fifo[0] = c.fifo[1]!;
  c.toResultPhase(1);
}

function option(c: IsaFdc): void {
  c.toCommandPhase();
}

/** DRIVE SPECIFICATION: QEMU looks only at the last byte it got; without bit 7 it waits for nothing more. */
function driveSpecification(c: IsaFdc): void {
  const last = c.fifo[(c.dataPos - 1) % c.fifo.length]!;
  if (last & 0x80) {
    if (last & 0x40) {
      c.fifo[0] = c.fifo[1]!;
      c.fifo[2] = 0;
      c.fifo[3] = 0;
      c.toResultPhase(4);
    } else {
      c.toCommandPhase();
    }
  } else if (c.dataLen > 7) {
    c.fifo[0] = 0x80 | (c.cur.head << 2) | c.curDrv;
    c.toResultPhase(1);
  }
}

function relativeSeekIn(c: IsaFdc): void {
  selectDrive(c);
  const d = c.cur;
  if (c.fifo[2]! + d.track >= d.maxTrack) d.seek(d.head, (d.maxTrack - 1) & 0xff, d.sect);
  else d.seek(d.head, d.track + c.fifo[2]!, d.sect);
  c.toCommandPhase();
  seekDone(c);
}

function relativeSeekOut(c: IsaFdc): void {
  selectDrive(c);
  const d = c.cur;
  if (c.fifo[2]! > d.track) d.seek(d.head, 0, d.sect);
  else d.seek(d.head, d.track - c.fifo[2]!, d.sect);
  c.toCommandPhase();
  seekDone(c);
}

const cmd = (value: number, mask: number, name: string, parameters: number, handler: Handler, dir: Dir = Dir.Write): FdcCommand =>
  ({ value, mask, name, parameters, handler, dir });
const C = FDC_CMD;

/** QEMU's handler table, in its order: the first entry whose value matches under its mask wins. */
const COMMANDS: readonly FdcCommand[] = [
  cmd(C.read, 0x1f, 'READ', 8, startTransfer, Dir.Read),
  cmd(C.write, 0x3f, 'WRITE', 8, startTransfer, Dir.Write),
  cmd(C.seek, 0xff, 'SEEK', 2, seek),
  cmd(C.senseInterrupt, 0xff, 'SENSE INTERRUPT STATUS', 0, senseInterrupt),
  cmd(C.recalibrate, 0xff, 'RECALIBRATE', 1, recalibrate),
  cmd(C.formatTrack, 0xbf, 'FORMAT TRACK', 5, formatTrack),
  cmd(C.readTrack, 0xbf, 'READ TRACK', 8, startTransfer, Dir.Read),
  cmd(C.restore, 0xff, 'RESTORE', 17, restore),
  cmd(C.save, 0xff, 'SAVE', 0, save),
  cmd(C.readDeleted, 0x1f, 'READ DELETED DATA', 8, startTransferDeleted, Dir.Read),
  cmd(C.scanEqual, 0x1f, 'SCAN EQUAL', 8, startTransfer, Dir.ScanE),
  cmd(C.verify, 0x1f, 'VERIFY', 8, startTransfer, Dir.Verify),
  cmd(C.scanLowOrEqual, 0x1f, 'SCAN LOW OR EQUAL', 8, startTransfer, Dir.ScanL),
  cmd(C.scanHighOrEqual, 0x1f, 'SCAN HIGH OR EQUAL', 8, startTransfer, Dir.ScanH),
  cmd(C.writeDeleted, 0x3f, 'WRITE DELETED DATA', 8, startTransferDeleted, Dir.Write),
  cmd(C.readId, 0xbf, 'READ ID', 1, readId),
  cmd(C.specify, 0xff, 'SPECIFY', 2, specify),
  cmd(C.senseDriveStatus, 0xff, 'SENSE DRIVE STATUS', 1, senseDriveStatus),
  cmd(C.perpendicularMode, 0xff, 'PERPENDICULAR MODE', 1, perpendicularMode),
  cmd(C.configure, 0xff, 'CONFIGURE', 3, configure),
  cmd(C.powerdownMode, 0xff, 'POWERDOWN MODE', 2, powerdownMode),
  cmd(C.option, 0xff, 'OPTION', 1, option),
  cmd(C.driveSpecification, 0xff, 'DRIVE SPECIFICATION COMMAND', 5, driveSpecification),
  cmd(C.relativeSeekOut, 0xff, 'RELATIVE SEEK OUT', 2, relativeSeekOut),
  cmd(C.formatAndWrite, 0xff, 'FORMAT AND WRITE', 10, invalid),
  cmd(C.relativeSeekIn, 0xff, 'RELATIVE SEEK IN', 2, relativeSeekIn),
  cmd(C.lock, 0x7f, 'LOCK', 0, lock),
  cmd(C.dumpreg, 0xff, 'DUMPREG', 0, dumpreg),
  cmd(C.version, 0xff, 'VERSION', 0, version),
  cmd(C.partId, 0xff, 'PART ID', 0, partId),
  // Not in the data sheet: WRITE without the MT bit's neighbour checked (QEMU keeps it for BeOS 4.5).
  cmd(C.write, 0x1f, 'WRITE (BeOS)', 8, startTransfer, Dir.Write),
];
const UNKNOWN = cmd(0, 0, 'unknown', 0, invalid);
const BY_OPCODE: readonly FdcCommand[] = Array.from({ length: 256 }, (_, op) => COMMANDS.find((c) => (op & c.mask) === c.value) ?? UNKNOWN);

export function commandOf(opcode: number): FdcCommand {
  return BY_OPCODE[opcode & 0xff]!;
}

/** QEMU 7.2's command set for the controller. */
export const FDC_COMMANDS: FdcCommandSet = {
  parameters: (opcode) => commandOf(opcode).parameters,
  execute: (c, opcode) => {
    if (c.phase !== Phase.Execution) return;
    const command = commandOf(opcode);
    command.handler(c, command.dir);
  },
};

/**
 * The diskette driver of SeaBIOS 1.16.2 (src/hw/floppy.c) for the ISA floppy controller at 0x3F0:
 * drive types from CMOS 10h with SeaBIOS's geometry table, the controller enabled through the DOR,
 * commands sent byte by byte as the MSR allows, recalibrate and media sense (READ ID at each
 * data rate the drive type allows) before the first transfer, seeks when the cylinder changes,
 * and READ/WRITE DATA through ISA DMA channel 2 with the 64 KiB boundary check. The state SeaBIOS
 * keeps lives where it keeps it: the BDA's diskette bytes, and its FloppyDOR (here in the EBDA).
 *
 * SeaBIOS waits for IRQ 6 (its handler sets BDA 3Eh bit 7); this driver waits for the controller's
 * RQM instead, spending virtual time while it is busy (READ ID takes 20 ms on QEMU's), and leaves
 * IRQ 6 masked, so the BDA holds the same bytes after each call.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE, EBDA_FWLAB, EBDA_SEGMENT } from '../../src/spec/bios-data-area.js';
import { DMA1, FDC_CMD, FDC_MFM, FDC_MSR, FDC_MT, FDC_REG, FDC_SIZE_CODE_512, FDC_SK } from '../../src/spec/fdc.js';
import { cmosFloppyTypes } from '../cmos.js';
import { Console } from '../console.js';

const PORT_FD = 0x3f0;
const PORT_DMA_ADDR_2 = 0x04;
const PORT_DMA_CNT_2 = 0x05;
const PORT_DMA_PAGE_2 = 0x81;
const DMA_MASK_CHANNEL_2 = 0x06;
const DMA_UNMASK_CHANNEL_2 = 0x02;
const DMA_MODE_READ = 0x46;
const DMA_MODE_WRITE = 0x4a;

export const RET = { success: 0x00, eparam: 0x01, ewriteProtect: 0x03, echanged: 0x06, eboundary: 0x09, econtroller: 0x20, etimeout: 0x80, emedia: 0xc0 } as const;

const MOTOR_TICKS = 37;
const GAP_LEN = 0x1b;
const FORMAT_GAP_LEN = 0x6c;
const FILL_BYTE = 0xf6;
const DATA_LEN = 0xff;
const FMS_ESTABLISHED = 0x10;
const FMS_DOUBLE_STEPPING = 0x20;
/** How long a command may keep the controller busy (SeaBIOS's FLOPPY_PIO_TIMEOUT and the motor counter: ~2 s). */
const TIMEOUT_NS = 2e9;
const POLL_NS = 1e6;
export const SECTOR = 512;

/** SeaBIOS's FloppyInfo: CHS, 3.5"/5.25", data rate, by CMOS drive type. */
interface FloppyInfo { readonly heads: number; readonly cylinders: number; readonly spt: number; readonly size: number; readonly rate: number }
const fi = (heads: number, cylinders: number, spt: number, size: number, rate: number): FloppyInfo => ({ heads, cylinders, spt, size, rate });
export const FLOPPY_INFO: readonly FloppyInfo[] = [
  fi(0, 0, 0, 0, 0),
  fi(2, 40, 9, 1, 1), // 360 KB 5.25"
  fi(2, 80, 15, 1, 0), // 1.2 MB 5.25"
  fi(2, 80, 9, 2, 2), // 720 KB 3.5"
  fi(2, 80, 18, 2, 0), // 1.44 MB 3.5"
  fi(2, 80, 36, 2, 3), // 2.88 MB 3.5"
  fi(1, 40, 8, 1, 2), // 160 KB 5.25"
  fi(1, 40, 9, 1, 1), // 180 KB 5.25"
  fi(2, 40, 8, 1, 2), // 320 KB 5.25"
];

/** A drive SeaBIOS registered at POST (addFloppy): unit 0/1 and its CMOS type. */
export interface FloppyDrive {
  readonly unit: number;
  readonly type: number;
  readonly chs: FloppyInfo;
}

/** The drives CMOS names, as floppy_setup adds them (a type outside the table is skipped). */
export function floppyDrives(wire: CpuWire): FloppyDrive[] {
  return cmosFloppyTypes(wire).flatMap((type, unit) => (type > 0 && type < FLOPPY_INFO.length ? [{ unit, type, chs: FLOPPY_INFO[type]! }] : []));
}

const bda8 = (wire: CpuWire, off: number): number => wire.read8(BDA_BASE + off);
const setBda8 = (wire: CpuWire, off: number, v: number): void => wire.write8(BDA_BASE + off, v & 0xff);
const DOR_ADDR = EBDA_SEGMENT * 16 + EBDA_FWLAB.floppyDor;

function dorWrite(wire: CpuWire, value: number): void {
  wire.out8(PORT_FD + FDC_REG.dor, value);
  wire.write8(DOR_ADDR, value);
}

function disableController(wire: CpuWire): void {
  dorWrite(wire, wire.read8(DOR_ADDR) & ~0x04);
}

/** Wait until the controller asks for the host (MSR.RQM), spending virtual time: false on timeout. */
function waitReady(wire: CpuWire): number | undefined {
  const end = wire.now() + TIMEOUT_NS;
  for (;;) {
    const sts = wire.in8(PORT_FD + FDC_REG.msr);
    if (sts & FDC_MSR.rqm) return sts;
    if (wire.now() >= end) return undefined;
    wire.delay(POLL_NS);
  }
}

interface Command { readonly opcode: number; readonly send: number; readonly receive: number; readonly waitIrq: boolean }
const CHECK_IRQ: Command = { opcode: FDC_CMD.senseInterrupt, send: 0, receive: 2, waitIrq: false };
const SEEK: Command = { opcode: FDC_CMD.seek, send: 2, receive: 0, waitIrq: true };
const RECALIBRATE: Command = { opcode: FDC_CMD.recalibrate, send: 1, receive: 0, waitIrq: true };
const READ_ID: Command = { opcode: FDC_MFM | FDC_CMD.readId, send: 1, receive: 7, waitIrq: true };
const READ: Command = { opcode: FDC_MT | FDC_MFM | FDC_SK | FDC_CMD.read, send: 8, receive: 7, waitIrq: true };
const WRITE: Command = { opcode: FDC_MT | FDC_MFM | FDC_CMD.write, send: 8, receive: 7, waitIrq: true };
const FORMAT: Command = { opcode: FDC_MFM | FDC_CMD.formatTrack, send: 5, receive: 7, waitIrq: true };

/** floppy_pio: the command and its parameters, then (after the interrupt) the result bytes into `param`. */
function pio(wire: CpuWire, cmd: Command, param: number[]): number {
  for (let i = 0; ; ) {
    const sts = waitReady(wire);
    if (sts === undefined) { disableController(wire); return RET.etimeout; }
    if (sts & FDC_MSR.dio) { disableController(wire); return RET.econtroller; }
    wire.out8(PORT_FD + FDC_REG.fifo, i === 0 ? cmd.opcode : param[i - 1]!);
    if (i++ >= cmd.send) break;
  }
  for (let i = 0; ; ) {
    const sts = waitReady(wire);
    if (sts === undefined) { disableController(wire); return RET.etimeout; }
    if (i >= cmd.receive) {
      if (sts & FDC_MSR.dio) { disableController(wire); return RET.econtroller; }
      break;
    }
    if (!(sts & FDC_MSR.dio)) { disableController(wire); return RET.econtroller; }
    param[i++] = wire.in8(PORT_FD + FDC_REG.fifo);
  }
  return RET.success;
}

function enableController(wire: CpuWire): number {
  setBda8(wire, BDA.floppyMotorCounter, MOTOR_TICKS);
  dorWrite(wire, 0x00);
  dorWrite(wire, 0x0c);
  if (waitReady(wire) === undefined) { disableController(wire); return RET.etimeout; }
  return pio(wire, CHECK_IRQ, [0, 0]);
}

/** floppy_drive_pio: enable the controller if needed, motor on for the unit, the command, SENSE INTERRUPT after a result-less one. */
function drivePio(wire: CpuWire, unit: number, cmd: Command, param: number[]): number {
  if (!(wire.read8(DOR_ADDR) & 0x04)) {
    const r = enableController(wire);
    if (r) return r;
  }
  setBda8(wire, BDA.floppyMotorCounter, MOTOR_TICKS);
  dorWrite(wire, (unit ? 0x20 : 0x10) | 0x0c | unit);
  const r = pio(wire, cmd, param);
  if (r) return r;
  if (cmd.waitIrq && cmd.receive === 0) return pio(wire, CHECK_IRQ, param);
  return RET.success;
}

function recalibrate(wire: CpuWire, unit: number): number {
  const r = drivePio(wire, unit, RECALIBRATE, [unit]);
  if (r) return r;
  setBda8(wire, BDA.floppyRecalibration, bda8(wire, BDA.floppyRecalibration) | (1 << unit));
  setBda8(wire, BDA.floppyTrack + unit, 0);
  return RET.success;
}

function readId(wire: CpuWire, unit: number, rate: number): boolean {
  wire.out8(PORT_FD + FDC_REG.ccr, rate);
  const param = [unit, 0, 0, 0, 0, 0, 0];
  if (drivePio(wire, unit, READ_ID, param)) return false;
  return (param[0]! & 0xc0) === 0;
}

/** floppy_media_sense: the drive type's data rate, else each smaller format of the same size class. */
function mediaSense(wire: CpuWire, d: FloppyDrive): number {
  const ftype = d.type;
  let stype = ftype;
  let rate = FLOPPY_INFO[stype]!.rate;
  if (!readId(wire, d.unit, rate)) {
    const f = FLOPPY_INFO[ftype]!;
    for (stype = 1; ; stype++) {
      if (stype >= FLOPPY_INFO.length) return RET.emedia;
      const s = FLOPPY_INFO[stype]!;
      if (stype === ftype || s.size !== f.size || s.heads > f.heads || s.cylinders > f.cylinders || s.spt > f.spt) continue;
      rate = s.rate;
      if (readId(wire, d.unit, rate)) break;
    }
  }
  const oldRate = bda8(wire, BDA.floppyMediaState + d.unit) >> 6;
  setBda8(wire, BDA.floppyLastDataRate, (oldRate << 2) | (rate << 6));
  const media = stype === 1 ? 0x04 : stype === 2 ? 0x05 : 0x07;
  let fms = (rate << 6) | FMS_ESTABLISHED | media;
  if (FLOPPY_INFO[stype]!.cylinders < FLOPPY_INFO[ftype]!.cylinders) fms |= FMS_DOUBLE_STEPPING;
  setBda8(wire, BDA.floppyMediaState + d.unit, fms);
  return RET.success;
}

/** floppy_prep: recalibrate and sense the medium once, then seek to `cylinder` when the head is elsewhere. */
function prep(wire: CpuWire, d: FloppyDrive, cylinder: number): number {
  if (!(bda8(wire, BDA.floppyRecalibration) & (1 << d.unit)) || !(bda8(wire, BDA.floppyMediaState + d.unit) & FMS_ESTABLISHED)) {
    const r = recalibrate(wire, d.unit) || mediaSense(wire, d);
    if (r) return r;
  }
  if (cylinder !== bda8(wire, BDA.floppyTrack + d.unit)) {
    const r = drivePio(wire, d.unit, SEEK, [d.unit, cylinder]);
    if (r) return r;
    setBda8(wire, BDA.floppyTrack + d.unit, cylinder);
  }
  return RET.success;
}

/** dma_floppy: channel 2 for `count` bytes at `addr`; false when the buffer crosses a 64 KiB boundary. */
function setupDma(wire: CpuWire, addr: number, count: number, isWrite: boolean): boolean {
  const end = (count - 1) & 0xffff;
  if ((addr >>> 16) !== ((addr + end) >>> 16)) return false;
  wire.out8(DMA1.singleMask, DMA_MASK_CHANNEL_2);
  wire.out8(DMA1.clearFlipFlop, 0);
  wire.out8(PORT_DMA_ADDR_2, addr & 0xff);
  wire.out8(PORT_DMA_ADDR_2, (addr >> 8) & 0xff);
  wire.out8(DMA1.clearFlipFlop, 0);
  wire.out8(PORT_DMA_CNT_2, end & 0xff);
  wire.out8(PORT_DMA_CNT_2, end >> 8);
  wire.out8(DMA1.mode, isWrite ? DMA_MODE_WRITE : DMA_MODE_READ);
  wire.out8(PORT_DMA_PAGE_2, (addr >>> 16) & 0xff);
  wire.out8(DMA1.singleMask, DMA_UNMASK_CHANNEL_2);
  return true;
}

/** floppy_dma_cmd: DMA, the command, the result bytes into the BDA; write-protect or controller error. */
function dmaCommand(wire: CpuWire, d: FloppyDrive, addr: number, count: number, cmd: Command, param: number[]): number {
  if (!setupDma(wire, addr, count, cmd !== READ)) return RET.eboundary;
  const r = drivePio(wire, d.unit, cmd, param);
  if (r) return r;
  for (let i = 0; i < 7; i++) setBda8(wire, BDA.floppyReturnStatus + i, param[i]!);
  if (param[0]! & 0xc0) {
    if (param[1]! & 0x02) return RET.ewriteProtect;
    const hex = param.slice(0, 7).map((b) => b.toString(16).padStart(2, '0')).join(' ');
    new Console(wire).log(`floppy error: ${hex}`);
    return RET.econtroller;
  }
  return RET.success;
}

export function lbaToChs(d: FloppyDrive, lba: number): { cylinder: number; head: number; sector: number } {
  const sector = (lba % d.chs.spt) + 1;
  const t = Math.floor(lba / d.chs.spt);
  return { cylinder: Math.floor(t / d.chs.heads), head: t % d.chs.heads, sector };
}

export type FloppyOp = 'read' | 'write' | 'verify' | 'format';

/** floppy_process_op for one operation of `count` sectors at `lba` (format: `count` sectors on the track). */
export function floppyOp(wire: CpuWire, d: FloppyDrive, op: FloppyOp, lba: number, count: number, addr: number): number {
  const { cylinder, head, sector } = lbaToChs(d, lba);
  const r = prep(wire, d, cylinder);
  if (r) return r;
  if (op === 'verify') return RET.success;
  if (op === 'format') {
    const param = [(head << 2) | d.unit, FDC_SIZE_CODE_512, count, FORMAT_GAP_LEN, FILL_BYTE, 0, 0];
    return dmaCommand(wire, d, addr, count * 4, FORMAT, param);
  }
  const param = [(head << 2) | d.unit, cylinder, head, sector, FDC_SIZE_CODE_512, sector + count - 1, GAP_LEN, DATA_LEN];
  return dmaCommand(wire, d, addr, count * SECTOR, op === 'read' ? READ : WRITE, param);
}

/** floppy_reset: forget what the BDA knows, disable and enable the controller. */
export function floppyReset(wire: CpuWire): number {
  setBda8(wire, BDA.floppyRecalibration, 0);
  setBda8(wire, BDA.floppyMediaState, 0);
  setBda8(wire, BDA.floppyMediaState + 1, 0);
  setBda8(wire, BDA.floppyTrack, 0);
  setBda8(wire, BDA.floppyTrack + 1, 0);
  setBda8(wire, BDA.floppyLastDataRate, 0);
  disableController(wire);
  return enableController(wire);
}

/** floppy_tick, from the IRQ 0 handler: count the motor time down, motors off at zero. */
export function floppyTick(wire: CpuWire): void {
  const n = bda8(wire, BDA.floppyMotorCounter);
  if (!n) return;
  setBda8(wire, BDA.floppyMotorCounter, n - 1);
  if (n - 1 === 0) dorWrite(wire, wire.read8(DOR_ADDR) & ~0xf0);
}

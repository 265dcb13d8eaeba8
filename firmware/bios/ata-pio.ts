/**
 * The firmware's ATA driver: PIO on the primary IDE channel's command block (ATA/ATAPI-6 §8:
 * IDENTIFY DEVICE, READ SECTORS, WRITE SECTORS with LBA28), polled, as SeaBIOS's ata.c drives it.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';

const CMD = 0x1f0;
export const REG_DATA = 0;
const REG_COUNT = 2;
const REG_LBA0 = 3;
const REG_LBA1 = 4;
const REG_LBA2 = 5;
export const REG_SELECT = 6;
export const REG_STATUS = 7;
const SELECT_MASTER_LBA = 0xe0;
const SELECT_MASTER = 0xa0;
export const ST_ERR = 0x01;
export const ST_DRQ = 0x08;
export const ST_BSY = 0x80;
const ATA_IDENTIFY = 0xec;
const ATA_READ_SECTORS = 0x20;
const ATA_WRITE_SECTORS = 0x30;
const SECTOR = 512;
/** Polls before a command counts as timed out (the model answers at once). */
export const POLLS = 1000;

export interface AtaGeometry {
  readonly cylinders: number;
  readonly heads: number;
  readonly spt: number;
  readonly sectors: number;
}

function waitDrq(wire: CpuWire): boolean {
  for (let i = 0; i < POLLS; i++) {
    const st = wire.in8(CMD + REG_STATUS);
    if (st & ST_BSY) continue;
    if (st & ST_ERR) return false;
    if (st & ST_DRQ) return true;
  }
  return false;
}

/** IDENTIFY the primary master; undefined when no ATA disk answers. */
export function ataIdentify(wire: CpuWire): AtaGeometry | undefined {
  wire.out8(CMD + REG_SELECT, SELECT_MASTER);
  const st = wire.in8(CMD + REG_STATUS);
  if (st === 0 || st === 0xff) return undefined;
  wire.out8(CMD + REG_STATUS, ATA_IDENTIFY);
  if (!waitDrq(wire)) return undefined;
  const w = new Uint16Array(256);
  for (let i = 0; i < 256; i++) w[i] = wire.in16(CMD + REG_DATA);
  const lba28 = w[60]! | (w[61]! << 16);
  return { cylinders: w[1]!, heads: w[3]!, spt: w[6]!, sectors: lba28 >>> 0 };
}

function start(wire: CpuWire, lba: number, count: number, command: number): void {
  wire.out8(CMD + REG_SELECT, SELECT_MASTER_LBA | ((lba >>> 24) & 0x0f));
  wire.out8(CMD + REG_COUNT, count & 0xff);
  wire.out8(CMD + REG_LBA0, lba & 0xff);
  wire.out8(CMD + REG_LBA1, (lba >>> 8) & 0xff);
  wire.out8(CMD + REG_LBA2, (lba >>> 16) & 0xff);
  wire.out8(CMD + REG_STATUS, command);
}

/** Read `count` (1..256) sectors at `lba` to physical `addr`; returns the sectors transferred. */
export function ataRead(wire: CpuWire, lba: number, count: number, addr: number): number {
  start(wire, lba, count, ATA_READ_SECTORS);
  const buf = new Uint8Array(SECTOR);
  for (let s = 0; s < count; s++) {
    if (!waitDrq(wire)) return s;
    for (let i = 0; i < SECTOR; i += 2) {
      const v = wire.in16(CMD + REG_DATA);
      buf[i] = v & 0xff;
      buf[i + 1] = v >> 8;
    }
    wire.writeBytes(addr + s * SECTOR, buf);
  }
  return count;
}

/** Write `count` (1..256) sectors from physical `addr` at `lba`; returns the sectors transferred. */
export function ataWrite(wire: CpuWire, lba: number, count: number, addr: number): number {
  start(wire, lba, count, ATA_WRITE_SECTORS);
  for (let s = 0; s < count; s++) {
    if (!waitDrq(wire)) return s;
    const buf = wire.readBytes(addr + s * SECTOR, SECTOR);
    for (let i = 0; i < SECTOR; i += 2) wire.out16(CMD + REG_DATA, buf[i]! | (buf[i + 1]! << 8));
  }
  for (let i = 0; i < POLLS; i++) {
    const st = wire.in8(CMD + REG_STATUS);
    if (!(st & ST_BSY)) return st & ST_ERR ? count - 1 : count;
  }
  return count - 1;
}

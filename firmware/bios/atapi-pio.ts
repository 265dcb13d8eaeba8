/**
 * The firmware's ATAPI driver on the IDE channels (ATA8-ACS §7.18 PACKET, PIO, polled), as SeaBIOS's
 * ata.c drives a CD-ROM: IDENTIFY PACKET DEVICE to find it, then the 12-byte packet through the data
 * port and the data in DRQ blocks of the byte count the device announces in the cylinder registers.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { POLLS, REG_DATA, REG_SELECT, REG_STATUS, ST_BSY, ST_DRQ, ST_ERR } from './ata-pio.js';
import { ATA_IDENTIFY_PACKET_DEVICE, ATA_PACKET, ATAPI_PACKET_SIZE, CD_SECTOR } from '../../src/spec/atapi.js';

/** The compatibility-mode command blocks of the primary and secondary channel. */
export const IDE_BASES = [0x1f0, 0x170] as const;
const REG_FEATURE = 1;
const REG_LCYL = 4;
const REG_HCYL = 5;

export interface IdeCdrom {
  /** The channel's command block (0x1F0 / 0x170). */
  readonly base: number;
  readonly unit: 0 | 1;
}

/** BSY clear, then DRQ (true) or not; ERR or a timeout is false. */
function waitDrq(wire: CpuWire, base: number): boolean {
  for (let i = 0; i < POLLS; i++) {
    const st = wire.in8(base + REG_STATUS);
    if (st & ST_BSY) continue;
    if (st & ST_ERR) return false;
    return (st & ST_DRQ) !== 0;
  }
  return false;
}

/**
 * The IDE units in SeaBIOS's order (ata0-0, ata0-1, ata1-0, ata1-1) that answer IDENTIFY PACKET DEVICE
 * as a CD-ROM (word 0 bits 12:8 = 05h), with the words they answered.
 */
export function ideFindCdroms(wire: CpuWire): Array<{ cd: IdeCdrom; words: number[] }> {
  const out: Array<{ cd: IdeCdrom; words: number[] }> = [];
  for (const base of IDE_BASES) {
    for (const unit of [0, 1] as const) {
      wire.out8(base + REG_SELECT, 0xa0 | (unit << 4));
      const st = wire.in8(base + REG_STATUS);
      if (st === 0 || st === 0xff) continue;
      wire.out8(base + REG_STATUS, ATA_IDENTIFY_PACKET_DEVICE);
      if (!waitDrq(wire, base)) continue;
      const words = Array.from({ length: 256 }, () => wire.in16(base + REG_DATA));
      if (((words[0]! >> 8) & 0x1f) === 5) out.push({ cd: { base, unit }, words });
    }
  }
  return out;
}

/** A SCSI command through PACKET (PIO): at most `bytes` of data to `addr`. False on a device error. */
export function idePacket(wire: CpuWire, cd: IdeCdrom, cdb: Uint8Array, addr: number, bytes: number): boolean {
  const base = cd.base;
  wire.out8(base + REG_SELECT, 0xa0 | (cd.unit << 4));
  wire.out8(base + REG_FEATURE, 0);
  wire.out8(base + REG_LCYL, CD_SECTOR & 0xff);
  wire.out8(base + REG_HCYL, CD_SECTOR >> 8);
  wire.out8(base + REG_STATUS, ATA_PACKET);
  if (!waitDrq(wire, base)) return false;
  for (let i = 0; i < ATAPI_PACKET_SIZE; i += 2) wire.out16(base + REG_DATA, (cdb[i] ?? 0) | ((cdb[i + 1] ?? 0) << 8));
  let done = 0;
  for (;;) {
    let st = 0;
    let i = 0;
    for (; i < POLLS; i++) {
      st = wire.in8(base + REG_STATUS);
      if (!(st & ST_BSY)) break;
    }
    if (i === POLLS || st & ST_ERR) return false;
    if (!(st & ST_DRQ)) return true;
    const count = wire.in8(base + REG_LCYL) | (wire.in8(base + REG_HCYL) << 8);
    const block = new Uint8Array(count);
    for (let j = 0; j + 1 < count; j += 2) {
      const v = wire.in16(base + REG_DATA);
      block[j] = v & 0xff;
      block[j + 1] = v >> 8;
    }
    const keep = Math.max(0, Math.min(count, bytes - done));
    if (keep > 0) wire.writeBytes(addr + done, block.subarray(0, keep));
    done += count;
  }
}

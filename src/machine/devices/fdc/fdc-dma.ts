/**
 * The DMA side of the controller's data commands (QEMU 7.2's fdctrl_transfer_handler): called by the
 * 8237 while the controller holds DREQ, it moves up to the programmed DMA length (no more than the
 * command asked for) sector by sector between the medium and guest memory, then ends the command.
 * READ writes memory, WRITE reads it (read-only media: ST1 NW), VERIFY moves nothing, SCAN compares.
 */
import type { IsaDma } from '../i8257.js';
import { FDC_MSR, FDC_ST0, FDC_ST1 } from '../../../spec/fdc.js';
import { Dir } from './fdc-phase.js';
import { FD_SECTOR } from './floppy-drive.js';
import type { FloppyDrive } from './floppy-drive.js';

const SR2_SCAN_NOT_SATISFIED = 0x04;
const SR2_SCAN_EQUAL_HIT = 0x08;

/** What the transfer reads and moves of the controller's state. */
export interface FdcTransferState {
  readonly msr: number;
  readonly dataDir: Dir;
  dataPos: number;
  dataLen: number;
  readonly fifo: Uint8Array;
  readonly cur: FloppyDrive;
  stopTransfer(st0: number, st1: number, st2: number): void;
  seekToNextSect(d: FloppyDrive): boolean;
}

/** memcmp's sign. */
function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** Returns the new DMA position (the bytes moved by this call). */
export function dmaTransfer(c: FdcTransferState, dma: IsaDma, channel: number, dmaLen: number): number {
  if (c.msr & FDC_MSR.rqm) return 0;
  const d = c.cur;
  const scan = c.dataDir === Dir.ScanE || c.dataDir === Dir.ScanL || c.dataDir === Dir.ScanH;
  let status2 = scan ? SR2_SCAN_NOT_SATISFIED : 0;
  const end = Math.min(dmaLen, c.dataLen);
  if (!d.present) {
    c.stopTransfer(c.dataDir === Dir.Write ? FDC_ST0.abnormal | FDC_ST0.seekEnd : FDC_ST0.abnormal, 0, 0);
    return 0;
  }
  let relPos = c.dataPos % FD_SECTOR;
  const startPos = c.dataPos;
  while (c.dataPos < end) {
    let len = end - c.dataPos;
    if (len + relPos > FD_SECTOR) len = FD_SECTOR - relPos;
    // READ, VERIFY and SCAN read the sector; WRITE too when it writes part of one.
    if ((c.dataDir !== Dir.Write || len < FD_SECTOR || relPos !== 0) && !d.readSector(c.fifo)) c.fifo.fill(0);
    const chunk = c.fifo.subarray(relPos, relPos + len);
    if (c.dataDir === Dir.Read) {
      dma.writeMemory(channel, chunk.slice(), c.dataPos);
    } else if (c.dataDir === Dir.Write) {
      if (d.readOnly) {
        c.stopTransfer(FDC_ST0.abnormal | FDC_ST0.seekEnd, FDC_ST1.notWritable, 0);
        return len;
      }
      const buf = new Uint8Array(len);
      dma.readMemory(channel, buf, c.dataPos);
      chunk.set(buf);
      if (!d.writeSector(c.fifo)) {
        c.stopTransfer(FDC_ST0.abnormal | FDC_ST0.seekEnd, 0, 0);
        return len;
      }
    } else if (scan) {
      const buf = new Uint8Array(len);
      dma.readMemory(channel, buf, c.dataPos);
      const cmp = compare(buf, chunk);
      if (cmp === 0) { status2 = SR2_SCAN_EQUAL_HIT; break; }
      if ((cmp < 0 && c.dataDir === Dir.ScanL) || (cmp > 0 && c.dataDir === Dir.ScanH)) { status2 = 0; break; }
    }
    c.dataPos += len;
    relPos = c.dataPos % FD_SECTOR;
    if (relPos === 0 && !c.seekToNextSect(d)) break;
  }
  const moved = c.dataPos - startPos;
  // QEMU reports a scan as an equal hit however it ended.
  if (scan) status2 = SR2_SCAN_EQUAL_HIT;
  c.dataLen -= moved;
  c.stopTransfer(0, 0, status2);
  return moved;
}

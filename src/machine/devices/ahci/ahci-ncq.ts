import {
  ATA_READ_FPDMA_QUEUED, ATA_WRITE_FPDMA_QUEUED, FIS_I, FIS_TYPE_REG_D2H, FIS_TYPE_SET_DEVICE_BITS, PXIS_HBDS, PXIS_OFS,
  PXIS_SDBS, PXIS_TFES, RFIS_RFIS, RFIS_SDBFIS,
} from '../../../spec/ahci.js';
import type { GuestDma } from './guest-dma.js';
import type { Transfer } from './ata-device.js';
import { ST_DRDY, ST_DSC, ST_ERR } from './ata-device.js';
import type { AtaDevice } from './ata-device.js';
import { SECTOR } from './ata-identify.js';

const ERR_ABRT = 0x04;

/** What an NCQ command needs of its port (AhciPort). */
export interface NcqPort {
  readonly receivingFis: boolean;
  readonly fisArea: number;
  readonly guestDma: GuestDma;
  hostError: boolean;
  postFis(offset: number, type: number, flags: number): boolean;
  raise(bit: number, status: number): void;
  finishTags(tags: number): void;
  setTfdFromSdb(status: number, error: number): void;
  scatter(table: number, prdtl: number, offset: number, data: Uint8Array, dir: 'in' | 'out'): Transfer;
}
const SDB_LEN = 8;

export function isNcq(cmd: number): boolean {
  return cmd === ATA_READ_FPDMA_QUEUED || cmd === ATA_WRITE_FPDMA_QUEUED;
}

/** A Set Device Bits FIS (SATA 2.6 §10.3.7) with the tags finished, into the received-FIS area. */
function postSdb(port: NcqPort, disk: AtaDevice, finished: number): void {
  if (!port.receivingFis) return;
  const tf = disk.tf;
  const f = new Uint8Array(SDB_LEN);
  f[0] = FIS_TYPE_SET_DEVICE_BITS; f[1] = FIS_I; f[2] = tf.status & 0x77; f[3] = tf.error;
  new DataView(f.buffer).setUint32(4, finished >>> 0, true);
  port.guestDma.write(port.fisArea + RFIS_SDBFIS, f);
  port.setTfdFromSdb(tf.status, tf.error);
  port.finishTags(finished);
}

/**
 * READ/WRITE FPDMA QUEUED, run to completion at once, with what QEMU 7.2 shows
 * (test/fixtures/qtest/ahci-ncq-q35.trace): a D2H FIS without the I bit and without PxIS.DHRS carrying
 * the taskfile as it was (the NCQ FIS does not load it; the error register keeps its value), then a
 * Set Device Bits FIS with the finished tag and PxIS.SDBS. A PRDT shorter than the data moves nothing
 * and sets PxIS.OFS only (the tag stays in PxSACT); a range past the disk's end is an SDB FIS with
 * ERR/ABRT and no tag, PxIS.TFES, and the slot stays issued. True when the slot leaves PxCI.
 */
export function ncqCommand(port: NcqPort, disk: AtaDevice, cfis: Uint8Array, table: number, prdtl: number): boolean {
  const tf = disk.tf;
  const tag = cfis[12]! >> 3;
  const count = (cfis[3]! | (cfis[11]! << 8)) || 0x10000;
  const lba = cfis[4]! + cfis[5]! * 2 ** 8 + cfis[6]! * 2 ** 16 + cfis[8]! * 2 ** 24 + cfis[9]! * 2 ** 32 + cfis[10]! * 2 ** 40;
  const write = cfis[2] === ATA_WRITE_FPDMA_QUEUED;
  port.postFis(RFIS_RFIS, FIS_TYPE_REG_D2H, 0);
  const fail = (bit: number): boolean => {
    tf.status = ST_DRDY | ST_ERR;
    tf.error = ERR_ABRT;
    postSdb(port, disk, 0);
    port.raise(bit | PXIS_TFES, tf.status);
    return false;
  };
  if (lba + count > disk.backend.sectors || (write && disk.backend.readOnly)) return fail(0);
  const data = new Uint8Array(count * SECTOR);
  if (!write) for (let i = 0; i < count; i++) disk.backend.read(lba + i, data.subarray(i * SECTOR, (i + 1) * SECTOR));
  const r = port.scatter(table, prdtl, 0, data, write ? 'out' : 'in');
  if (r === 'short') {
    tf.status = ST_DRDY | ST_ERR;
    tf.error = ERR_ABRT;
    port.raise(PXIS_OFS, 0);
    return true;
  }
  if (r === 'fault') {
    port.hostError = false;
    return fail(PXIS_HBDS);
  }
  if (write) for (let i = 0; i < count; i++) disk.backend.write(lba + i, data.subarray(i * SECTOR, (i + 1) * SECTOR));
  tf.status = ST_DRDY | ST_DSC;
  postSdb(port, disk, (1 << tag) >>> 0);
  port.raise(PXIS_SDBS, tf.status);
  return true;
}

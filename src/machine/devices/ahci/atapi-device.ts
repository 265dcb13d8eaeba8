import {
  ATA_DEVICE_RESET, ATA_IDENTIFY_PACKET_DEVICE, ATA_PACKET, ATAPI_PACKET_SIZE, ATAPI_SIGNATURE_HCYL, ATAPI_SIGNATURE_LCYL,
  IREASON_COD, IREASON_IO, PACKET_FEATURE_DMA,
  ERR_MC,
} from '../../../spec/atapi.js';
import { ST_DF, ST_DRDY, ST_DRQ, ST_DSC, ST_ERR, Taskfile } from './ata-device.js';
import type { DataPhase, SataDevice, Transfer } from './ata-device.js';
import { identifyPacketWords } from '../atapi/atapi-identify.js';
import { MmcCdrom } from '../atapi/mmc-cdrom.js';
import type { MmcResult } from '../atapi/mmc-cdrom.js';
import { drqBlock } from '../atapi/drq-block.js';
import type { JsonValue } from '../../snapshot/part-state.js';
import { num } from '../../snapshot/part-state.js';
import { logger } from '../../../lib/log.js';

const log = logger('ahci');

const ERR_ABRT = 0x04;
const IDENTIFY_DEVICE = 0xec;
const READY = ST_DRDY | ST_DSC;
/** Commands without data a packet device accepts (SET FEATURES, CHECK POWER MODE, power management, NOP-like). */
const NO_DATA = new Set([0xef, 0xe5, 0xe0, 0xe1, 0xe2, 0xe3, 0xe7, ATA_DEVICE_RESET]);

/**
 * A CD-ROM on a SATA link (QEMU 7.2's ide-cd behind AHCI): the taskfile, IDENTIFY PACKET DEVICE,
 * IDENTIFY DEVICE aborted with the packet signature, and PACKET: the 12 command bytes from the
 * command table's ACMD area (announced by a PIO Setup FIS without the I bit), the SCSI/MMC command,
 * its data by DMA (features bit 0) or in PIO Setup-announced blocks of the byte count limit.
 */
export class AtapiDevice implements SataDevice {
  readonly tf = new Taskfile();
  readonly mmc: MmcCdrom;
  private readonly identify: Uint16Array;

  constructor(mmc: MmcCdrom, serial: string) {
    this.mmc = mmc;
    this.identify = identifyPacketWords(serial, true);
  }

  saveState(): Record<string, JsonValue> {
    const { feature, sector, lcyl, hcyl, select, hobSector, hobLcyl, hobHcyl, hobFeature, nsector, status, error } = this.tf;
    return { feature, sector, lcyl, hcyl, select, hobSector, hobLcyl, hobHcyl, hobFeature, nsector, status, error, mmc: this.mmc.saveState() };
  }

  loadState(o: Record<string, JsonValue>): void {
    const tf = this.tf;
    tf.feature = num(o, 'feature'); tf.sector = num(o, 'sector'); tf.lcyl = num(o, 'lcyl'); tf.hcyl = num(o, 'hcyl');
    tf.select = num(o, 'select'); tf.hobSector = num(o, 'hobSector'); tf.hobLcyl = num(o, 'hobLcyl'); tf.hobHcyl = num(o, 'hobHcyl');
    tf.hobFeature = num(o, 'hobFeature'); tf.nsector = num(o, 'nsector'); tf.status = num(o, 'status'); tf.error = num(o, 'error');
    const m = o['mmc'];
    if (m && typeof m === 'object' && !Array.isArray(m)) this.mmc.loadState(m);
  }

  private signature(): void {
    const tf = this.tf;
    tf.nsector = 1; tf.sector = 1; tf.lcyl = ATAPI_SIGNATURE_LCYL; tf.hcyl = ATAPI_SIGNATURE_HCYL;
  }

  /** Power-on / COMRESET: the packet signature; QEMU's ahci_reset_port gives a CD-ROM DRDY too. */
  reset(): void {
    const tf = this.tf;
    tf.select = 0xa0;
    tf.hobSector = 0; tf.hobLcyl = 0; tf.hobHcyl = 0; tf.hobFeature = 0; tf.feature = 0;
    this.signature();
    tf.status = ST_DRDY | ST_DSC | ST_DF;
    tf.error = 1;
  }

  execute(cmd: number, io: DataPhase): void {
    const tf = this.tf;
    tf.error = 0;
    if (cmd === ATA_PACKET) return this.packet(io);
    if (cmd === ATA_IDENTIFY_PACKET_DEVICE) {
      tf.status = READY | ST_DRQ;
      const data = new Uint8Array(this.identify.buffer.slice(0));
      this.mmc.fillIoBuffer(data);
      return this.finish(io.toHost(data, true));
    }
    if (cmd === IDENTIFY_DEVICE) this.signature();
    else if (NO_DATA.has(cmd)) {
      if (cmd === 0xe5) tf.nsector = 0xff;
      tf.status = READY;
      return;
    }
    log('command 0x%s aborted by the packet device', cmd.toString(16));
    tf.status = ST_DRDY | ST_ERR;
    tf.error = ERR_ABRT;
  }

  private finish(r: Transfer): void {
    if (r === 'fault') {
      this.tf.status = ST_DRDY | ST_ERR;
      this.tf.error = ERR_ABRT;
    } else this.tf.status = READY;
  }

  private setReason(bits: number): void {
    this.tf.nsector = (this.tf.nsector & ~7) | bits;
  }

  private packet(io: DataPhase): void {
    const tf = this.tf;
    const dma = (tf.feature & PACKET_FEATURE_DMA) !== 0;
    tf.status = READY | ST_DRQ;
    this.setReason(IREASON_COD);
    let cdb: Uint8Array;
    if (io.acmd) {
      // QEMU copies the ACMD area into the device's I/O buffer.
      this.mmc.fillIoBuffer(io.acmd);
      io.announcePacket(ATAPI_PACKET_SIZE);
      cdb = io.acmd.subarray(0, ATAPI_PACKET_SIZE);
    } else if (io.hostWrites) {
      // Without the ATAPI bit QEMU moves the packet through the PRDT like PIO data, in the header's direction.
      const got = io.fromHost(ATAPI_PACKET_SIZE, true);
      if (!(got instanceof Uint8Array)) return this.finish(got);
      cdb = got;
    } else {
      cdb = this.mmc.ioBuffer.slice(0, ATAPI_PACKET_SIZE);
      const r = io.toHost(cdb.slice(), true);
      if (r === 'fault') return this.finish(r);
    }
    this.complete(this.mmc.run(cdb), dma, io);
  }

  private complete(result: MmcResult, dma: boolean, io: DataPhase): void {
    const tf = this.tf;
    if (!result.ok && result.checkStatus) {
      // ide_atapi_cmd_check_status: MC with the sense key, ERR alone, the interrupt reason 0.
      tf.status = ST_ERR;
      tf.error = ERR_MC | (result.key << 4);
      this.setReason(0);
      return;
    }
    if (!result.ok) {
      tf.status = ST_DRDY | ST_ERR;
      tf.error = result.key << 4;
      this.setReason(IREASON_IO | IREASON_COD);
      return;
    }
    const data = result.data;
    if (data && dma) {
      if (io.toHostClipped(data) === 'fault') return this.finish('fault');
    } else if (data) {
      const bcl = tf.lcyl | (tf.hcyl << 8);
      for (let at = 0; at < data.length;) {
        const size = drqBlock(data.length - at, bcl);
        this.setReason(IREASON_IO);
        tf.lcyl = size & 0xff; tf.hcyl = size >> 8;
        tf.status = READY | ST_DRQ;
        const r = io.toHost(data.subarray(at, at + size), true);
        if (r !== 'done') return this.finish(r);
        at += size;
      }
    }
    tf.status = READY;
    tf.error = 0;
    this.setReason(IREASON_IO | IREASON_COD);
  }
}

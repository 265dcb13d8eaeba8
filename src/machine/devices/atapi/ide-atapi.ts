import type { JsonValue } from '../../snapshot/part-state.js';
import {
  ATA_DEVICE_RESET, ATA_IDENTIFY_PACKET_DEVICE, ATA_PACKET, ATAPI_PACKET_SIZE, ATAPI_SIGNATURE_HCYL, ATAPI_SIGNATURE_LCYL,
  IREASON_COD, IREASON_IO, PACKET_FEATURE_DMA,
  ERR_MC,
} from '../../../spec/atapi.js';

import { identifyPacketWords } from './atapi-identify.js';
import type { MmcCdrom, MmcResult } from './mmc-cdrom.js';
import { drqBlock } from './drq-block.js';
import { logger } from '../../../lib/log.js';

const log = logger('ide');

const ST_ERR = 0x01;
const ST_DRQ = 0x08;
const ST_DSC = 0x10;
const ST_DRDY = 0x40;
const READY = ST_DRDY | ST_DSC;
const ERR_ABRT = 0x04;
const IDENTIFY_DEVICE = 0xec;
/** Commands without data a packet device accepts (SET FEATURES, CHECK POWER MODE, power management). */
const NO_DATA = new Set([0xef, 0xe5, 0xe0, 0xe1, 0xe2, 0xe3, 0xe7, 0x00]);

/** The registers each device keeps (QEMU's IDEState): written to both, read from the selected one. */
export interface UnitRegisters {
  error: number;
  nsector: number;
  sector: number;
  lcyl: number;
  hcyl: number;
  status: number;
}

/** What a packet device needs of its channel: its registers, the features written, PIO transfers, INTRQ. */
export interface IdeBus {
  readonly regs: UnitRegisters;
  readonly feature: number;
  /** Data for the host to read; `onEnd` runs when it has read the last byte. */
  dataIn(data: Uint8Array, onEnd: () => void): void;
  /** `length` bytes for the host to write; `onEnd` gets them. */
  dataOut(length: number, onEnd: (data: Uint8Array) => void): void;
  raiseIrq(): void;
  /** `data` for the host through the bus master; `busy` keeps BSY set until it moved (a CD read). */
  dmaIn(data: Uint8Array, busy: boolean): void;
}

/** Packet commands QEMU runs as a sector read (ide_atapi_cmd_read): READ(10), READ(12), READ CD, READ CD MSF. */
const READS = new Set([0x28, 0xa8, 0xbe, 0xb9]);

/**
 * An ATAPI CD-ROM on a parallel IDE channel (ATA8-ACS §7.18 PACKET, PIO): the 12-byte packet written
 * through the data port while the interrupt reason says C/D, then the data in DRQ blocks of at most the
 * host's byte count limit (I/O), then the status phase (C/D and I/O). QEMU 7.2's register values at
 * each step are in test/fixtures/qtest/atapi-ide-*.trace. With features bit 0 (DMA) the data goes
 * through the channel's bus master instead (test/fixtures/qtest/bmdma-pc.trace).
 */
export class IdeAtapi {
  private readonly identify: Uint16Array;
  /** The running PACKET command asked for DMA (QEMU's s->atapi_dma). */
  private dma = false;

  constructor(readonly mmc: MmcCdrom, serial: string, private readonly bus: IdeBus) {
    this.identify = identifyPacketWords(serial, false);
  }

  saveState(): Record<string, JsonValue> {
    return { dma: this.dma, mmc: this.mmc.saveState() };
  }

  loadState(o: Record<string, JsonValue>): void {
    this.dma = o.dma === true;
    const m = o.mmc;
    if (m !== null && typeof m === 'object' && !Array.isArray(m)) this.mmc.loadState(m);
  }

  private signature(): void {
    const r = this.bus.regs;
    r.nsector = 1; r.sector = 1; r.lcyl = ATAPI_SIGNATURE_LCYL; r.hcyl = ATAPI_SIGNATURE_HCYL;
  }

  /** Power-on: DRDY with no error; after SRST (or DEVICE RESET) a packet device leaves DRDY clear. */
  reset(srst: boolean): void {
    const r = this.bus.regs;
    this.signature();
    r.status = srst ? 0 : READY;
    r.error = srst ? 1 : 0;
  }

  private setReason(bits: number): void {
    const r = this.bus.regs;
    r.nsector = (r.nsector & ~7) | bits;
  }

  execute(cmd: number): void {
    const r = this.bus.regs;
    r.error = 0;
    switch (cmd) {
      case ATA_PACKET:
        this.dma = (this.bus.feature & PACKET_FEATURE_DMA) !== 0;
        this.setReason(IREASON_COD);
        r.status = READY | ST_DRQ;
        this.bus.dataOut(ATAPI_PACKET_SIZE, (cdb) => {
          this.mmc.fillIoBuffer(cdb);
          this.complete(this.mmc.run(cdb), READS.has(cdb[0]!));
        });
        return;
      case ATA_IDENTIFY_PACKET_DEVICE: {
        const data = new Uint8Array(this.identify.buffer.slice(0));
        this.mmc.fillIoBuffer(data);
        this.bus.dataIn(data, () => { r.status = READY; });
        r.status = READY | ST_DRQ;
        this.bus.raiseIrq();
        return;
      }
      case ATA_DEVICE_RESET:
        this.signature();
        r.status = 0;
        return;
      case IDENTIFY_DEVICE:
        this.signature();
        break;
      default:
        if (NO_DATA.has(cmd)) {
          if (cmd === 0xe5) r.nsector = 0xff;
          r.status = READY;
          this.bus.raiseIrq();
          return;
        }
    }
    log('command 0x%s aborted by the packet device', cmd.toString(16));
    r.status = ST_DRDY | ST_ERR;
    r.error = ERR_ABRT;
    this.bus.raiseIrq();
  }

  private complete(result: MmcResult, read: boolean): void {
    const r = this.bus.regs;
    if (!result.ok && result.checkStatus) {
      // ide_atapi_cmd_check_status: MC with the sense key, ERR alone, the interrupt reason 0.
      r.status = ST_ERR;
      r.error = ERR_MC | (result.key << 4);
      this.setReason(0);
      this.bus.raiseIrq();
      return;
    }
    if (!result.ok) {
      r.status = ST_DRDY | ST_ERR;
      r.error = result.key << 4;
      this.setReason(IREASON_IO | IREASON_COD);
      this.bus.raiseIrq();
      return;
    }
    const data = result.data ?? new Uint8Array(0);
    if (this.dma && data.length > 0) this.bus.dmaIn(data, read);
    else this.sendFrom(data, 0);
  }

  /** The next DRQ block of `data` from `at`, or the status phase when all of it went. */
  private sendFrom(data: Uint8Array, at: number): void {
    const r = this.bus.regs;
    if (at >= data.length) {
      r.status = READY;
      r.error = 0;
      this.setReason(IREASON_IO | IREASON_COD);
      this.bus.raiseIrq();
      return;
    }
    const size = drqBlock(data.length - at, r.lcyl | (r.hcyl << 8));
    this.setReason(IREASON_IO);
    r.lcyl = size & 0xff;
    r.hcyl = size >> 8;
    this.bus.dataIn(data.subarray(at, at + size), () => this.sendFrom(data, at + size));
    r.status = READY | ST_DRQ;
    this.bus.raiseIrq();
  }
}

import type { BlockBackend } from '../ata-channel.js';
import { identifyWords, IDENTIFY_DMA_MODES, SECTOR } from './ata-identify.js';
import { guessGeometry } from '../disk-geometry.js';
import type { DiskGeometry } from '../disk-geometry.js';
import { logger } from '../../../lib/log.js';
import type { JsonValue } from '../../snapshot/part-state.js';
import { num } from '../../snapshot/part-state.js';

const log = logger('ahci');

/** ATA status and error bits (ATA8-ACS §6). */
export const ST_ERR = 0x01;
export const ST_DRQ = 0x08;
export const ST_DSC = 0x10;
export const ST_DF = 0x20;
export const ST_DRDY = 0x40;
const ERR_ABRT = 0x04;
const SELECT_LBA = 0x40;
const READY = ST_DRDY | ST_DSC;

/** How a data phase ended: all bytes moved, the PRDT ran out first, or a host bus error. */
export type Transfer = 'done' | 'short' | 'fault';

/**
 * The HBA side of a command's data phase (the port: PRDT scatter-gather into guest RAM).
 * `pio` data phases are announced with a PIO Setup FIS carrying the taskfile at that moment.
 */
export interface DataPhase {
  toHost(data: Uint8Array, pio: boolean): Transfer;
  /** `length` bytes from the host, or how the transfer failed. */
  fromHost(length: number, pio: boolean): Uint8Array | Exclude<Transfer, 'done'>;
  /** ATAPI: the command table's ACMD area when the command header's A bit is set, else undefined. */
  readonly acmd: Uint8Array | undefined;
  /** The command header's W bit. */
  readonly hostWrites: boolean;
  /** ATAPI: the PIO Setup FIS (no I bit) of the packet phase; the bytes come from ACMD, nothing moves. */
  announcePacket(length: number): void;
  /** ATAPI DMA: what fits in the PRDT moves and the byte count says all of it (QEMU 7.2). */
  toHostClipped(data: Uint8Array): Transfer;
}

/** What sits on an AHCI port: an ATA disk or an ATAPI CD-ROM. */
export interface SataDevice {
  readonly tf: Taskfile;
  reset(): void;
  execute(cmd: number, io: DataPhase): void;
  saveState(): Record<string, JsonValue>;
  loadState(o: Record<string, JsonValue>): void;
}

/** The shadow registers of the device (what the FISes carry). */
export class Taskfile {
  feature = 0;
  sector = 1;
  lcyl = 0;
  hcyl = 0;
  select = 0xa0;
  hobSector = 0;
  hobLcyl = 0;
  hobHcyl = 0;
  hobFeature = 0;
  /** 16 bits (count and count EXT). */
  nsector = 1;
  status = READY;
  error = 1;
}

type Kind = 'pio-in' | 'pio-out' | 'dma-in' | 'dma-out';

/** Read/write commands: data direction, LBA48 or not. */
const RW: Readonly<Record<number, { kind: Kind; ext: boolean }>> = {
  0x20: { kind: 'pio-in', ext: false }, 0x21: { kind: 'pio-in', ext: false }, 0x24: { kind: 'pio-in', ext: true },
  0xc4: { kind: 'pio-in', ext: false }, 0x29: { kind: 'pio-in', ext: true },
  0x30: { kind: 'pio-out', ext: false }, 0x31: { kind: 'pio-out', ext: false }, 0x34: { kind: 'pio-out', ext: true },
  0xc5: { kind: 'pio-out', ext: false }, 0x39: { kind: 'pio-out', ext: true },
  0xc8: { kind: 'dma-in', ext: false }, 0xc9: { kind: 'dma-in', ext: false }, 0x25: { kind: 'dma-in', ext: true },
  0xca: { kind: 'dma-out', ext: false }, 0xcb: { kind: 'dma-out', ext: false }, 0x35: { kind: 'dma-out', ext: true },
};

/** Commands without data that a disk accepts (FLUSH, SET FEATURES, VERIFY, power management...). */
const NO_DATA = new Set([0xe7, 0xea, 0xef, 0xc6, 0x40, 0x41, 0x42, 0x91, 0x10, 0x70, 0xe0, 0xe1, 0xe2, 0xe3, 0xe5]);
const IDENTIFY = 0xec;
const SET_FEATURES = 0xef;
const SF_TRANSFER_MODE = 0x03;
const CHECK_POWER_MODE = 0xe5;

/**
 * An ATA disk on a SATA link: its taskfile and the ATA command set QEMU 7.2 gives a hard disk
 * (IDENTIFY, READ/WRITE SECTOR(S)(EXT), READ/WRITE MULTIPLE, READ/WRITE DMA (EXT), FLUSH, SET
 * FEATURES, the no-data commands). Anything else (ATAPI's IDENTIFY PACKET, NCQ) aborts.
 */
export class AtaDevice implements SataDevice {
  readonly tf = new Taskfile();
  readonly geometry: DiskGeometry;
  private readonly identify: Uint16Array;

  constructor(readonly backend: BlockBackend, serial: string) {
    this.geometry = guessGeometry(backend.sectors);
    this.identify = identifyWords(this.geometry, serial);
  }

  saveState(): Record<string, JsonValue> {
    const { feature, sector, lcyl, hcyl, select, hobSector, hobLcyl, hobHcyl, hobFeature, nsector, status, error } = this.tf;
    return {
      feature, sector, lcyl, hcyl, select, hobSector, hobLcyl, hobHcyl, hobFeature, nsector, status, error,
      w62: this.identify[62]!, w63: this.identify[63]!, w88: this.identify[88]!,
    };
  }

  loadState(o: Record<string, JsonValue>): void {
    const tf = this.tf;
    tf.feature = num(o, 'feature'); tf.sector = num(o, 'sector'); tf.lcyl = num(o, 'lcyl'); tf.hcyl = num(o, 'hcyl');
    tf.select = num(o, 'select'); tf.hobSector = num(o, 'hobSector'); tf.hobLcyl = num(o, 'hobLcyl'); tf.hobHcyl = num(o, 'hobHcyl');
    tf.hobFeature = num(o, 'hobFeature'); tf.nsector = num(o, 'nsector'); tf.status = num(o, 'status'); tf.error = num(o, 'error');
    this.identify[62] = num(o, 'w62'); this.identify[63] = num(o, 'w63'); this.identify[88] = num(o, 'w88');
  }

  /** Power-on / COMRESET: the disk signature in the taskfile (sector count 1, LBA 1), BSY clear. */
  reset(): void {
    const tf = this.tf;
    tf.select = 0xa0;
    tf.nsector = 1; tf.sector = 1; tf.lcyl = 0; tf.hcyl = 0;
    tf.hobSector = 0; tf.hobLcyl = 0; tf.hobHcyl = 0; tf.hobFeature = 0; tf.feature = 0;
    tf.status = ST_DSC | ST_DF; // QEMU's ahci_reset_port: SEEK_STAT | WRERR_STAT for a disk
    tf.error = 1;
  }

  execute(cmd: number, io: DataPhase): void {
    const tf = this.tf;
    tf.error = 0;
    const rw = RW[cmd];
    if (rw) return this.readWrite(rw.kind, rw.ext, io);
    if (cmd === IDENTIFY) {
      tf.status = READY | ST_DRQ;
      const r = io.toHost(new Uint8Array(this.identify.buffer.slice(0)), true);
      return this.finish(r);
    }
    if (NO_DATA.has(cmd)) {
      if (cmd === SET_FEATURES && tf.feature === SF_TRANSFER_MODE) this.setTransferMode(tf.nsector & 0xff);
      if (cmd === CHECK_POWER_MODE) tf.nsector = 0xff;
      tf.status = READY;
      return;
    }
    log('command 0x%s aborted', cmd.toString(16));
    this.abort();
  }

  private abort(): void {
    this.tf.status = ST_DRDY | ST_ERR;
    this.tf.error = ERR_ABRT;
  }

  /** A data phase that failed on the host side ends the command; a short PRDT ends it quietly (QEMU). */
  private finish(r: Transfer): void {
    if (r === 'fault') this.abort();
    else this.tf.status = READY;
  }

  /** SET FEATURES 03h: the selected mode's bit in the high byte of word 62, 63 or 88. */
  private setTransferMode(value: number): void {
    const mode = value & 7;
    const w = this.identify;
    w[62] = IDENTIFY_DMA_MODES; w[63] = IDENTIFY_DMA_MODES; w[88] = 0x3f;
    switch (value >> 3) {
      case 2: w[62] = IDENTIFY_DMA_MODES | (1 << (mode + 8)); break;
      case 4: w[63] = IDENTIFY_DMA_MODES | (1 << (mode + 8)); break;
      case 8: w[88] = 0x3f | (1 << (mode + 8)); break;
      default: break;
    }
  }

  private startSector(ext: boolean): number {
    const tf = this.tf;
    if (ext) {
      return tf.hobHcyl * 2 ** 40 + tf.hobLcyl * 2 ** 32 + tf.hobSector * 2 ** 24 + (tf.hcyl << 16) + (tf.lcyl << 8) + tf.sector;
    }
    if (tf.select & SELECT_LBA) return (tf.select & 0x0f) * 2 ** 24 + (tf.hcyl << 16) + (tf.lcyl << 8) + tf.sector;
    const g = this.geometry;
    return (((tf.hcyl << 8) | tf.lcyl) * g.heads + (tf.select & 0x0f)) * g.spt + tf.sector - 1;
  }

  /** Where the next sector is, written back in the addressing the command used (QEMU's ide_set_sector). */
  private setSector(lba: number, ext: boolean): void {
    const tf = this.tf;
    if (ext) {
      tf.sector = lba & 0xff; tf.lcyl = Math.floor(lba / 2 ** 8) & 0xff; tf.hcyl = Math.floor(lba / 2 ** 16) & 0xff;
      tf.hobSector = Math.floor(lba / 2 ** 24) & 0xff; tf.hobLcyl = Math.floor(lba / 2 ** 32) & 0xff;
      tf.hobHcyl = Math.floor(lba / 2 ** 40) & 0xff;
    } else if (tf.select & SELECT_LBA) {
      tf.select = (tf.select & 0xf0) | (Math.floor(lba / 2 ** 24) & 0x0f);
      tf.hcyl = (lba >>> 16) & 0xff; tf.lcyl = (lba >>> 8) & 0xff; tf.sector = lba & 0xff;
    } else {
      const g = this.geometry;
      const cyl = Math.floor(lba / (g.heads * g.spt));
      const r = lba % (g.heads * g.spt);
      tf.hcyl = cyl >> 8; tf.lcyl = cyl & 0xff;
      tf.select = (tf.select & 0xf0) | (Math.floor(r / g.spt) & 0x0f);
      tf.sector = (r % g.spt) + 1;
    }
  }

  private readWrite(kind: Kind, ext: boolean, io: DataPhase): void {
    const tf = this.tf;
    const count = ext ? tf.nsector || 0x10000 : (tf.nsector & 0xff) || 0x100;
    const lba = this.startSector(ext);
    const disk = this.backend;
    const writing = kind === 'pio-out' || kind === 'dma-out';
    if (lba + count > disk.sectors || (writing && disk.readOnly)) return this.abort();
    if (kind === 'pio-in' || kind === 'pio-out') {
      for (let i = 0; i < count; i++) {
        const buf = new Uint8Array(SECTOR);
        if (kind === 'pio-in') {
          disk.read(lba + i, buf);
          this.setSector(lba + i + 1, ext);
          tf.nsector = count - i - 1;
          tf.status = READY | ST_DRQ;
          const r = io.toHost(buf, true);
          if (r !== 'done') return this.finish(r);
        } else {
          tf.status = READY | ST_DRQ;
          const data = io.fromHost(SECTOR, true);
          if (!(data instanceof Uint8Array)) return this.finish(data);
          disk.write(lba + i, data);
          this.setSector(lba + i + 1, ext);
          tf.nsector = count - i - 1;
        }
      }
      tf.status = READY;
      return;
    }
    // DMA: the whole transfer through the PRDT at once.
    if (kind === 'dma-in') {
      const buf = new Uint8Array(count * SECTOR);
      for (let i = 0; i < count; i++) disk.read(lba + i, buf.subarray(i * SECTOR, (i + 1) * SECTOR));
      const r = io.toHost(buf, false);
      if (r !== 'done') return this.finish(r);
    } else {
      const data = io.fromHost(count * SECTOR, false);
      if (!(data instanceof Uint8Array)) return this.finish(data);
      for (let i = 0; i < count; i++) disk.write(lba + i, data.subarray(i * SECTOR, (i + 1) * SECTOR));
    }
    this.setSector(lba + count, ext);
    tf.nsector = 0;
    tf.status = READY;
  }
}

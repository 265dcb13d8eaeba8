import type { IoHandler } from '../bus/io-handler.js';
import type { JsonValue } from '../snapshot/part-state.js';
import { SnapshotMismatch, SnapshotRefused, arr, loadFields, saveFields } from '../snapshot/part-state.js';
import { logger } from '../../lib/log.js';
import { guessGeometry } from './disk-geometry.js';
import { identifyWords } from './ahci/ata-identify.js';
import { ATA_DEVICE_RESET, IREASON_COD, IREASON_IO } from '../../spec/atapi.js';
import { IdeAtapi } from './atapi/ide-atapi.js';
import type { IdeBus, UnitRegisters } from './atapi/ide-atapi.js';
import type { MmcCdrom } from './atapi/mmc-cdrom.js';
import { BusMasterChannel } from './ide-bmdma.js';
import type { BusMasterMemory } from './ide-bmdma.js';

const log = logger('ide');

/** Status and error bits (ATA/ATAPI-6 §7.15, §7.9). */
export const ST_ERR = 0x01;
export const ST_DRQ = 0x08;
export const ST_DSC = 0x10;
export const ST_DRDY = 0x40;
const ST_BSY = 0x80;
const READY = ST_DRDY | ST_DSC;
export const ERR_ABRT = 0x04;
/** Device control register: nIEN masks INTRQ, SRST resets both devices. */
const DC_NIEN = 0x02;
const DC_SRST = 0x04;
const SELECT_LBA = 0x40;
export const SECTOR = 512;

/** What an ATA disk reads and writes: the image (a copy-on-write overlay decides what reaches the file). */
export interface BlockBackend {
  readonly sectors: number;
  read(lba: number, out: Uint8Array): void;
  write(lba: number, data: Uint8Array): void;
  readonly readOnly: boolean;
}

/** One ATA hard disk: its geometry (QEMU's guess) and IDENTIFY data. */
class AtaDisk {
  readonly heads: number;
  readonly spt: number;
  readonly cylinders: number;
  constructor(readonly backend: BlockBackend, readonly serial: string) {
    ({ cylinders: this.cylinders, heads: this.heads, spt: this.spt } = guessGeometry(backend.sectors));
  }

  identify(): Uint8Array {
    const g = { sectors: this.backend.sectors, cylinders: this.cylinders, heads: this.heads, spt: this.spt };
    return new Uint8Array(identifyWords(g, this.serial, false).buffer);
  }
}

/**
 * One IDE channel in compatibility mode (command block at 0x1F0/0x170, control at 0x3F6/0x376)
 * with up to two devices: ATA disks (PIO: IDENTIFY, READ/WRITE SECTORS (LBA28, CHS, LBA48 EXT), the
 * no-data commands SeaBIOS and OSes send) and ATAPI CD-ROMs (IdeAtapi), SRST and nIEN. Writes to the
 * taskfile reach both devices; a selected absent device reads its error and status as 0, both
 * absent read 0 (QEMU's ide_ioport_read). Only DEVICE RESET to a packet device is taken while BSY or
 * DRQ. A data port access that would run past the transfer reads 0 and moves nothing (QEMU).
 * READ/WRITE DMA (and EXT) and PACKET with the DMA feature move their data through the channel's
 * PIIX bus master (ide-bmdma.ts) with QEMU 7.2's sequencing (hw/ide/core.c ide_dma_cb, atapi.c).
 */
export class AtaChannel {
  private readonly disks: Array<AtaDisk | undefined> = [undefined, undefined];
  private readonly cds: Array<IdeAtapi | undefined> = [undefined, undefined];
  private readonly units: [UnitRegisters, UnitRegisters] = [newRegs(), newRegs()];
  private unit = 0;
  private feature = 0;
  private hob = { nsector: 0, sector: 0, lcyl: 0, hcyl: 0 };
  private select = 0xa0;
  private control = 0;
  private buffer: Uint8Array = new Uint8Array(SECTOR);
  private pos = 0;
  private end = 0;
  private writing = false;
  private onEnd: (() => void) | undefined;
  /** What `onEnd` does, for a snapshot: nothing, the next sector of a PIO read or write, or something that cannot be saved. */
  private continuation: 'none' | 'read' | 'write' | 'other' = 'none';
  /** Sectors left in the running PIO command. */
  private remaining = 0;
  private lba = 0;
  /** The running DMA command's sector count and addressing (QEMU's s->nsector after the LBA48 transform, s->lba48). */
  private dmaSectors = 0;
  private lba48 = false;
  readonly busMaster: BusMasterChannel;

  constructor(private readonly irq: (level: boolean) => void, memory: () => BusMasterMemory) {
    this.busMaster = new BusMasterChannel(memory);
    this.powerOn();
  }

  attach(unit: 0 | 1, backend: BlockBackend, serial: string): void {
    this.disks[unit] = new AtaDisk(backend, serial);
    this.resetUnit(unit, false);
  }

  attachCdrom(unit: 0 | 1, mmc: MmcCdrom, serial: string): void {
    this.cds[unit] = new IdeAtapi(mmc, serial, this.busFor(unit));
    this.resetUnit(unit, false);
  }

  private present(unit: number): boolean {
    return this.disks[unit] !== undefined || this.cds[unit] !== undefined;
  }

  private get u(): UnitRegisters {
    return this.units[this.unit]!;
  }

  private busFor(unit: number): IdeBus {
    const units = this.units;
    const feature = (): number => this.feature;
    return {
      get regs() { return units[unit]!; },
      get feature() { return feature(); },
      dataIn: (data, onEnd) => this.startTransfer(data, false, onEnd, false),
      dataOut: (length, onEnd) => {
        const buf = new Uint8Array(length);
        this.startTransfer(buf, true, () => onEnd(buf), false);
      },
      raiseIrq: () => this.raiseIrq(),
      dmaIn: (data, busy) => this.atapiDma(data, busy),
    };
  }

  private raiseIrq(): void {
    if ((this.control & DC_NIEN) !== 0) return;
    this.busMaster.interrupted();
    this.irq(true);
  }

  readonly command: IoHandler = {
    sizes: 1 | 2 | 4,
    read: (offset, size) => {
      if (offset === 0) return this.readData(size);
      const both = !this.present(0) && !this.present(1);
      const absent = both || !this.present(this.unit);
      const u = this.u;
      switch (offset) {
        case 1: return absent ? 0 : u.error;
        case 2: return both ? 0 : u.nsector & 0xff;
        case 3: return both ? 0 : u.sector;
        case 4: return both ? 0 : u.lcyl;
        case 5: return both ? 0 : u.hcyl;
        case 6: return both ? 0 : this.select;
        default:
          if (absent) return 0;
          this.irq(false);
          return u.status;
      }
    },
    write: (offset, size, value) => {
      if (offset === 0) { this.writeData(size, value); return; }
      const v = value & 0xff;
      switch (offset) {
        case 1: this.feature = v; break;
        case 2: this.hob.nsector = this.u.nsector; for (const r of this.units) r.nsector = v; break;
        case 3: this.hob.sector = this.u.sector; for (const r of this.units) r.sector = v; break;
        case 4: this.hob.lcyl = this.u.lcyl; for (const r of this.units) r.lcyl = v; break;
        case 5: this.hob.hcyl = this.u.hcyl; for (const r of this.units) r.hcyl = v; break;
        case 6: this.select = v | 0xa0; this.unit = (v >> 4) & 1; break;
        case 7: this.execute(v); break;
        default: break;
      }
    },
  };

  readonly controlPort: IoHandler = {
    sizes: 1,
    read: () => (this.present(this.unit) ? this.u.status : 0),
    write: (_o, _s, value) => {
      const v = value & 0xff;
      if ((this.control & DC_SRST) === 0 && (v & DC_SRST) !== 0) this.softReset();
      this.control = v;
    },
  };

  /** The signature and status a device shows after a reset (ATA8-ACS §9.12). */
  private resetUnit(unit: number, srst: boolean): void {
    const r = this.units[unit]!;
    r.nsector = 1; r.sector = 1;
    const cd = this.cds[unit];
    if (cd) {
      cd.reset(srst);
      return;
    }
    const blank = this.disks[unit] === undefined ? 0xff : 0;
    r.lcyl = blank; r.hcyl = blank;
    r.status = ST_DRDY | ST_DSC;
    r.error = 1;
  }

  private powerOn(): void {
    this.unit = 0;
    this.select = 0xa0;
    this.stopTransfer();
    this.resetUnit(0, false);
    this.resetUnit(1, false);
  }

  private softReset(): void {
    this.unit = 0;
    this.select = 0xa0;
    this.stopTransfer();
    this.resetUnit(0, true);
    this.resetUnit(1, true);
  }

  private stopTransfer(): void {
    this.remaining = 0;
    this.end = this.pos = 0;
    this.writing = false;
    this.onEnd = undefined;
    this.continuation = 'none';
  }

  private abort(): void {
    this.u.error = ERR_ABRT;
    this.u.status = ST_DRDY | ST_ERR;
    this.raiseIrq();
  }

  private done(): void {
    this.u.error = 0;
    this.u.status = ST_DRDY | ST_DSC;
    this.raiseIrq();
  }

  /** The command's starting sector: LBA28/LBA48 from the taskfile, or CHS. */
  private startSector(d: AtaDisk, ext: boolean): number {
    const u = this.u;
    if (ext) {
      return (this.hob.hcyl * 2 ** 40) + (this.hob.lcyl * 2 ** 32) + (this.hob.sector * 2 ** 24) + (u.hcyl << 16) + (u.lcyl << 8) + u.sector;
    }
    if (this.select & SELECT_LBA) return ((this.select & 0x0f) * 2 ** 24) + (u.hcyl << 16) + (u.lcyl << 8) + u.sector;
    const cyl = (u.hcyl << 8) | u.lcyl;
    return (cyl * d.heads + (this.select & 0x0f)) * d.spt + u.sector - 1;
  }

  private execute(cmd: number): void {
    if (!this.present(this.unit)) return; // no device answers: QEMU ignores commands to an absent drive
    const cd = this.cds[this.unit];
    if (this.u.status & (ST_BSY | ST_DRQ) && !(cd && cmd === ATA_DEVICE_RESET)) return;
    this.irq(false);
    if (cd) {
      this.stopTransfer();
      cd.execute(cmd);
      return;
    }
    const d = this.disks[this.unit]!;
    switch (cmd) {
      case 0xec: this.startTransfer(d.identify(), false, undefined); return;
      case 0x20: case 0x21: case 0x24: case 0x30: case 0x31: case 0x34: {
        const ext = cmd === 0x24 || cmd === 0x34;
        const count = ext ? ((this.hob.nsector << 8) | this.u.nsector) || 0x10000 : this.u.nsector || 256;
        const lba = this.startSector(d, ext);
        if (lba + count > d.backend.sectors) { this.abort(); return; }
        this.lba = lba;
        this.remaining = count;
        const writing = cmd >= 0x30;
        if (writing && d.backend.readOnly) { this.abort(); return; }
        if (writing) { this.startTransfer(new Uint8Array(SECTOR), true, () => this.sectorWritten(d), false); this.continuation = 'write'; }
        else this.nextReadSector(d);
        return;
      }
      case 0xc8: case 0xc9: case 0xca: case 0xcb: case 0x25: case 0x35:
        this.startDma(d, cmd === 0xca || cmd === 0xcb || cmd === 0x35, cmd === 0x25 || cmd === 0x35);
        return;
      case 0x91: case 0xef: case 0xe7: case 0xea: case 0x10: case 0x40: case 0x42: case 0x70: case 0xe0: case 0xe1:
      case 0xe5: case 0xe3: case 0xe2:
        if (cmd === 0xe5) this.u.nsector = 0xff;
        this.done();
        return;
      case 0x08: this.softReset(); return;
      default:
        log('command 0x%s aborted (not modelled)', cmd.toString(16));
        this.abort();
    }
  }

  /** ide_sector_start_dma: DRQ until the bus master runs the transfer. */
  private startDma(d: AtaDisk, writing: boolean, ext: boolean): void {
    this.lba48 = ext;
    this.dmaSectors = ext ? ((this.hob.nsector << 8) | this.u.nsector) || 0x10000 : this.u.nsector || 256;
    this.u.nsector = this.dmaSectors & 0xff;
    this.u.error = 0;
    this.u.status = READY | ST_DRQ;
    this.busMaster.begin(() => this.runDma(d, writing));
  }

  /**
   * The transfer, at once (ide_dma_cb): the whole PRD table is walked first; a table shorter than the
   * transfer moves nothing and ends the command without an interrupt; a longer one leaves the bus
   * master ACTIVE; a range past the disk's end aborts.
   */
  private runDma(d: AtaDisk, writing: boolean): void {
    const bm = this.busMaster;
    const bytes = this.dmaSectors * SECTOR;
    const { pieces, described } = bm.collect(bytes);
    const u = this.u;
    if (described < bytes) {
      u.status = READY;
      bm.end(false);
      return;
    }
    const lba = this.startSector(d, this.lba48);
    if (lba + this.dmaSectors > d.backend.sectors) {
      u.status = ST_DRDY | ST_ERR;
      u.error = ERR_ABRT;
      bm.end(false);
      this.raiseIrq();
      return;
    }
    if (writing) {
      const data = bm.readPieces(pieces);
      for (let i = 0; i < this.dmaSectors; i++) d.backend.write(lba + i, data.subarray(i * SECTOR, (i + 1) * SECTOR));
    } else {
      const data = new Uint8Array(bytes);
      d.backend.read(lba, data);
      bm.writePieces(pieces, data);
    }
    this.setSector(d, lba + this.dmaSectors);
    this.dmaSectors = 0;
    u.nsector = 0;
    u.status = READY;
    this.raiseIrq();
    bm.end(described > bytes);
  }

  /** The taskfile after a transfer points past it (QEMU's ide_set_sector). */
  private setSector(d: AtaDisk, sector: number): void {
    const u = this.u;
    if (this.select & SELECT_LBA) {
      u.sector = sector & 0xff; u.lcyl = (sector >>> 8) & 0xff; u.hcyl = (sector >>> 16) & 0xff;
      if (this.lba48) {
        const high = Math.floor(sector / 2 ** 24);
        this.hob.sector = high & 0xff; this.hob.lcyl = (high >>> 8) & 0xff; this.hob.hcyl = (high >>> 16) & 0xff;
      } else {
        this.select = (this.select & 0xf0) | ((sector >>> 24) & 0x0f);
      }
      return;
    }
    const cyl = Math.floor(sector / (d.heads * d.spt));
    const r = sector % (d.heads * d.spt);
    u.hcyl = (cyl >> 8) & 0xff; u.lcyl = cyl & 0xff;
    this.select = (this.select & 0xf0) | (Math.floor(r / d.spt) & 0x0f);
    u.sector = (r % d.spt) + 1;
  }

  /** A packet command's data by DMA (ide_atapi_cmd_read_dma, _reply): a table that runs out leaves the device as it is. */
  private atapiDma(data: Uint8Array, busy: boolean): void {
    const u = this.u;
    u.status = READY | ST_DRQ | (busy ? ST_BSY : 0);
    const bm = this.busMaster;
    bm.begin(() => {
      if (!bm.stream(data)) { bm.end(false); return; }
      u.status = READY;
      u.nsector = (u.nsector & ~7) | IREASON_IO | IREASON_COD;
      this.raiseIrq();
      bm.end(false);
    });
  }

  private startTransfer(data: Uint8Array, writing: boolean, onEnd: (() => void) | undefined, irq = true): void {
    this.buffer = data;
    this.pos = 0;
    this.end = data.length;
    this.writing = writing;
    this.onEnd = onEnd;
    this.continuation = onEnd ? 'other' : 'none';
    this.u.status = ST_DRDY | ST_DSC | ST_DRQ;
    this.u.error = 0;
    if (irq) this.raiseIrq();
  }

  private nextReadSector(d: AtaDisk): void {
    const buf = new Uint8Array(SECTOR);
    d.backend.read(this.lba, buf);
    this.lba++;
    this.remaining--;
    this.startTransfer(buf, false, this.remaining > 0 ? () => this.nextReadSector(d) : undefined);
    if (this.remaining > 0) this.continuation = 'read';
  }

  private sectorWritten(d: AtaDisk): void {
    d.backend.write(this.lba, this.buffer);
    this.lba++;
    this.remaining--;
    if (this.remaining > 0) {
      this.startTransfer(new Uint8Array(SECTOR), true, () => this.sectorWritten(d));
      this.continuation = 'write';
    } else this.done();
  }

  /** The transfer's last byte moved: the device goes on, or the command is over. */
  private transferEnded(): void {
    const next = this.onEnd;
    this.end = this.pos = 0;
    this.writing = false;
    this.onEnd = undefined;
    this.continuation = 'none';
    this.u.status = ST_DRDY | ST_DSC;
    next?.();
  }

  private readData(size: number): number {
    if (!(this.u.status & ST_DRQ) || this.writing || this.pos + size > this.end) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.buffer[this.pos++]! << (8 * i);
    if (this.pos >= this.end) this.transferEnded();
    return v >>> 0;
  }

  private writeData(size: number, value: number): void {
    if (!(this.u.status & ST_DRQ) || !this.writing || this.pos + size > this.end) return;
    for (let i = 0; i < size; i++) this.buffer[this.pos++] = (value >>> (8 * i)) & 0xff;
    if (this.pos >= this.end) this.transferEnded();
  }

  reset(): void {
    this.control = 0;
    this.busMaster.reset();
    this.powerOn();
    this.irq(false);
  }

  /**
   * Task-file registers of both units, the PIO buffer with its position and what follows it (the
   * next sector of a multi-sector read or write), the bus master's registers (decision 0048). A
   * PACKET transfer or a DMA command waiting for START cannot be saved: migrate refuses (one line).
   */
  saveState(name: string): JsonValue {
    if (this.continuation === 'other') throw new SnapshotRefused(`${name}: an ATAPI transfer is in progress`);
    return {
      ...saveFields(this, ATA_FIELDS), units: this.units.map((u) => ({ ...u })), hob: { ...this.hob },
      buffer: Array.from(this.buffer), bm: this.busMaster.saveState(name),
      cdroms: this.cds.map((c) => (c ? c.saveState() : null)),
    };
  }

  loadState(o: Record<string, JsonValue>): void {
    loadFields(this, o, ATA_FIELDS);
    const units = arr(o, 'units');
    units.forEach((u, i) => {
      if (u === null || typeof u !== 'object' || Array.isArray(u) || !this.units[i]) throw new SnapshotMismatch('ide: bad unit registers');
      loadFields(this.units[i]!, u, ['error', 'nsector', 'sector', 'lcyl', 'hcyl', 'status']);
    });
    const hob = o.hob;
    if (hob === null || typeof hob !== 'object' || Array.isArray(hob)) throw new SnapshotMismatch('ide: bad hob');
    loadFields(this.hob, hob, ['nsector', 'sector', 'lcyl', 'hcyl']);
    this.buffer = Uint8Array.from(arr(o, 'buffer') as number[]);
    const d = this.disks[this.unit];
    if (this.continuation !== 'none' && !d) throw new SnapshotMismatch('ide: a transfer continues on a unit without a disk');
    this.onEnd = this.continuation === 'read' ? () => this.nextReadSector(d!) : this.continuation === 'write' ? () => this.sectorWritten(d!) : undefined;
    const bm = o.bm;
    if (bm === null || typeof bm !== 'object' || Array.isArray(bm)) throw new SnapshotMismatch('ide: no bus master state');
    this.busMaster.loadState(bm);
    arr(o, 'cdroms').forEach((c, i) => {
      const cd = this.cds[i];
      if ((c === null) !== (cd === undefined)) throw new SnapshotMismatch('ide: CD-ROM units differ');
      if (cd && c !== null && typeof c === 'object' && !Array.isArray(c)) cd.loadState(c);
    });
  }
}

const ATA_FIELDS = ['unit', 'feature', 'select', 'control', 'pos', 'end', 'writing', 'remaining', 'lba', 'dmaSectors', 'lba48', 'continuation'];

function newRegs(): UnitRegisters {
  return { error: 1, nsector: 1, sector: 1, lcyl: 0, hcyl: 0, status: ST_DRDY | ST_DSC };
}

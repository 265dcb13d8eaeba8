import type { IoHandler } from '../bus/io-handler.js';
import { logger } from '../../lib/log.js';
import { guessGeometry } from './disk-geometry.js';
import { ATA_DEVICE_RESET } from '../../spec/atapi.js';
import { IdeAtapi } from './atapi/ide-atapi.js';
import type { IdeBus, UnitRegisters } from './atapi/ide-atapi.js';
import type { MmcCdrom } from './atapi/mmc-cdrom.js';

const log = logger('ide');

/** Status and error bits (ATA/ATAPI-6 §7.15, §7.9). */
export const ST_ERR = 0x01;
export const ST_DRQ = 0x08;
export const ST_DSC = 0x10;
export const ST_DRDY = 0x40;
const ST_BSY = 0x80;
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

/** One ATA hard disk: its IDENTIFY data and geometry (QEMU's guess: 16 heads, 63 sectors). */
class AtaDisk {
  readonly heads: number;
  readonly spt: number;
  readonly cylinders: number;
  constructor(readonly backend: BlockBackend, readonly serial: string) {
    ({ cylinders: this.cylinders, heads: this.heads, spt: this.spt } = guessGeometry(backend.sectors));
  }

  identify(): Uint8Array {
    const w = new Uint16Array(256);
    const str = (at: number, len: number, s: string) => {
      const padded = s.padEnd(len * 2, ' ');
      for (let i = 0; i < len; i++) w[at + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
    };
    const total = this.backend.sectors;
    const chs = Math.min(total, this.cylinders * this.heads * this.spt);
    const lba28 = Math.min(total, 0x0fffffff);
    w[0] = 0x0040;
    w[1] = this.cylinders; w[3] = this.heads; w[4] = SECTOR * this.spt; w[5] = SECTOR; w[6] = this.spt;
    str(10, 10, this.serial); str(23, 4, '2.5+'); str(27, 20, 'QEMU HARDDISK');
    w[47] = 0x8010;
    w[49] = 1 << 9; // LBA; no DMA (PIO only)
    w[51] = 0x200; w[53] = 7;
    w[54] = this.cylinders; w[55] = this.heads; w[56] = this.spt;
    w[57] = chs & 0xffff; w[58] = chs >>> 16;
    w[60] = lba28 & 0xffff; w[61] = lba28 >>> 16;
    w[64] = 3; w[80] = 0xf0; w[81] = 0x16;
    w[82] = 1 << 14; w[83] = (1 << 14) | (1 << 13) | (1 << 12) | (1 << 10);
    w[84] = 1 << 14; w[85] = 1 << 14; w[86] = (1 << 13) | (1 << 12) | (1 << 10); w[87] = 1 << 14;
    w[100] = total & 0xffff; w[101] = Math.floor(total / 0x10000) & 0xffff; w[102] = Math.floor(total / 2 ** 32) & 0xffff;
    return new Uint8Array(w.buffer);
  }
}

/**
 * One IDE channel in compatibility mode (command block at 0x1F0/0x170, control at 0x3F6/0x376)
 * with up to two devices: ATA disks (PIO: IDENTIFY, READ/WRITE SECTORS (LBA28, CHS, LBA48 EXT), the
 * no-data commands SeaBIOS and OSes send) and ATAPI CD-ROMs (IdeAtapi), SRST and nIEN. Writes to the
 * taskfile reach both devices; a selected absent device reads its error and status as 0, both
 * absent read 0 (QEMU's ide_ioport_read). Only DEVICE RESET to a packet device is taken while BSY or
 * DRQ. A data port access that would run past the transfer reads 0 and moves nothing (QEMU).
 * Bus-master DMA is not modelled (DMA commands abort).
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
  /** Sectors left in the running PIO command. */
  private remaining = 0;
  private lba = 0;

  constructor(private readonly irq: (level: boolean) => void) {
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
    };
  }

  private raiseIrq(): void {
    if ((this.control & DC_NIEN) === 0) this.irq(true);
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
        if (writing) this.startTransfer(new Uint8Array(SECTOR), true, () => this.sectorWritten(d), false);
        else this.nextReadSector(d);
        return;
      }
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

  private startTransfer(data: Uint8Array, writing: boolean, onEnd: (() => void) | undefined, irq = true): void {
    this.buffer = data;
    this.pos = 0;
    this.end = data.length;
    this.writing = writing;
    this.onEnd = onEnd;
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
  }

  private sectorWritten(d: AtaDisk): void {
    d.backend.write(this.lba, this.buffer);
    this.lba++;
    this.remaining--;
    if (this.remaining > 0) this.startTransfer(new Uint8Array(SECTOR), true, () => this.sectorWritten(d));
    else this.done();
  }

  /** The transfer's last byte moved: the device goes on, or the command is over. */
  private transferEnded(): void {
    const next = this.onEnd;
    this.end = this.pos = 0;
    this.writing = false;
    this.onEnd = undefined;
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
    this.powerOn();
    this.irq(false);
  }
}

function newRegs(): UnitRegisters {
  return { error: 1, nsector: 1, sector: 1, lcyl: 0, hcyl: 0, status: ST_DRDY | ST_DSC };
}

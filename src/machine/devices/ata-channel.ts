import type { IoHandler } from '../bus/io-handler.js';
import { logger } from '../../lib/log.js';
import { guessGeometry } from './disk-geometry.js';

const log = logger('ide');

/** Status and error bits (ATA/ATAPI-6 §7.15, §7.9). */
const ST_ERR = 0x01;
const ST_DRQ = 0x08;
const ST_DSC = 0x10;
const ST_DRDY = 0x40;
const ST_BSY = 0x80;
const ERR_ABRT = 0x04;
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
 * with up to two ATA disks, PIO only: IDENTIFY, READ/WRITE SECTORS (LBA28, CHS, LBA48 EXT),
 * the no-data commands SeaBIOS and OSes send, SRST and nIEN. A selected absent device reads 0
 * (QEMU's ide_ioport_read). Bus-master DMA and ATAPI are not modelled (DMA commands abort).
 */
export class AtaChannel {
  private readonly disks: Array<AtaDisk | undefined> = [undefined, undefined];
  private unit = 0;
  private feature = 0;
  private nsector = 1;
  private sector = 1;
  private lcyl = 0;
  private hcyl = 0;
  private hob = { nsector: 0, sector: 0, lcyl: 0, hcyl: 0 };
  private select = 0xa0;
  private status = ST_DRDY | ST_DSC;
  private error = 1;
  private control = 0;
  private buffer: Uint8Array = new Uint8Array(SECTOR);
  private pos = 0;
  private end = 0;
  /** Sectors left in the running PIO command, and its direction. */
  private remaining = 0;
  private lba = 0;
  private writing = false;

  constructor(private readonly irq: (level: boolean) => void) {}

  attach(unit: 0 | 1, backend: BlockBackend, serial: string): void {
    this.disks[unit] = new AtaDisk(backend, serial);
  }

  private get disk(): AtaDisk | undefined {
    return this.disks[this.unit];
  }

  private get anyDisk(): boolean {
    return this.disks.some((d) => d !== undefined);
  }

  private raiseIrq(): void {
    if ((this.control & DC_NIEN) === 0) this.irq(true);
  }

  readonly command: IoHandler = {
    sizes: 1 | 2 | 4,
    read: (offset, size) => {
      if (offset === 0) return this.readData(size);
      if (!this.anyDisk || !this.disk) return 0;
      switch (offset) {
        case 1: return this.error;
        case 2: return this.nsector & 0xff;
        case 3: return this.sector;
        case 4: return this.lcyl;
        case 5: return this.hcyl;
        case 6: return this.select;
        default: this.irq(false); return this.status;
      }
    },
    write: (offset, size, value) => {
      if (offset === 0) { this.writeData(size, value); return; }
      const v = value & 0xff;
      switch (offset) {
        case 1: this.feature = v; break;
        case 2: this.hob.nsector = this.nsector; this.nsector = v; break;
        case 3: this.hob.sector = this.sector; this.sector = v; break;
        case 4: this.hob.lcyl = this.lcyl; this.lcyl = v; break;
        case 5: this.hob.hcyl = this.hcyl; this.hcyl = v; break;
        case 6: this.select = v | 0xa0; this.unit = (v >> 4) & 1; break;
        case 7: this.execute(v); break;
        default: break;
      }
    },
  };

  readonly controlPort: IoHandler = {
    sizes: 1,
    read: () => (this.anyDisk && this.disk ? this.status : 0),
    write: (_o, _s, value) => {
      const v = value & 0xff;
      if ((this.control & DC_SRST) === 0 && (v & DC_SRST) !== 0) this.softReset();
      this.control = v;
    },
  };

  private softReset(): void {
    this.unit = 0;
    this.select = 0xa0;
    this.nsector = 1; this.sector = 1; this.lcyl = 0; this.hcyl = 0;
    this.status = ST_DRDY | ST_DSC;
    this.error = 1;
    this.remaining = 0;
    this.end = this.pos = 0;
  }

  private abort(): void {
    this.error = ERR_ABRT;
    this.status = ST_DRDY | ST_ERR;
    this.raiseIrq();
  }

  private done(): void {
    this.error = 0;
    this.status = ST_DRDY | ST_DSC;
    this.raiseIrq();
  }

  /** The command's starting sector: LBA28/LBA48 from the taskfile, or CHS. */
  private startSector(ext: boolean): number {
    const d = this.disk!;
    if (ext) {
      return (this.hob.hcyl * 2 ** 40) + (this.hob.lcyl * 2 ** 32) + (this.hob.sector * 2 ** 24) + (this.hcyl << 16) + (this.lcyl << 8) + this.sector;
    }
    if (this.select & SELECT_LBA) return ((this.select & 0x0f) * 2 ** 24) + (this.hcyl << 16) + (this.lcyl << 8) + this.sector;
    const cyl = (this.hcyl << 8) | this.lcyl;
    return (cyl * d.heads + (this.select & 0x0f)) * d.spt + this.sector - 1;
  }

  private execute(cmd: number): void {
    this.irq(false);
    const d = this.disk;
    if (!d) return; // no device answers: QEMU ignores commands to an absent drive
    switch (cmd) {
      case 0xec: this.startTransfer(d.identify(), 0, false); return;
      case 0x20: case 0x21: case 0x24: case 0x30: case 0x31: case 0x34: {
        const ext = cmd === 0x24 || cmd === 0x34;
        const count = ext ? ((this.hob.nsector << 8) | this.nsector) || 0x10000 : this.nsector || 256;
        const lba = this.startSector(ext);
        if (lba + count > d.backend.sectors) { this.abort(); return; }
        this.lba = lba;
        this.remaining = count;
        this.writing = cmd >= 0x30;
        if (this.writing && d.backend.readOnly) { this.abort(); return; }
        if (this.writing) this.startTransfer(new Uint8Array(SECTOR), 0, true, false);
        else this.nextReadSector();
        return;
      }
      case 0x91: case 0xef: case 0xe7: case 0xea: case 0x10: case 0x40: case 0x42: case 0x70: case 0xe0: case 0xe1:
      case 0xe5: case 0xe3: case 0xe2:
        this.nsector = cmd === 0xe5 ? 0xff : this.nsector;
        this.done();
        return;
      case 0x08: this.softReset(); return;
      default:
        log('command 0x%s aborted (not modelled)', cmd.toString(16));
        this.abort();
    }
  }

  private startTransfer(data: Uint8Array, remaining: number, writing: boolean, irq = true): void {
    this.buffer = data;
    this.pos = 0;
    this.end = data.length;
    this.writing = writing;
    if (!writing) this.remaining = remaining;
    this.status = ST_DRDY | ST_DSC | ST_DRQ;
    this.error = 0;
    if (irq) this.raiseIrq();
  }

  private nextReadSector(): void {
    const d = this.disk!;
    const buf = new Uint8Array(SECTOR);
    d.backend.read(this.lba, buf);
    this.lba++;
    this.remaining--;
    this.startTransfer(buf, this.remaining, false);
  }

  private readData(size: number): number {
    if (this.pos >= this.end || this.writing) return 0;
    let v = 0;
    for (let i = 0; i < size && this.pos < this.end; i++) v |= this.buffer[this.pos++]! << (8 * i);
    if (this.pos >= this.end) {
      if (this.remaining > 0) this.nextReadSector();
      else { this.status = ST_DRDY | ST_DSC; this.end = this.pos = 0; }
    }
    return v >>> 0;
  }

  private writeData(size: number, value: number): void {
    if (this.pos >= this.end || !this.writing) return;
    for (let i = 0; i < size && this.pos < this.end; i++) this.buffer[this.pos++] = (value >>> (8 * i)) & 0xff;
    if (this.pos < this.end) return;
    this.disk!.backend.write(this.lba, this.buffer);
    this.lba++;
    this.remaining--;
    if (this.remaining > 0) this.startTransfer(new Uint8Array(SECTOR), 0, true);
    else { this.writing = false; this.end = this.pos = 0; this.done(); }
  }

  reset(): void {
    this.control = 0;
    this.softReset();
    this.irq(false);
  }
}

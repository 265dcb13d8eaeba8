import {
  CMD_HEADER_SIZE, CMD_LIST_SIZE, CMDH_CTBA, CMDH_PRDBC, CMDH_PRDTL_SHIFT, CT_CFIS, CT_PRDT, FIS_CONTROL_SRST, FIS_H2D_C, FIS_I,
  FIS_TYPE_PIO_SETUP, FIS_TYPE_REG_D2H, FIS_TYPE_REG_H2D, PRD_DBC_MASK, PRD_SIZE, PX_CI, PX_CLB, PX_CLBU, PX_CMD, PX_FB, PX_FBU,
  PX_IE, PX_IS, PX_SACT, PX_SCTL, PX_SERR, PX_SIG, PX_SSTS, PX_TFD, PXCMD_CR, PXCMD_FR, PXCMD_FRE, PXCMD_ICC_MASK, PXCMD_POD,
  PXCMD_ST, PXCMD_SUD, PXIS_DHRS, PXIS_HBFS, PXIS_HBDS, PXIS_PSS, PXIS_TFES, RFIS_PSFIS, RFIS_RFIS, RFIS_SIZE, SCTL_DET_MASK,
  SSTS_DEVICE_ACTIVE, ATA_STATUS_ERR, CMDH_ATAPI, CMDH_WRITE, CT_ACMD,
} from '../../../spec/ahci.js';
import { ncqCommand, isNcq } from './ahci-ncq.js';
import { AtaDevice } from './ata-device.js';
import type { DataPhase, SataDevice, Transfer } from './ata-device.js';
import type { GuestDma } from './guest-dma.js';
import { logger } from '../../../lib/log.js';
import type { JsonValue } from '../../snapshot/part-state.js';
import { bool, num } from '../../snapshot/part-state.js';

const log = logger('ahci');

/** PxIE bits that exist (QEMU 7.2 keeps 0xfdc000ff of a write: AHCI 1.3 §3.3.6 reserved bits read 0). */
const PXIE_WRITABLE = 0xfdc000ff;
/** PxCMD bits the guest cannot write: CR, FR, CCS, MPSS, CPS, CPD... (QEMU's PORT_CMD_RO_MASK). */
const PXCMD_RO = 0x007dffe0;
const CFIS_SIZE = 0x80;
const FIS_LEN = 20;
const TWO_32 = 2 ** 32;

/**
 * One AHCI port (AHCI 1.3 §3.3) with an optional ATA disk: the port registers, the command list and
 * FIS receive engines, command processing (§5.5: command header → command table → register H2D FIS →
 * the disk's command set, PRDT scatter-gather into guest RAM) and the D2H / PIO Setup FISes posted to
 * the received-FIS area. Commands run to completion when PxCI is written (no BSY window).
 */
export class AhciPort {
  private clb = 0;
  private clbu = 0;
  private fb = 0;
  private fbu = 0;
  is = 0;
  ie = 0;
  private cmd = PXCMD_SUD | PXCMD_POD;
  private tfd = 0x7f;
  private sig = 0xffffffff;
  private sctl = 0;
  private serr = 0;
  private sact = 0;
  private ci = 0;
  private initD2hSent = false;
  /** The control-FIS SRST sequence (QEMU's STATE_RUN / STATE_RESET). */
  private srst = false;
  /** A command ended with an error: nothing more runs until software clears PxCMD.ST (§6.2.2). */
  private halted = false;
  readonly disk: SataDevice | undefined;

  constructor(private readonly dma: GuestDma, private readonly changed: () => void, disk?: SataDevice) {
    this.disk = disk;
  }

  private get listBase(): number {
    return this.clbu * TWO_32 + this.clb;
  }

  private get fisBase(): number {
    return this.fbu * TWO_32 + this.fb;
  }

  /** HBA reset (GHC.HR) and power-on: §10.4.3. */
  hbaReset(): void {
    this.is = 0;
    this.ie = 0;
    this.sctl = 0;
    this.cmd = PXCMD_SUD | PXCMD_POD;
    this.portReset();
  }

  /** COMRESET: the link comes back up and the disk sends its signature in the first D2H FIS. */
  private portReset(): void {
    this.serr = 0;
    this.sact = 0;
    this.ci = 0;
    this.halted = false;
    this.srst = false;
    this.tfd = 0x7f;
    this.sig = 0xffffffff;
    this.initD2hSent = false;
    if (!this.disk) return;
    this.disk.reset();
    this.initD2h();
  }

  /** Registers and engine state for a snapshot (the taskfile with them; the image is the drive's). */
  saveState(): Record<string, JsonValue> {
    return {
      clb: this.clb, clbu: this.clbu, fb: this.fb, fbu: this.fbu, is: this.is, ie: this.ie, cmd: this.cmd, tfd: this.tfd,
      sig: this.sig, sctl: this.sctl, serr: this.serr, sact: this.sact, ci: this.ci,
      initD2hSent: this.initD2hSent, srst: this.srst, halted: this.halted, disk: this.disk?.saveState() ?? null,
    };
  }

  loadState(o: Record<string, JsonValue>): void {
    this.clb = num(o, 'clb'); this.clbu = num(o, 'clbu'); this.fb = num(o, 'fb'); this.fbu = num(o, 'fbu');
    this.is = num(o, 'is'); this.ie = num(o, 'ie'); this.cmd = num(o, 'cmd'); this.tfd = num(o, 'tfd'); this.sig = num(o, 'sig');
    this.sctl = num(o, 'sctl'); this.serr = num(o, 'serr'); this.sact = num(o, 'sact'); this.ci = num(o, 'ci');
    this.initD2hSent = bool(o, 'initD2hSent'); this.srst = bool(o, 'srst'); this.halted = bool(o, 'halted');
    const d = o['disk'];
    if (this.disk && d && typeof d === 'object' && !Array.isArray(d)) this.disk.loadState(d);
  }

  read(reg: number): number {
    switch (reg) {
      case PX_CLB: return this.clb;
      case PX_CLBU: return this.clbu;
      case PX_FB: return this.fb;
      case PX_FBU: return this.fbu;
      case PX_IS: return this.is >>> 0;
      case PX_IE: return this.ie >>> 0;
      case PX_CMD: return this.cmd >>> 0;
      case PX_TFD: return this.tfd;
      case PX_SIG: return this.sig >>> 0;
      case PX_SSTS: return this.disk ? SSTS_DEVICE_ACTIVE : 0;
      case PX_SCTL: return this.sctl >>> 0;
      case PX_SERR: return this.serr >>> 0;
      case PX_SACT: return this.sact >>> 0;
      case PX_CI: return this.ci >>> 0;
      default: return 0;
    }
  }

  write(reg: number, value: number): void {
    const v = value >>> 0;
    switch (reg) {
      case PX_CLB: this.clb = v; break;
      case PX_CLBU: this.clbu = v; break;
      case PX_FB: this.fb = v; break;
      case PX_FBU: this.fbu = v; break;
      case PX_IS: this.is = (this.is & ~v) >>> 0; this.changed(); break;
      case PX_IE: this.ie = (v & PXIE_WRITABLE) >>> 0; this.changed(); break;
      case PX_CMD: this.writeCmd(v); break;
      case PX_SCTL:
        if ((this.sctl & SCTL_DET_MASK) === 1 && (v & SCTL_DET_MASK) === 0) this.portReset();
        this.sctl = v;
        break;
      case PX_SERR: this.serr = (this.serr & ~v) >>> 0; break;
      case PX_SACT: this.sact = (this.sact | v) >>> 0; break;
      case PX_CI: this.ci = (this.ci | v) >>> 0; this.run(); break;
      default: break; // TFD, SIG, SSTS are read-only
    }
  }

  private writeCmd(v: number): void {
    const wasStarted = (this.cmd & PXCMD_ST) !== 0;
    this.cmd = ((this.cmd & PXCMD_RO) | (v & ~(PXCMD_RO | PXCMD_ICC_MASK))) >>> 0;
    const st = (this.cmd & PXCMD_ST) !== 0;
    if (st && !(this.cmd & PXCMD_CR)) {
      if (this.dma.reachable(this.listBase, CMD_LIST_SIZE)) this.cmd |= PXCMD_CR;
      else {
        log('command list at 0x%s is not in RAM: PxCMD.ST stays clear', this.listBase.toString(16));
        this.cmd &= ~PXCMD_ST;
      }
    } else if (!st && this.cmd & PXCMD_CR) this.cmd &= ~PXCMD_CR;
    if (wasStarted && !st) {
      // §3.3.13/14: clearing ST clears PxSACT and PxCI and ends the error state.
      this.ci = 0;
      this.sact = 0;
      this.halted = false;
    }
    const fre = (this.cmd & PXCMD_FRE) !== 0;
    if (fre && !(this.cmd & PXCMD_FR)) {
      if (this.dma.reachable(this.fisBase, RFIS_SIZE)) this.cmd |= PXCMD_FR;
      else {
        log('FIS area at 0x%s is not in RAM: PxCMD.FRE stays clear', this.fisBase.toString(16));
        this.cmd &= ~PXCMD_FRE;
      }
    } else if (!fre && this.cmd & PXCMD_FR) this.cmd &= ~PXCMD_FR;
    this.cmd >>>= 0;
    if (this.cmd & PXCMD_FR) this.initD2h();
    this.run();
  }

  /** The first D2H FIS after reset carries the signature into PxSIG (§10.3.1). */
  private initD2h(): void {
    if (this.initD2hSent || !this.disk) return;
    if (!this.postFis(RFIS_RFIS, FIS_TYPE_REG_D2H, FIS_I)) return;
    this.initD2hSent = true;
    const tf = this.disk.tf;
    this.sig = ((tf.hcyl << 24) | (tf.lcyl << 16) | (tf.sector << 8) | (tf.nsector & 0xff)) >>> 0;
    this.raise(PXIS_DHRS, tf.status);
  }

  raise(bit: number, status: number): void {
    if (status & ATA_STATUS_ERR) this.is |= PXIS_TFES;
    this.is = (this.is | bit) >>> 0;
    this.changed();
  }

  /**
   * A device-to-host FIS with the taskfile into the received-FIS area; the taskfile also reaches
   * PxTFD. Nothing is posted (and PxTFD keeps its value) while FIS receive is off, as in QEMU.
   */
  postFis(offset: number, type: number, flags: number, pioCount = 0): boolean {
    const disk = this.disk;
    if (!disk || !(this.cmd & PXCMD_FR)) return false;
    const tf = disk.tf;
    const f = new Uint8Array(FIS_LEN);
    f[0] = type; f[1] = flags; f[2] = tf.status; f[3] = tf.error;
    f[4] = tf.sector; f[5] = tf.lcyl; f[6] = tf.hcyl; f[7] = tf.select;
    f[8] = tf.hobSector; f[9] = tf.hobLcyl; f[10] = tf.hobHcyl;
    f[12] = tf.nsector & 0xff; f[13] = (tf.nsector >> 8) & 0xff;
    if (type === FIS_TYPE_PIO_SETUP) {
      f[15] = tf.status; // E_Status
      f[16] = pioCount & 0xff; f[17] = pioCount >> 8;
    }
    this.dma.write(this.fisBase + offset, f);
    this.tfd = (tf.error << 8) | tf.status;
    return true;
  }

  /** Run the issued commands in slot order (§5.3.2); a failing one stays issued and halts the port. */
  private run(): void {
    if (!(this.cmd & PXCMD_ST) || !(this.cmd & PXCMD_CR) || !this.disk) return;
    for (let slot = 0; slot < 32 && this.ci !== 0 && !this.halted; slot++) {
      const bit = (1 << slot) >>> 0;
      if (!(this.ci & bit)) continue;
      if (this.execute(slot)) this.ci = (this.ci & ~bit) >>> 0;
      else this.halted = true;
    }
  }

  /** One command slot; false when it ended with an error. */
  private execute(slot: number): boolean {
    const disk = this.disk!;
    const headerAt = this.listBase + slot * CMD_HEADER_SIZE;
    const header = this.dma.read(headerAt, CMD_HEADER_SIZE);
    const dv = header && new DataView(header.buffer);
    const table = dv ? dv.getUint32(CMDH_CTBA, true) + dv.getUint32(CMDH_CTBA + 4, true) * TWO_32 : 0;
    const cfis = dv && this.dma.read(table + CT_CFIS, CFIS_SIZE);
    if (!dv || !cfis) {
      log('slot %d: command header or table outside RAM (host bus fatal error)', slot);
      this.raise(PXIS_HBFS, 0);
      return false;
    }
    if (cfis[0] !== FIS_TYPE_REG_H2D) {
      log('slot %d: FIS type 0x%s ignored', slot, cfis[0]!.toString(16));
      return true;
    }
    if (cfis[1]! & 0x7f) return true; // port multiplier or reserved bits: QEMU drops the FIS
    if (!(cfis[1]! & FIS_H2D_C)) {
      // A control FIS: SRST set, then cleared, resets the device (§10.4.1 software reset).
      if (cfis[15]! & FIS_CONTROL_SRST) this.srst = true;
      else if (this.srst) this.portReset();
      return true;
    }
    if (isNcq(cfis[2]!) && disk instanceof AtaDevice) return ncqCommand(this, disk, cfis, table, dv.getUint32(0, true) >>> CMDH_PRDTL_SHIFT);
    const tf = disk.tf;
    tf.feature = cfis[3]!; tf.sector = cfis[4]!; tf.lcyl = cfis[5]!; tf.hcyl = cfis[6]!; tf.select = cfis[7]!;
    tf.hobSector = cfis[8]!; tf.hobLcyl = cfis[9]!; tf.hobHcyl = cfis[10]!; tf.hobFeature = cfis[11]!;
    tf.nsector = cfis[12]! | (cfis[13]! << 8);
    const prdtl = dv.getUint32(0, true) >>> CMDH_PRDTL_SHIFT;
    let prdbc = 0;
    this.dma.write(headerAt + CMDH_PRDBC, new Uint8Array(4));
    let pioSetups = 0;
    const opts = dv.getUint32(0, true);
    const acmd = opts & CMDH_ATAPI ? this.dma.read(table + CT_ACMD, 16) : undefined;
    const phase: DataPhase = {
      acmd,
      hostWrites: (opts & CMDH_WRITE) !== 0,
      announcePacket: (length) => { this.postFis(RFIS_PSFIS, FIS_TYPE_PIO_SETUP, 0, length); },
      toHostClipped: (data) => {
        const r = this.scatter(table, prdtl, prdbc, data, 'in', true);
        if (r === 'done') prdbc += data.length;
        return r;
      },
      toHost: (data, pio) => {
        if (pio) { this.postFis(RFIS_PSFIS, FIS_TYPE_PIO_SETUP, FIS_I, data.length); pioSetups++; }
        const r = this.scatter(table, prdtl, prdbc, data, 'in');
        if (r === 'done') prdbc += data.length;
        return r;
      },
      fromHost: (length, pio) => {
        if (pio) this.postFis(RFIS_PSFIS, FIS_TYPE_PIO_SETUP, 0, length);
        const data = new Uint8Array(length);
        const r = this.scatter(table, prdtl, prdbc, data, 'out');
        if (r !== 'done') return r;
        prdbc += length;
        return data;
      },
    };
    disk.execute(cfis[2]!, phase);
    const count = new Uint8Array(4);
    new DataView(count.buffer).setUint32(0, prdbc, true);
    this.dma.write(headerAt + CMDH_PRDBC, count);
    if (this.hostError) {
      this.raise(PXIS_HBDS, 0);
      this.hostError = false;
    }
    if (pioSetups > 0) this.raise(PXIS_PSS, 0);
    if (this.postFis(RFIS_RFIS, FIS_TYPE_REG_D2H, FIS_I)) this.raise(PXIS_DHRS, tf.status);
    return (tf.status & ATA_STATUS_ERR) === 0;
  }

  hostError = false;

  /** NCQ: the tags the device has finished leave PxSACT (SATA 2.6 §13.6.4.2). */
  finishTags(tags: number): void {
    this.sact = (this.sact & ~tags) >>> 0;
  }

  /** PxTFD from a Set Device Bits FIS: BSY and DRQ are not in it and keep their value. */
  setTfdFromSdb(status: number, error: number): void {
    this.tfd = (error << 8) | (status & 0x77) | (this.tfd & 0x88);
  }

  get fisArea(): number {
    return this.fisBase;
  }

  get guestDma(): GuestDma {
    return this.dma;
  }

  get receivingFis(): boolean {
    return (this.cmd & PXCMD_FR) !== 0;
  }

  /**
   * Move `data` between the device and the PRDT's buffers, starting `offset` bytes into the
   * region list. A PRDT shorter than the data moves nothing ('short': QEMU ends the command with
   * good status), or with `clip` (ATAPI DMA) what fits; a PRDT or buffer outside RAM moves nothing
   * and is a host bus data error.
   */
  scatter(table: number, prdtl: number, offset: number, data: Uint8Array, dir: 'in' | 'out', clip = false): Transfer {
    const prdt = prdtl > 0 ? this.dma.read(table + CT_PRDT, prdtl * PRD_SIZE) : new Uint8Array(0);
    if (!prdt) { this.hostError = true; return 'fault'; }
    const dv = new DataView(prdt.buffer);
    const pieces: Array<{ addr: number; len: number }> = [];
    let skip = offset;
    let need = data.length;
    for (let i = 0; i < prdtl && need > 0; i++) {
      const addr = dv.getUint32(i * PRD_SIZE, true) + dv.getUint32(i * PRD_SIZE + 4, true) * TWO_32;
      let len = (dv.getUint32(i * PRD_SIZE + 12, true) & PRD_DBC_MASK) + 1;
      if (skip >= len) { skip -= len; continue; }
      const at = addr + skip;
      len -= skip;
      skip = 0;
      const n = Math.min(len, need);
      pieces.push({ addr: at, len: n });
      need -= n;
    }
    if (need > 0 && !clip) {
      log('PRDT of %d entries holds less than the %d bytes of the transfer', prdtl, data.length);
      return 'short';
    }
    if (!pieces.every((p) => this.dma.reachable(p.addr, p.len))) {
      log('PRDT points outside RAM (host bus data error)');
      this.hostError = true;
      return 'fault';
    }
    let pos = 0;
    for (const p of pieces) {
      if (dir === 'in') this.dma.write(p.addr, data.subarray(pos, pos + p.len));
      else data.set(this.dma.read(p.addr, p.len)!, pos);
      pos += p.len;
    }
    return 'done';
  }
}

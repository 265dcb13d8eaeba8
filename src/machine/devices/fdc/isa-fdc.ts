/**
 * The ISA floppy disk controller of QEMU 7.2 (isa-fdc, an Intel 82078 in AT mode): the registers
 * at 0x3F1-0x3F5 and 0x3F7, the command / execution / result phases of the data FIFO, reset with
 * its four SENSE INTERRUPT STATUS answers, IRQ 6, and data through ISA DMA channel 2 or, after
 * SPECIFY with ND, through the FIFO (non-DMA). The command set is fdc-commands.ts (given to it); the drives
 * floppy-drive.ts. Facts not in the 82078 data sheet are QEMU's (recorded in
 * test/fixtures/qtest/fdc-*.trace).
 */
import type { IoHandler } from '../../bus/io-handler.js';
import type { SavedTimer, VirtualClock, Timer } from '../../clock.js';
import type { IsaDma } from '../i8257.js';
import type { PartState } from '../../snapshot/part-state.js';
import { jsonObject, savedTimerOf, timerOf } from '../../snapshot/part-state.js';
import { FDC_DIR_DISK_CHANGED, FDC_DOR, FDC_DSR, FDC_MSR, FDC_REG, FDC_SIZE_CODE_512, FDC_ST0, FDC_ST1 } from '../../../spec/fdc.js';
import { FD_SECTOR, FloppyDrive } from './floppy-drive.js';
import { Dir, Phase } from './fdc-phase.js';
import { dmaTransfer } from './fdc-dma.js';

/** QEMU's MAX_FD: two drives, one select bit. */
const DRIVE_SELECT = 0x01;
/** TDR boot-select bits with two drives. */
const TDR_BOOTSEL = 0x04;
const SRA_NDRV2 = 0x40;
const SRB_RESET = 0xc0;
const SRB_MTR0 = 0x01;
const SRB_MTR1 = 0x02;
const SRB_DR0 = 0x20;
const RESET_SENSEI_COUNT = 4;
const STATE_MULTI = 0x01;
/** QEMU's initial CONFIGURE byte: implied seeks, FIFO disabled. */
const CONFIG_RESET = 0x40 | 0x20;
const VERSION_82078 = 0x90;

/** The command set (fdc-commands.ts): each opcode's parameter count, and its execution once they are in. */
export interface FdcCommandSet {
  parameters(opcode: number): number;
  execute(c: IsaFdc, opcode: number): void;
}

export class IsaFdc {
  readonly drives: readonly [FloppyDrive, FloppyDrive];
  readonly fifo = new Uint8Array(FD_SECTOR);
  sra = 0;
  srb = 0;
  dor = 0;
  tdr = 0;
  dsr = 0;
  msr = 0;
  curDrv = 0;
  status0 = 0;
  phase: Phase = Phase.Command;
  dataPos = 0;
  dataLen = 0;
  dataState = 0;
  dataDir: Dir = Dir.Write;
  eot = 0;
  timer0 = 0;
  timer1 = 0;
  precompTrk = 0;
  config = CONFIG_RESET;
  lock = 0;
  pwrd = 0;
  resetSensei = 0;
  readonly version = VERSION_82078;
  #irqPending = false;
  #resultTimer: Timer | undefined;
  /** When the pending READ ID answers (virtual ns), −1 when none: saved so a restore re-arms it. */
  #resultAt = -1;

  constructor(drives: readonly [FloppyDrive, FloppyDrive], private readonly setIrq: (level: boolean) => void,
    private readonly dma: IsaDma, readonly dmaChannel: number, private readonly clock: VirtualClock,
    private readonly commands: FdcCommandSet) {
    this.drives = drives;
    dma.registerChannel(dmaChannel, (_ch, pos, len) => this.dmaTransfer(pos, len));
    for (const d of drives) d.mediaChanged = 1;
  }

  /** The drive unit `n` means, after the TDR's boot-select swap (drv0/drv1). */
  drive(unit: number): FloppyDrive {
    const swap = (this.tdr & TDR_BOOTSEL) !== 0;
    return this.drives[(unit & 1) ^ (swap ? 1 : 0)]!;
  }

  get cur(): FloppyDrive {
    return this.drive(this.curDrv);
  }

  /** Machine reset (QEMU's device reset: fdctrl_reset without the interrupt). */
  reset(): void {
    this.resetController(false);
  }

  resetController(withIrq: boolean): void {
    this.resetIrq();
    this.sra = this.drives[1].present ? 0 : SRA_NDRV2;
    this.srb = SRB_RESET;
    this.curDrv = 0;
    this.dor = FDC_DOR.nReset | FDC_DOR.dmaEnable;
    this.msr = FDC_MSR.rqm;
    this.resetSensei = 0;
    this.cancelResultTimer();
    this.dataPos = 0;
    this.dataLen = 0;
    this.dataState = 0;
    this.dataDir = Dir.Write;
    for (const d of this.drives) d.recalibrate();
    this.toCommandPhase();
    if (withIrq) {
      this.status0 |= FDC_ST0.readyChange;
      this.raiseIrq();
      this.resetSensei = RESET_SENSEI_COUNT;
    }
  }

  resetIrq(): void {
    this.status0 = 0;
    if (!this.#irqPending) return;
    this.#irqPending = false;
    this.setIrq(false);
  }

  raiseIrq(): void {
    if (!this.#irqPending) {
      this.#irqPending = true;
      this.setIrq(true);
    }
    this.resetSensei = 0;
  }

  get irqPending(): boolean {
    return this.#irqPending;
  }

  get inReset(): boolean {
    return (this.dor & FDC_DOR.nReset) === 0;
  }

  toCommandPhase(): void {
    this.phase = Phase.Command;
    this.dataDir = Dir.Write;
    this.dataPos = 0;
    this.dataLen = 1;
    this.msr &= ~(FDC_MSR.cmdBusy | FDC_MSR.dio);
    this.msr |= FDC_MSR.rqm;
  }

  toResultPhase(length: number): void {
    this.phase = Phase.Result;
    this.dataDir = Dir.Read;
    this.dataLen = length;
    this.dataPos = 0;
    this.msr |= FDC_MSR.cmdBusy | FDC_MSR.rqm | FDC_MSR.dio;
  }

  /** End of a data command: the seven result bytes (ST0-ST2, C, H, R, N) and the interrupt. */
  stopTransfer(st0: number, st1: number, st2: number): void {
    const d = this.cur;
    this.status0 &= ~(0x01 | 0x02 | FDC_ST0.head);
    this.status0 |= this.curDrv;
    if (d.head) this.status0 |= FDC_ST0.head;
    this.status0 |= st0;
    this.fifo.set([this.status0, st1, st2, d.track, d.head, d.sect, FDC_SIZE_CODE_512]);
    this.dataDir = Dir.Read;
    if (!(this.msr & FDC_MSR.nonDma)) this.dma.releaseDreq(this.dmaChannel);
    this.msr |= FDC_MSR.rqm | FDC_MSR.dio;
    this.msr &= ~FDC_MSR.nonDma;
    this.toResultPhase(7);
    this.raiseIrq();
  }

  /** Seek to the next sector of a multi-sector transfer (fdctrl_seek_to_next_sect): false at the end of the track or cylinder. */
  seekToNextSect(d: FloppyDrive): boolean {
    let head = d.head;
    let track = d.track;
    let sect = d.sect;
    let ok = true;
    if (sect >= d.lastSect || sect === this.eot) {
      sect = 1;
      if (this.dataState & STATE_MULTI) {
        if (head === 0 && d.doubleSided) head = 1;
        else {
          head = 0;
          track++;
          this.status0 |= FDC_ST0.seekEnd;
          if (!d.doubleSided) ok = false;
        }
      } else {
        this.status0 |= FDC_ST0.seekEnd;
        track++;
        ok = false;
      }
    } else {
      sect++;
    }
    d.seek(head, track & 0xff, sect);
    return ok;
  }

  setMultiTrack(on: boolean): void {
    if (on) this.dataState |= STATE_MULTI;
    else this.dataState &= ~STATE_MULTI;
  }

  /** READ ID's result after `delayNs` of virtual time (QEMU's result timer). */
  scheduleReadIdResult(delayNs: number): void {
    this.cancelResultTimer();
    this.armResultTimer(this.clock.now() + delayNs);
  }

  private armResultTimer(at: number, saved?: SavedTimer): void {
    this.#resultAt = at;
    const fire = (): void => {
      this.#resultTimer = undefined;
      this.#resultAt = -1;
      this.readIdResult();
    };
    this.#resultTimer = saved ? this.clock.restore(saved, fire) : this.clock.schedule(at, fire);
  }

  /** The head is over the next sector ("pretend we are spinning"); the medium answers only at its data rate. */
  private readIdResult(): void {
    const d = this.cur;
    if (d.lastSect !== 0) d.sect = (d.sect % d.lastSect) + 1;
    if ((this.dsr & FDC_DSR.rateMask) !== d.mediaRate) this.stopTransfer(FDC_ST0.abnormal, FDC_ST1.missingAddress, 0);
    else this.stopTransfer(0, 0, 0);
  }

  private cancelResultTimer(): void {
    if (this.#resultTimer) this.clock.cancel(this.#resultTimer);
    this.#resultTimer = undefined;
    this.#resultAt = -1;
  }

  holdDreq(): void {
    this.dma.holdDreq(this.dmaChannel);
  }

  /** The DMA side of a data command (fdc-dma.ts): returns the new DMA position. */
  dmaTransfer(_pos: number, dmaLen: number): number {
    return dmaTransfer(this, this.dma, this.dmaChannel, dmaLen);
  }

  // ---- registers ----

  readonly ports: IoHandler = {
    sizes: 1,
    read: (offset) => this.readRegister(offset & 7),
    write: (offset, _size, value) => this.writeRegister(offset & 7, value & 0xff),
  };

  private readRegister(reg: number): number {
    switch (reg) {
      case 0: return this.sra;
      case FDC_REG.srb: return this.srb;
      case FDC_REG.dor: return this.dor | this.curDrv;
      case FDC_REG.tdr: return this.tdr;
      case FDC_REG.msr: {
        // Reading the MSR takes the controller out of power-down and out of reset (without a reset).
        this.dsr &= ~FDC_DSR.powerDown;
        this.dor |= FDC_DOR.nReset;
        return this.msr;
      }
      case FDC_REG.fifo: return this.readData();
      case FDC_REG.dir: return this.cur.mediaChanged ? FDC_DIR_DISK_CHANGED : 0;
      default: return 0xff;
    }
  }

  private writeRegister(reg: number, value: number): void {
    switch (reg) {
      case FDC_REG.dor: return this.writeDor(value);
      case FDC_REG.tdr:
        if (!this.inReset) this.tdr = value & TDR_BOOTSEL;
        return;
      case FDC_REG.dsr: return this.writeDsr(value);
      case FDC_REG.fifo: return this.writeData(value);
      case FDC_REG.ccr:
        if (!this.inReset) this.dsr = (this.dsr & ~FDC_DSR.rateMask) | (value & FDC_DSR.rateMask);
        return;
      default:
    }
  }

  private writeDor(value: number): void {
    this.srb = value & FDC_DOR.motor0 ? this.srb | SRB_MTR0 : this.srb & ~SRB_MTR0;
    this.srb = value & FDC_DOR.motor1 ? this.srb | SRB_MTR1 : this.srb & ~SRB_MTR1;
    this.srb = value & 1 ? this.srb | SRB_DR0 : this.srb & ~SRB_DR0;
    if ((value & FDC_DOR.nReset) && this.inReset) {
      this.resetController(true);
      this.dsr &= ~FDC_DSR.powerDown;
    }
    this.curDrv = value & DRIVE_SELECT;
    this.dor = value;
  }

  private writeDsr(value: number): void {
    if (this.inReset) return;
    if (value & FDC_DSR.swReset) {
      this.dor &= ~FDC_DOR.nReset;
      this.resetController(true);
      this.dor |= FDC_DOR.nReset;
    }
    if (value & FDC_DSR.powerDown) this.resetController(true);
    this.dsr = value;
  }

  private readData(): number {
    const d = this.cur;
    this.dsr &= ~FDC_DSR.powerDown;
    if (!(this.msr & FDC_MSR.rqm) || !(this.msr & FDC_MSR.dio)) return 0;
    const pos = this.dataPos % FD_SECTOR;
    if (this.phase === Phase.Execution) {
      if (pos === 0) {
        if (this.dataPos !== 0 && !this.seekToNextSect(d)) return 0;
        if (!d.readSector(this.fifo)) this.fifo.fill(0);
      }
      if (++this.dataPos === this.dataLen) {
        this.msr &= ~FDC_MSR.rqm;
        this.stopTransfer(0, 0, 0);
      }
    } else if (this.phase === Phase.Result) {
      if (++this.dataPos === this.dataLen) {
        this.msr &= ~FDC_MSR.rqm;
        this.toCommandPhase();
        this.resetIrq();
      }
    }
    return this.fifo[pos]!;
  }

  private writeData(value: number): void {
    if (this.inReset) return;
    if (!(this.msr & FDC_MSR.rqm) || (this.msr & FDC_MSR.dio)) return;
    this.dsr &= ~FDC_DSR.powerDown;
    const pos = this.dataPos++ % FD_SECTOR;
    this.fifo[pos] = value;
    if (this.dataPos === this.dataLen) this.msr &= ~FDC_MSR.rqm;
    if (this.phase === Phase.Execution) {
      // Non-DMA WRITE DATA: each full sector goes to the medium.
      // A failed write or the end of the track leaves the phase as it is (QEMU breaks out there).
      if (pos === FD_SECTOR - 1 || this.dataPos === this.dataLen) {
        const d = this.cur;
        if (!d.writeSector(this.fifo) || !this.seekToNextSect(d)) return;
      }
      if (this.dataPos === this.dataLen) this.stopTransfer(0, 0, 0);
      return;
    }
    if (this.phase !== Phase.Command) return;
    if (pos === 0) {
      const parameters = this.commands.parameters(value);
      this.dataLen = parameters + 1;
      if (parameters) this.msr |= FDC_MSR.rqm;
      this.msr |= FDC_MSR.cmdBusy;
    }
    if (this.dataPos === this.dataLen) {
      this.phase = Phase.Execution;
      this.commands.execute(this, this.fifo[0]!);
    }
  }

  // ---- snapshot ----

  saveState(): PartState {
    return {
      json: {
        regs: [this.sra, this.srb, this.dor, this.tdr, this.dsr, this.msr, this.curDrv, this.status0, this.phase, this.dataPos,
          this.dataLen, this.dataState, this.dataDir, this.eot, this.timer0, this.timer1, this.precompTrk, this.config, this.lock,
          this.pwrd, this.resetSensei, this.#irqPending ? 1 : 0, this.#resultAt],
        drives: this.drives.map((d) => d.saveState()),
        resultTimer: timerOf(this.#resultTimer),
      },
      bytes: this.fifo.slice(),
    };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'fdc');
    const r = (o.regs as number[]).map(Number);
    [this.sra, this.srb, this.dor, this.tdr, this.dsr, this.msr, this.curDrv, this.status0, this.phase, this.dataPos,
      this.dataLen, this.dataState, this.dataDir, this.eot, this.timer0, this.timer1, this.precompTrk, this.config, this.lock,
      this.pwrd, this.resetSensei] = r as [number, number, number, number, number, number, number, number, Phase, number,
      number, number, Dir, number, number, number, number, number, number, number, number];
    this.#irqPending = r[21] === 1;
    this.cancelResultTimer();
    // The timer's place among timers due at the same instant (decision 0048), when the file has it.
    if ((r[22] ?? -1) >= 0) this.armResultTimer(r[22]!, o.resultTimer === undefined ? undefined : savedTimerOf(o, 'resultTimer'));
    (o.drives as Array<Record<string, number>>).forEach((s, i) => this.drives[i]?.loadState(s));
    if (state.bytes) this.fifo.set(state.bytes.subarray(0, FD_SECTOR));
  }
}

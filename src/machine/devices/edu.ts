import type { AccessSize, IoHandler } from '../bus/io-handler.js';
import { allOnes } from '../bus/io-handler.js';
import type { SavedTimer, VirtualClock, Timer } from '../clock.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bool, jsonObject, num, bytesOf, savedTimerOf, timerOf } from '../snapshot/part-state.js';
import { logger } from '../../lib/log.js';

const log = logger('edu');

/** BAR0 registers (QEMU's docs/specs/edu.txt). */
const REG_ID = 0x00;
const REG_LIVENESS = 0x04;
const REG_FACTORIAL = 0x08;
const REG_STATUS = 0x20;
const REG_IRQ_STATUS = 0x24;
const REG_IRQ_RAISE = 0x60;
const REG_IRQ_ACK = 0x64;
const REG_DMA_SRC = 0x80;
const REG_DMA_DST = 0x88;
const REG_DMA_CNT = 0x90;
const REG_DMA_CMD = 0x98;
/** Major 1, minor 0, "ed". */
const EDU_ID = 0x010000ed;
const STATUS_COMPUTING = 0x01;
const STATUS_IRQFACT = 0x80;
const FACT_IRQ = 0x00000001;
const DMA_IRQ = 0x00000100;
const DMA_CMD_RUN = 0x1;
const DMA_CMD_TO_PCI = 0x2;
const DMA_CMD_IRQ = 0x4;
/** The device's 4 KiB DMA buffer, at this address in the DMA registers' terms. */
export const EDU_DMA_START = 0x40000;
export const EDU_DMA_SIZE = 4096;
/** The DMA runs this long after its command (QEMU: a QEMU_CLOCK_VIRTUAL timer, now in ms + 100). */
const DMA_DELAY_MS = 100;
const NS_PER_MS = 1e6;
/** From 34! on, 2^32 divides the product: the 32-bit factorial is 0 (so no loop runs long). */
const FACTORIAL_ZERO_FROM = 34;
const TWO_32 = 2 ** 32;

/** What the edu device drives: its PCI function's INTx and MSI, and bus-master DMA. */
export interface EduLinks {
  intx(level: boolean): void;
  msiEnabled(): boolean;
  msiNotify(): void;
  /** Bus-master reads and writes of guest memory (nothing moves while bus mastering is off). */
  dmaRead(address: number, length: number): Uint8Array | undefined;
  dmaWrite(address: number, bytes: Uint8Array): void;
}

/** n! modulo 2^32, as the device's 32-bit register holds it. */
export function factorial32(n: number): number {
  if (n >= FACTORIAL_ZERO_FROM) return 0;
  let r = 1;
  for (let k = n; k > 0; k--) r = Math.imul(r, k) >>> 0;
  return r;
}

/**
 * QEMU 7.2's educational PCI device (hw/misc/edu.c, docs/specs/edu.txt), BAR0's registers:
 * identification, liveness check, factorial with its completion interrupt, the interrupt
 * status/raise/acknowledge registers, and DMA between guest memory and a 4 KiB buffer.
 *
 * Timing on the virtual clock: QEMU computes the factorial in a thread, so a guest sees the
 * computing bit for an unspecified while; here the result and its interrupt are there as the
 * write completes. DMA runs 100 ms (virtual) after the command, as QEMU's timer does. QEMU has no
 * reset for the device: its registers survive a system reset.
 */
export class Edu implements IoHandler, Snapshottable {
  #addr4 = 0;
  #fact = 0;
  #status = 0;
  #irqStatus = 0;
  #dmaSrc = 0;
  #dmaDst = 0;
  #dmaCnt = 0;
  #dmaCmd = 0;
  #dmaAt: number | undefined;
  #timer: Timer | undefined;
  readonly buffer = new Uint8Array(EDU_DMA_SIZE);

  constructor(private readonly clock: VirtualClock, private readonly links: EduLinks, readonly dmaMask = 2 ** 28 - 1) {}

  get irqStatus(): number {
    return this.#irqStatus;
  }

  read(offset: number, size: AccessSize): number {
    // QEMU's memory core refuses what edu's ops do not take (dwords and qwords, aligned): reads 0.
    if (!this.accepted(offset, size)) return 0;
    if (!this.sizeOk(offset, size)) return allOnes(size);
    switch (offset) {
      case REG_ID: return EDU_ID;
      case REG_LIVENESS: return this.#addr4;
      case REG_FACTORIAL: return this.#fact;
      case REG_STATUS: return this.#status;
      case REG_IRQ_STATUS: return this.#irqStatus;
      case REG_DMA_SRC: return truncate(this.#dmaSrc, size);
      case REG_DMA_DST: return truncate(this.#dmaDst, size);
      case REG_DMA_CNT: return truncate(this.#dmaCnt, size);
      case REG_DMA_CMD: return truncate(this.#dmaCmd, size);
      default: return allOnes(size);
    }
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (!this.accepted(offset, size) || !this.sizeOk(offset, size)) return;
    const v32 = value >>> 0;
    switch (offset) {
      case REG_LIVENESS: this.#addr4 = ~v32 >>> 0; break;
      case REG_FACTORIAL: this.startFactorial(v32); break;
      case REG_STATUS: this.#status = v32 & STATUS_IRQFACT ? this.#status | STATUS_IRQFACT : this.#status & ~STATUS_IRQFACT; break;
      case REG_IRQ_RAISE: this.raise(v32); break;
      case REG_IRQ_ACK: this.lower(v32); break;
      // The DMA registers are frozen while a transfer is pending.
      case REG_DMA_SRC: if (!this.dmaBusy) this.#dmaSrc = value; break;
      case REG_DMA_DST: if (!this.dmaBusy) this.#dmaDst = value; break;
      case REG_DMA_CNT: if (!this.dmaBusy) this.#dmaCnt = value; break;
      case REG_DMA_CMD:
        if (!(value & DMA_CMD_RUN) || this.dmaBusy) break;
        this.#dmaCmd = value;
        this.armDma(Math.floor(this.clock.now() / NS_PER_MS) * NS_PER_MS + DMA_DELAY_MS * NS_PER_MS);
        break;
      default: break;
    }
  }

  private accepted(offset: number, size: number): boolean {
    return (size === 4 || size === 8) && offset % size === 0;
  }

  /** Dwords below 0x80; dwords or qwords from 0x80 (the DMA registers). */
  private sizeOk(offset: number, size: number): boolean {
    return offset < REG_DMA_SRC ? size === 4 : size === 4 || size === 8;
  }

  private get dmaBusy(): boolean {
    return (this.#dmaCmd & DMA_CMD_RUN) !== 0;
  }

  private startFactorial(n: number): void {
    if (this.#status & STATUS_COMPUTING) return;
    this.#fact = factorial32(n);
    if (this.#status & STATUS_IRQFACT) this.raise(FACT_IRQ);
  }

  private raise(bits: number): void {
    this.#irqStatus = (this.#irqStatus | bits) >>> 0;
    if (this.#irqStatus === 0) return;
    if (this.links.msiEnabled()) this.links.msiNotify();
    else this.links.intx(true);
  }

  private lower(bits: number): void {
    this.#irqStatus = (this.#irqStatus & ~bits) >>> 0;
    if (this.#irqStatus === 0 && !this.links.msiEnabled()) this.links.intx(false);
  }

  private armDma(at: number, saved?: SavedTimer): void {
    if (this.#timer) this.clock.cancel(this.#timer);
    this.#dmaAt = at;
    const fire = (): void => {
      this.#timer = undefined;
      this.#dmaAt = undefined;
      this.runDma();
    };
    this.#timer = saved ? this.clock.restore(saved, fire) : this.clock.schedule(at, fire);
  }

  /** QEMU's edu_dma_timer. A range outside the buffer moves nothing (QEMU 7.2 aborts or overruns there). */
  private runDma(): void {
    if (!this.dmaBusy) return;
    const toPci = (this.#dmaCmd & DMA_CMD_TO_PCI) !== 0;
    const cnt = this.#dmaCnt;
    const inside = (start: number) => start >= EDU_DMA_START && start + cnt <= EDU_DMA_START + EDU_DMA_SIZE;
    if (!toPci && inside(this.#dmaDst)) {
      const data = this.links.dmaRead(this.clamp(this.#dmaSrc), cnt);
      if (data) this.buffer.set(data, this.#dmaDst - EDU_DMA_START);
    } else if (toPci && inside(this.#dmaSrc)) {
      const at = this.#dmaSrc - EDU_DMA_START;
      this.links.dmaWrite(this.clamp(this.#dmaDst), this.buffer.slice(at, at + cnt));
    } else log('DMA %s of %d bytes outside the buffer: nothing moved', toPci ? 'to memory' : 'from memory', cnt);
    this.#dmaCmd &= ~DMA_CMD_RUN;
    if (this.#dmaCmd & DMA_CMD_IRQ) this.raise(DMA_IRQ);
  }

  private clamp(address: number): number {
    // dma_mask is below 2^53 here; the AND is done on the two 32-bit halves.
    const lo = (address % TWO_32) & (this.dmaMask % TWO_32);
    const hi = Math.floor(address / TWO_32) & Math.floor(this.dmaMask / TWO_32);
    return hi * TWO_32 + (lo >>> 0);
  }

  saveState(): PartState {
    return {
      json: {
        addr4: this.#addr4, fact: this.#fact, status: this.#status, irqStatus: this.#irqStatus, dmaSrc: this.#dmaSrc,
        dmaDst: this.#dmaDst, dmaCnt: this.#dmaCnt, dmaCmd: this.#dmaCmd, dmaPending: this.#dmaAt !== undefined, dmaAt: this.#dmaAt ?? 0,
        timer: timerOf(this.#timer),
      },
      bytes: this.buffer.slice(),
    };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'edu');
    this.#addr4 = num(o, 'addr4');
    this.#fact = num(o, 'fact');
    this.#status = num(o, 'status');
    this.#irqStatus = num(o, 'irqStatus');
    this.#dmaSrc = num(o, 'dmaSrc');
    this.#dmaDst = num(o, 'dmaDst');
    this.#dmaCnt = num(o, 'dmaCnt');
    this.#dmaCmd = num(o, 'dmaCmd');
    this.buffer.set(bytesOf(state, 'edu', EDU_DMA_SIZE));
    if (this.#timer) this.clock.cancel(this.#timer);
    this.#timer = undefined;
    this.#dmaAt = undefined;
    // The DMA timer's place among timers due at the same instant (decision 0048), when the file has it.
    if (bool(o, 'dmaPending')) this.armDma(num(o, 'dmaAt'), o.timer === undefined ? undefined : savedTimerOf(o, 'timer'));
  }
}

function truncate(v: number, size: number): number {
  return size === 8 ? v : v % TWO_32 >>> 0;
}

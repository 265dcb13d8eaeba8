import type { IoHandler } from '../bus/io-handler.js';
import type { Timer, VirtualClock } from '../clock.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, jsonObject, loadFields, saveFields, savedTimerOf, timerOf } from '../snapshot/part-state.js';

/** Register offsets (IA-PC HPET spec 1.0a §2.3). */
const REG_CAP = 0x000;
const REG_CONFIG = 0x010;
const REG_ISR = 0x020;
const REG_COUNTER = 0x0f0;
const TIMER_BASE = 0x100;
const TIMER_STRIDE = 0x20;
const T_CONFIG = 0x00;
const T_COMPARATOR = 0x08;
const T_FSB = 0x10;
export const HPET_TIMERS = 3;
/** The counter's period: 10 ns (100 MHz), in femtoseconds as GCAP_ID bits 63:32 give it. */
const HPET_PERIOD_NS = 10;
const HPET_PERIOD_FS = HPET_PERIOD_NS * 1_000_000;
/** GCAP_ID low: vendor 8086, legacy-replacement capable, 64-bit counter, rev 1, timers − 1. */
const CAP_LOW = 0x8086a001 | ((HPET_TIMERS - 1) << 8);
const CFG_ENABLE = 0x1;
const CFG_LEGACY = 0x2;
const CFG_WRITE_MASK = 0x3;
const TN_LEVEL = 1n << 1n;
const TN_ENABLE = 1n << 2n;
const TN_PERIODIC = 1n << 3n;
const TN_PERIODIC_CAP = 1n << 4n;
const TN_SIZE_CAP = 1n << 5n;
const TN_SETVAL = 1n << 6n;
const TN_32BIT = 1n << 8n;
const TN_FSB_ENABLE = 1n << 14n;
/** Bits software may change in a timer's configuration (the rest are capabilities). */
const TN_CFG_WRITE_MASK = 0x7f4en;
const M32 = 0xffffffffn;
const M64 = (1n << 64n) - 1n;
export const RTC_ISA_IRQ = 8;

export interface HpetLines {
  /** An interrupt route (GSI / ISA IRQ) changes level. */
  setIrq(route: number, level: boolean): void;
  /** Legacy replacement takes IRQ0 from the PIT and IRQ8 from the RTC (QEMU's pit_enabled / rtc irq gate). */
  legacyMode(on: boolean): void;
}

class HpetTimer {
  config = 0n;
  cmp = M64;
  period = 0n;
  fsb = 0n;
  wrap = false;
  handle: Timer | undefined;
  constructor(readonly index: number, readonly routeCap: number) { this.reset(); }
  reset(): void {
    this.config = TN_PERIODIC_CAP | TN_SIZE_CAP | (BigInt(this.routeCap) << 32n);
    this.cmp = M64;
    this.period = 0n;
    this.fsb = 0n;
    this.wrap = false;
  }
  get periodic(): boolean { return (this.config & TN_PERIODIC) !== 0n; }
  get is32(): boolean { return (this.config & TN_32BIT) !== 0n; }
  get route(): number { return Number((this.config >> 9n) & 0x1fn); }
}

/**
 * The HPET at 0xFED00000 as QEMU's (3 timers, 100 MHz, legacy replacement): the main counter
 * runs from the virtual clock while enabled; timers fire on comparator matches, one-shot or
 * periodic, edge or level, on their route (or IRQ0/IRQ8 in legacy mode).
 */
export class Hpet implements IoHandler, Snapshottable {
  readonly sizes = 4;
  config = 0;
  isr = 0;
  private counter = 0n;
  private offsetNs = 0;
  readonly timers: HpetTimer[];

  /** `routeCap` is the allowed-route bitmap of every timer (pc: 0x4, q35: 0xFF0104 in QEMU 7.2). */
  constructor(private readonly clock: VirtualClock, private readonly lines: HpetLines, routeCap: number) {
    this.timers = Array.from({ length: HPET_TIMERS }, (_, i) => new HpetTimer(i, routeCap));
  }

  get enabled(): boolean { return (this.config & CFG_ENABLE) !== 0; }
  get legacy(): boolean { return (this.config & CFG_LEGACY) !== 0; }

  ticks(): bigint {
    if (!this.enabled) return this.counter;
    return BigInt(Math.floor((this.clock.now() + this.offsetNs) / HPET_PERIOD_NS)) & M64;
  }

  private diff(t: HpetTimer, now: bigint): bigint {
    if (t.is32) {
      const d = ((t.cmp & M32) - (now & M32)) & M32;
      return d > 0n && d < 0x80000000n ? d : 1n;
    }
    const d = (t.cmp - now) & M64;
    return d > 0n && d < 1n << 63n ? d : 1n;
  }

  private arm(t: HpetTimer): void {
    this.disarm(t);
    if (!this.enabled || (t.config & TN_ENABLE) === 0n) return;
    const now = this.ticks();
    let d = this.diff(t, now);
    t.wrap = false;
    if (t.is32 && !t.periodic) {
      const toWrap = M32 - (now & M32);
      if (toWrap < d) { d = toWrap; t.wrap = true; }
    }
    const at = this.clock.now() + Number(d) * HPET_PERIOD_NS;
    t.handle = this.clock.schedule(at, () => { t.handle = undefined; this.expire(t); });
  }

  private disarm(t: HpetTimer): void {
    if (t.handle) this.clock.cancel(t.handle);
    t.handle = undefined;
  }

  private expire(t: HpetTimer): void {
    const now = this.ticks();
    if (t.periodic && t.period !== 0n) {
      if (t.is32) while (((now - t.cmp) & M32) < 0x80000000n && (now & M32) !== (t.cmp & M32)) t.cmp = (t.cmp + t.period) & M32;
      else while (((now - t.cmp) & M64) < 1n << 63n && now !== t.cmp) t.cmp = (t.cmp + t.period) & M64;
      if (now === t.cmp) t.cmp = (t.cmp + t.period) & (t.is32 ? M32 : M64);
      this.arm(t);
    } else if (t.wrap) {
      this.arm(t);
      return;
    }
    this.updateIrq(t, true);
  }

  private routeOf(t: HpetTimer): number {
    if (t.index <= 1 && this.legacy) return t.index === 0 ? 0 : RTC_ISA_IRQ;
    return t.route;
  }

  private updateIrq(t: HpetTimer, set: boolean): void {
    const mask = 1 << t.index;
    const route = this.routeOf(t);
    if (!set || (t.config & TN_ENABLE) === 0n || !this.enabled) {
      this.isr &= ~mask;
      if ((t.config & TN_FSB_ENABLE) === 0n) this.lines.setIrq(route, false);
    } else if (t.config & TN_FSB_ENABLE) {
      // FSB (MSI) delivery is not advertised (no FSB capability bit): nothing to send.
    } else if (t.config & TN_LEVEL) {
      this.isr |= mask;
      this.lines.setIrq(route, true);
    } else {
      this.isr &= ~mask;
      this.lines.setIrq(route, true);
      this.lines.setIrq(route, false);
    }
  }

  read(offset: number, size: number): number {
    if (size !== 4) return 0;
    const hi = (offset & 4) !== 0;
    const a = offset & ~7;
    const half = (v: bigint) => Number(hi ? (v >> 32n) & M32 : v & M32);
    if (a >= TIMER_BASE) {
      const t = this.timers[(a - TIMER_BASE) / TIMER_STRIDE | 0];
      if (!t) return 0;
      switch ((a - TIMER_BASE) % TIMER_STRIDE) {
        case T_CONFIG: return half(t.config);
        case T_COMPARATOR: return half(t.cmp);
        case T_FSB: return half(t.fsb);
        default: return 0;
      }
    }
    switch (a) {
      case REG_CAP: return hi ? HPET_PERIOD_FS : CAP_LOW >>> 0;
      case REG_CONFIG: return hi ? 0 : this.config;
      case REG_ISR: return hi ? 0 : this.isr;
      case REG_COUNTER: return half(this.ticks());
      default: return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (size !== 4) return;
    const hi = (offset & 4) !== 0;
    const a = offset & ~7;
    const v = BigInt(value >>> 0);
    const put = (old: bigint) => (hi ? (old & M32) | (v << 32n) : (old & ~M32 & M64) | v);
    if (a >= TIMER_BASE) {
      const t = this.timers[(a - TIMER_BASE) / TIMER_STRIDE | 0];
      if (t) this.writeTimer(t, (a - TIMER_BASE) % TIMER_STRIDE, hi, v, put);
      return;
    }
    switch (a) {
      case REG_CONFIG: if (!hi) this.writeConfig(value & CFG_WRITE_MASK); break;
      case REG_ISR:
        if (hi) break;
        for (const t of this.timers) if (value & this.isr & (1 << t.index)) this.updateIrq(t, false);
        break;
      case REG_COUNTER: this.counter = put(this.counter); break;
      default: break;
    }
  }

  private writeTimer(t: HpetTimer, reg: number, hi: boolean, v: bigint, put: (old: bigint) => bigint): void {
    switch (reg) {
      case T_CONFIG: {
        if (hi) break;
        const old = t.config;
        t.config = (old & ~TN_CFG_WRITE_MASK) | (v & TN_CFG_WRITE_MASK);
        if (t.config & TN_32BIT) { t.cmp &= M32; t.period &= M32; }
        if ((old & TN_LEVEL) !== 0n && (t.config & TN_LEVEL) === 0n) this.isr &= ~(1 << t.index);
        if ((old & TN_ENABLE) === 0n && (t.config & TN_ENABLE) !== 0n) this.arm(t);
        else if ((old & TN_ENABLE) !== 0n && (t.config & TN_ENABLE) === 0n) { this.disarm(t); this.updateIrq(t, false); }
        break;
      }
      case T_COMPARATOR: {
        const val = hi ? v : t.is32 ? v & M32 : v;
        if (!t.periodic || (t.config & TN_SETVAL) !== 0n) t.cmp = hi ? (t.cmp & M32) | (val << 32n) : (t.cmp & ~M32 & M64) | val;
        if (t.periodic) t.period = hi ? (t.period & M32) | (val << 32n) : (t.period & ~M32 & M64) | val;
        t.config &= ~TN_SETVAL;
        if (this.enabled) this.arm(t);
        break;
      }
      case T_FSB: t.fsb = put(t.fsb); break;
      default: break;
    }
  }

  private writeConfig(nv: number): void {
    const old = this.config;
    this.config = nv;
    if (!(old & CFG_ENABLE) && nv & CFG_ENABLE) {
      this.offsetNs = Number(this.counter) * HPET_PERIOD_NS - this.clock.now();
      for (const t of this.timers) if (t.cmp !== M64) this.arm(t);
    } else if (old & CFG_ENABLE && !(nv & CFG_ENABLE)) {
      this.counter = BigInt(Math.floor((this.clock.now() + this.offsetNs) / HPET_PERIOD_NS)) & M64;
      for (const t of this.timers) this.disarm(t);
    }
    if (!(old & CFG_LEGACY) && nv & CFG_LEGACY) {
      this.lines.legacyMode(true);
      this.lines.setIrq(0, false);
      this.lines.setIrq(RTC_ISA_IRQ, false);
    } else if (old & CFG_LEGACY && !(nv & CFG_LEGACY)) {
      this.lines.setIrq(0, false);
      this.lines.legacyMode(false);
    }
  }

  reset(): void {
    for (const t of this.timers) { this.disarm(t); t.reset(); }
    if (this.legacy) this.lines.legacyMode(false);
    this.config = 0;
    this.isr = 0;
    this.counter = 0n;
    this.offsetNs = 0;
  }

  /** Main counter state, every timer's registers and pending comparator match (decision 0048); legacy routing is the board's. */
  saveState(): PartState {
    return {
      json: {
        ...saveFields(this, ['config', 'isr', 'counter', 'offsetNs']),
        timers: this.timers.map((t) => ({ ...saveFields(t, TIMER_FIELDS), handle: timerOf(t.handle) })),
      },
    };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'hpet');
    loadFields(this, o, ['config', 'isr', 'counter', 'offsetNs']);
    const timers = arr(o, 'timers');
    if (timers.length !== this.timers.length) throw new SnapshotMismatch(`hpet: ${timers.length} timers saved, ${this.timers.length} here`);
    timers.forEach((j, i) => {
      if (j === null || typeof j !== 'object' || Array.isArray(j)) throw new SnapshotMismatch('hpet: bad timer');
      const t = this.timers[i]!;
      loadFields(t, j, TIMER_FIELDS);
      this.disarm(t);
      const saved = savedTimerOf(j, 'handle');
      if (saved) t.handle = this.clock.restore(saved, () => { t.handle = undefined; this.expire(t); });
    });
  }
}

const TIMER_FIELDS = ['config', 'cmp', 'period', 'fsb', 'wrap'];

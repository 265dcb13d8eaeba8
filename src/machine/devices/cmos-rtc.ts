import type { IoHandler } from '../bus/io-handler.js';
import type { SavedTimer, Timer, VirtualClock } from '../clock.js';
import {
  RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_WEEK, RTC_DAY_OF_MONTH, RTC_MONTH, RTC_YEAR,
  RTC_REG_A, RTC_REG_B, RTC_REG_C, RTC_REG_D, CMOS_CENTURY, CMOS_PS2_CENTURY,
} from '../../spec/cmos.js';

import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bytesOf, jsonObject, num, savedTimerOf, timerOf } from '../snapshot/part-state.js';

const RTC_REG_B_24H = 0x02;
const RTC_REG_B_BINARY = 0x04;
const RTC_REG_D_VRT = 0x80;
/** Register A: update in progress, divider field (010 = 32.768 kHz time base running), rate. */
const RTC_REG_A_UIP = 0x80;
const RTC_REG_A_DV_RUNNING = 0x20;
/** Register B: SET stops updates; PIE/AIE/UIE enable the flags of register C of the same bit. */
const RTC_REG_B_SET = 0x80;
const RTC_REG_B_PIE = 0x40;
const RTC_REG_B_AIE = 0x20;
const RTC_REG_B_UIE = 0x10;
const RTC_REG_B_SQWE = 0x08;
/** Register C: IRQF, PF, AF, UF. */
const RTC_REG_C_IRQF = 0x80;
const RTC_REG_C_PF = 0x40;
const RTC_REG_C_AF = 0x20;
const RTC_REG_C_UF = 0x10;
const RTC_REG_C_MASK = 0x70;
const RTC_SECONDS_ALARM = 0x01;
const RTC_MINUTES_ALARM = 0x03;
const RTC_HOURS_ALARM = 0x05;
/** Alarm bytes with both top bits set match any value (MC146818 datasheet). */
const ALARM_DONT_CARE = 0xc0;
const CMOS_SHUTDOWN_STATUS = 0x0f;
const SHUTDOWN_S3_RESUME = 0xfe;
const NS_PER_S = 1_000_000_000;
const RTC_BASE_HZ = 32768;
/** UIP reads 1 for the 244 µs before each update (datasheet: t_BUC). */
const UIP_NS = 244_000;
/** The RTC's time at power-on when no `-rtc base=` is given: fixed, so runs are deterministic. */
export const DEFAULT_RTC_BASE = Date.UTC(2000, 0, 1, 0, 0, 0);

/**
 * MC146818 RTC + 128 bytes of CMOS NVRAM at ports 0x70/0x71. The clock reads the
 * virtual clock from a fixed base date; the NVRAM holds what the board wrote (memory sizes).
 */
export class CmosRtc implements Snapshottable {
  private index = 0;
  readonly nvram = new Uint8Array(128);
  /** Virtual time up to which the update/alarm/periodic flags of register C are accounted. */
  private flagsUpTo = 0;
  private timer: Timer | undefined;

  private irq: (level: boolean) => void = () => {};

  constructor(private readonly clock: VirtualClock, private readonly baseMs = DEFAULT_RTC_BASE) {
    this.nvram[RTC_REG_A] = 0x26;
    this.nvram[RTC_REG_B] = RTC_REG_B_24H;
    this.nvram[RTC_REG_D] = RTC_REG_D_VRT;
  }

  readonly ports: IoHandler = {
    sizes: 1,
    read: (offset) => (offset === 0 ? 0xff : this.readRegister(this.index)),
    write: (offset, _size, value) => {
      if (offset === 0) this.index = value & 0x7f;
      else this.writeRegister(this.index, value & 0xff);
    },
  };

  /**
   * The index register and the 128 NVRAM bytes (the time itself follows the virtual clock), how far
   * register C's flags are accounted and the pending update/alarm/periodic timer (decision 0048).
   */
  saveState(): PartState {
    return { json: { index: this.index, flagsUpTo: this.flagsUpTo, timer: timerOf(this.timer) }, bytes: this.nvram.slice() };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'cmos');
    this.index = num(o, 'index');
    this.nvram.set(bytesOf(state, 'cmos', this.nvram.length));
    this.flagsUpTo = num(o, 'flagsUpTo');
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
    const t = savedTimerOf(o, 'timer');
    if (t) this.arm(t.at, t);
  }

  private bcd(v: number): number {
    return this.nvram[RTC_REG_B]! & RTC_REG_B_BINARY ? v : ((Math.floor(v / 10) << 4) | (v % 10));
  }

  readRegister(i: number): number {
    if (i <= RTC_YEAR || i === CMOS_CENTURY || i === CMOS_PS2_CENTURY) {
      const d = new Date(this.baseMs + Math.floor(this.clock.now() / 1e6));
      switch (i) {
        case RTC_SECONDS: return this.bcd(d.getUTCSeconds());
        case RTC_MINUTES: return this.bcd(d.getUTCMinutes());
        case RTC_HOURS: return this.bcd(d.getUTCHours());
        case RTC_DAY_OF_WEEK: return this.bcd(d.getUTCDay() + 1);
        case RTC_DAY_OF_MONTH: return this.bcd(d.getUTCDate());
        case RTC_MONTH: return this.bcd(d.getUTCMonth() + 1);
        case RTC_YEAR: return this.bcd(d.getUTCFullYear() % 100);
        case CMOS_CENTURY:
        case CMOS_PS2_CENTURY: return this.bcd(Math.floor(d.getUTCFullYear() / 100));
        default: return this.nvram[i]!;
      }
    }
    if (i === RTC_REG_A) return (this.nvram[RTC_REG_A]! & ~RTC_REG_A_UIP) | (this.updateInProgress() ? RTC_REG_A_UIP : 0);
    if (i === RTC_REG_C) {
      this.accountFlags(this.clock.now());
      const v = this.nvram[RTC_REG_C]!;
      this.nvram[RTC_REG_C] = 0;
      this.irq(false);
      return v;
    }
    return this.nvram[i]!;
  }

  private writeRegister(i: number, v: number): void {
    if (i === RTC_REG_C || i === RTC_REG_D) return;
    if (i === RTC_REG_A) {
      this.nvram[i] = (v & ~RTC_REG_A_UIP) | (this.nvram[i]! & RTC_REG_A_UIP);
      this.rearm();
      return;
    }
    if (i === RTC_REG_B) {
      this.accountFlags(this.clock.now());
      this.nvram[i] = v;
      // A flag already set when its interrupt becomes enabled raises IRQ 8 at once (QEMU's cmos_ioport_write).
      if (v & this.nvram[RTC_REG_C]! & RTC_REG_C_MASK) this.raise();
      else { this.nvram[RTC_REG_C]! &= ~RTC_REG_C_IRQF; this.irq(false); }
      this.rearm();
      return;
    }
    this.nvram[i] = v;
  }

  /** Connect the IRQ 8 output (IRQF). Unconnected, the RTC's flags still work for polling. */
  setIrq(irq: (level: boolean) => void): void {
    this.irq = irq;
  }

  private get running(): boolean {
    return (this.nvram[RTC_REG_A]! & 0x70) === RTC_REG_A_DV_RUNNING && (this.nvram[RTC_REG_B]! & RTC_REG_B_SET) === 0;
  }

  private updateInProgress(): boolean {
    return this.running && this.clock.now() % NS_PER_S >= NS_PER_S - UIP_NS;
  }

  /** The periodic interrupt's period in ns, when register A selects one (rates 1 and 2 act as 8 and 9). */
  private periodNs(): number | undefined {
    let rate = this.nvram[RTC_REG_A]! & 0x0f;
    if (rate === 0 || (this.nvram[RTC_REG_B]! & (RTC_REG_B_PIE | RTC_REG_B_SQWE)) === 0) return undefined;
    if (rate <= 2) rate += 7;
    return ((1 << (rate - 1)) * NS_PER_S) / RTC_BASE_HZ;
  }

  private alarmMatches(atNs: number): boolean {
    const d = new Date(this.baseMs + Math.floor(atNs / 1e6));
    const match = (reg: number, value: number) => {
      const a = this.nvram[reg]!;
      return (a & ALARM_DONT_CARE) === ALARM_DONT_CARE || a === this.bcd(value);
    };
    return match(RTC_SECONDS_ALARM, d.getUTCSeconds()) && match(RTC_MINUTES_ALARM, d.getUTCMinutes()) && match(RTC_HOURS_ALARM, d.getUTCHours());
  }

  /** Set UF/AF/PF for every update and period boundary in (flagsUpTo, now]. */
  private accountFlags(now: number): void {
    const from = this.flagsUpTo;
    this.flagsUpTo = now;
    if (now <= from) return;
    let flags = 0;
    if (this.running) {
      const firstSecond = Math.floor(from / NS_PER_S) + 1;
      const lastSecond = Math.floor(now / NS_PER_S);
      if (lastSecond >= firstSecond) {
        flags |= RTC_REG_C_UF;
        for (let sec = Math.max(firstSecond, lastSecond - 86_399); sec <= lastSecond; sec++) {
          if (this.alarmMatches(sec * NS_PER_S)) { flags |= RTC_REG_C_AF; break; }
        }
      }
    }
    const period = this.periodNs();
    if (period !== undefined && Math.floor(now / period) > Math.floor(from / period)) flags |= RTC_REG_C_PF;
    this.nvram[RTC_REG_C]! |= flags;
    if (flags & this.nvram[RTC_REG_B]! & RTC_REG_C_MASK) this.raise();
    // rtc_update_timer: an enabled alarm asks to wake a suspended machine (QEMU_WAKEUP_REASON_RTC).
    if (flags & RTC_REG_C_AF && this.nvram[RTC_REG_B]! & RTC_REG_B_AIE) this.onAlarmWakeup();
  }

  /** An alarm with AIE set: the machine's wake-up request (ignored unless suspended and PM1_EN.RTC_EN). */
  onAlarmWakeup: () => void = () => {};

  private raise(): void {
    this.nvram[RTC_REG_C]! |= RTC_REG_C_IRQF;
    this.irq(true);
  }

  /** Arm the timer for the next boundary whose interrupt is enabled (none: no timer runs). */
  private rearm(): void {
    if (this.timer) this.clock.cancel(this.timer);
    this.timer = undefined;
    const now = this.clock.now();
    const b = this.nvram[RTC_REG_B]!;
    let next = Infinity;
    if (this.running && b & (RTC_REG_B_UIE | RTC_REG_B_AIE)) next = (Math.floor(now / NS_PER_S) + 1) * NS_PER_S;
    const period = b & RTC_REG_B_PIE ? this.periodNs() : undefined;
    if (period !== undefined) next = Math.min(next, Math.ceil((Math.floor(now / period) + 1) * period));
    if (next === Infinity) return;
    this.arm(next);
  }

  private arm(next: number, saved?: SavedTimer): void {
    const fire = (): void => {
      this.timer = undefined;
      this.accountFlags(next);
      this.rearm();
    };
    this.timer = saved ? this.clock.restore(saved, fire) : this.clock.schedule(next, fire);
  }

  /** QEMU's rtc_notify_suspend: the shutdown status byte tells the firmware to resume from S3. */
  notifySuspend(): void {
    this.nvram[CMOS_SHUTDOWN_STATUS] = SHUTDOWN_S3_RESUME;
  }

  /** QEMU's rtc_reset_enter: PIE/AIE/SQWE and the flags cleared, the shutdown byte kept only for S3. */
  reset(): void {
    if (this.nvram[CMOS_SHUTDOWN_STATUS] !== SHUTDOWN_S3_RESUME) this.nvram[CMOS_SHUTDOWN_STATUS] = 0;
    this.nvram[RTC_REG_B]! &= ~(RTC_REG_B_PIE | RTC_REG_B_AIE | RTC_REG_B_SQWE);
    this.nvram[RTC_REG_C] = 0;
    this.flagsUpTo = this.clock.now();
    this.irq(false);
    this.rearm();
  }
}

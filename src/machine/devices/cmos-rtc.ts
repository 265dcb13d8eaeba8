import type { IoHandler } from '../bus/io-handler.js';
import type { VirtualClock } from '../clock.js';
import {
  RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_WEEK, RTC_DAY_OF_MONTH, RTC_MONTH, RTC_YEAR,
  RTC_REG_A, RTC_REG_B, RTC_REG_C, RTC_REG_D, CMOS_CENTURY, CMOS_PS2_CENTURY,
} from '../../spec/cmos.js';

import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bytesOf, jsonObject, num } from '../snapshot/part-state.js';

const RTC_REG_B_24H = 0x02;
const RTC_REG_B_BINARY = 0x04;
const RTC_REG_D_VRT = 0x80;
/** The RTC's time at power-on when no `-rtc base=` is given: fixed, so runs are deterministic. */
export const DEFAULT_RTC_BASE = Date.UTC(2000, 0, 1, 0, 0, 0);

/**
 * MC146818 RTC + 128 bytes of CMOS NVRAM at ports 0x70/0x71. The clock reads the
 * virtual clock from a fixed base date; the NVRAM holds what the board wrote (memory sizes).
 */
export class CmosRtc implements Snapshottable {
  private index = 0;
  readonly nvram = new Uint8Array(128);

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

  /** The index register and the 128 NVRAM bytes (the time itself follows the virtual clock). */
  saveState(): PartState {
    return { json: { index: this.index }, bytes: this.nvram.slice() };
  }

  loadState(state: PartState): void {
    this.index = num(jsonObject(state, 'cmos'), 'index');
    this.nvram.set(bytesOf(state, 'cmos', this.nvram.length));
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
    if (i === RTC_REG_C) {
      const v = this.nvram[RTC_REG_C]!;
      this.nvram[RTC_REG_C] = 0;
      return v;
    }
    return this.nvram[i]!;
  }

  private writeRegister(i: number, v: number): void {
    if (i === RTC_REG_C || i === RTC_REG_D) return;
    this.nvram[i] = v;
  }
}

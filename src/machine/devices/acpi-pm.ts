import type { IoHandler } from '../bus/io-handler.js';
import type { InterruptLines } from '../cpu/interrupt-lines.js';
import type { VirtualClock } from '../clock.js';
import {
  ACPI_BITMASK_GLOBAL_LOCK_STATUS, ACPI_BITMASK_POWER_BUTTON_STATUS, ACPI_BITMASK_RT_CLOCK_STATUS,
  ACPI_BITMASK_RT_CLOCK_ENABLE, ACPI_BITMASK_TIMER_ENABLE, ACPI_BITMASK_WAKE_STATUS,
  ACPI_BITMASK_POWER_BUTTON_ENABLE, ACPI_BITMASK_SCI_ENABLE, ACPI_BITMASK_SLEEP_ENABLE, ACPI_BITMASK_SLEEP_TYPE, ACPI_BITMASK_TIMER_STATUS,
  PM1_CNT, PM1_EN, PM1_STS, PM_TIMER_BITS, PM_TIMER_FREQUENCY, PM_TMR, ICH9_GPE0_OFFSET, ICH9_GPE0_LEN,
  ICH9_SMI_EN, ICH9_SMI_EN_APMC_EN,
} from '../../spec/acpi-pm.js';
import { logger } from '../../lib/log.js';

import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bytesOf, jsonObject, num } from '../snapshot/part-state.js';

const log = logger('acpi-pm');

/** Status bits that raise the SCI when enabled (QEMU's acpi_update_sci mask). */
const PM1_SCI_MASK = ACPI_BITMASK_RT_CLOCK_STATUS | ACPI_BITMASK_POWER_BUTTON_STATUS
  | ACPI_BITMASK_GLOBAL_LOCK_STATUS | ACPI_BITMASK_TIMER_STATUS;

export type SleepRequest = { readonly slpTyp: number };

/** Half a PM timer period in ticks: TMR_STS sets each time bit 23 of the counter flips. */
const TIMER_HALF_PERIOD = 2 ** (PM_TIMER_BITS - 1);

/**
 * The ACPI fixed hardware of a PC chipset: PM1 event/control, the PM timer and a GPE0
 * block, raising the SCI. The registers are offset-only; the chipset maps them at the
 * PM base the firmware programs (PIIX4 0x40 / ICH9 PMBASE).
 */
export class AcpiPm implements Snapshottable {
  private pm1Sts = 0;
  private pm1En = 0;
  private pm1Cnt = 0;
  private readonly gpeSts: Uint8Array;
  private readonly gpeEn: Uint8Array;
  /** QEMU's tmr.overflow_time, in ticks: TMR_STS reads set from then on (0 after reset: at once). */
  private timerOverflow = 0;
  private smiEn = 0;
  readonly events: string[] = [];
  /** PM1_EN's RTC_EN and TMR_EN as wake-up sources (QEMU's acpi_pm1_evt_write_en). */
  onWakeupEnable: (reason: 'rtc' | 'pmtimer', on: boolean) => void = () => {};

  constructor(
    private readonly clock: VirtualClock,
    private readonly lines: InterruptLines,
    private readonly sciIrq: number,
    gpe0Length: number,
    private readonly onSleep: (req: SleepRequest) => void,
    /** Without SMM (`-machine smm=off`) the chipset is in ACPI mode from reset (QEMU's pm1_cnt acpi_only). */
    private readonly acpiOnly = false,
  ) {
    this.gpeSts = new Uint8Array(gpe0Length / 2);
    this.gpeEn = new Uint8Array(gpe0Length / 2);
    this.pm1Cnt = acpiOnly ? ACPI_BITMASK_SCI_ENABLE : 0;
    this.smiEn = acpiOnly ? ICH9_SMI_EN_APMC_EN : 0;
  }

  get sciEnabled(): boolean {
    return (this.pm1Cnt & ACPI_BITMASK_SCI_ENABLE) !== 0;
  }

  /** The APM port's ACPI_ENABLE / ACPI_DISABLE commands. */
  setSciEnable(on: boolean): void {
    this.pm1Cnt = on ? this.pm1Cnt | ACPI_BITMASK_SCI_ENABLE : this.pm1Cnt & ~ACPI_BITMASK_SCI_ENABLE;
    log('SCI_EN %s', on ? 'set' : 'cleared');
  }

  timerTicks(): number {
    const ns = this.clock.now();
    const ticks = Math.floor(ns / 1e9) * PM_TIMER_FREQUENCY + Math.floor(((ns % 1e9) * PM_TIMER_FREQUENCY) / 1e9);
    return ticks;
  }

  /** Set a GPE0 status bit (hot-plug, vmgenid change...) and re-evaluate the SCI. */
  raiseGpe(bit: number): void {
    const byte = bit >> 3;
    if (byte >= this.gpeSts.length) throw new RangeError(`GPE0 has no bit ${bit}`);
    this.gpeSts[byte]! |= 1 << (bit & 7);
    this.events.push(`GPE0 bit ${bit}`);
    log('GPE0 bit %d raised', bit);
    this.updateSci();
  }

  gpeStatus(bit: number): boolean {
    return ((this.gpeSts[bit >> 3] ?? 0) & (1 << (bit & 7))) !== 0;
  }

  /** QEMU's acpi_pm1_evt_get_sts: TMR_STS is set once the counter passed the overflow point. */
  private updateTimerStatus(): void {
    if (this.timerTicks() >= this.timerOverflow) this.pm1Sts |= ACPI_BITMASK_TIMER_STATUS;
  }

  /**
   * acpi_pm_tmr_update's timer while TMR_EN is set and TMR_STS clear: the virtual time of the next
   * overflow, when the PM timer may wake a suspended machine (QEMU_WAKEUP_REASON_PMTIMER).
   */
  nextOverflowWakeupNs(): number | undefined {
    this.updateTimerStatus();
    if (!(this.pm1En & ACPI_BITMASK_TIMER_ENABLE) || this.pm1Sts & ACPI_BITMASK_TIMER_STATUS) return undefined;
    return Math.ceil((this.timerOverflow * 1e9) / PM_TIMER_FREQUENCY);
  }

  /**
   * After the reset of a wake-up from S3 (QEMU's acpi_notify_wakeup): WAK_STS, and the status
   * bit of what woke the machine; `system_wakeup` passes for the power button.
   */
  notifyWakeup(reason: 'rtc' | 'pmtimer' | 'other'): void {
    const cause = reason === 'rtc' ? ACPI_BITMASK_RT_CLOCK_STATUS : reason === 'pmtimer' ? ACPI_BITMASK_TIMER_STATUS : ACPI_BITMASK_POWER_BUTTON_STATUS;
    this.pm1Sts |= ACPI_BITMASK_WAKE_STATUS | cause;
    this.updateSci();
  }

  /**
   * The power button (QMP `system_powerdown`, QEMU's acpi_pm1_evt_power_down): PWRBTN_STS and the
   * SCI only while PM1_EN.PWRBTN_EN is set; a press with it clear leaves no trace (QEMU 7.2 on
   * PIIX4 and ICH9, guest-images/pwrbtn-probe captures).
   */
  pressPowerButton(): void {
    if (!this.powerButtonEnabled) return;
    this.pm1Sts |= ACPI_BITMASK_POWER_BUTTON_STATUS;
    this.updateSci();
  }

  get powerButtonEnabled(): boolean {
    return (this.pm1En & ACPI_BITMASK_POWER_BUTTON_ENABLE) !== 0;
  }

  private updateSci(): void {
    let level = (this.pm1Sts & this.pm1En & PM1_SCI_MASK) !== 0;
    for (let i = 0; i < this.gpeSts.length && !level; i++) level = (this.gpeSts[i]! & this.gpeEn[i]!) !== 0;
    this.lines.set(this.sciIrq, level);
  }

  /** The PM1 registers and the timer: 12 bytes at PMBASE. */
  readonly pm1: IoHandler = {
    read: (offset, size) => this.readPm1(offset, size),
    write: (offset, size, value) => this.writePm1(offset, size, value),
  };

  private readPm1(offset: number, size: number): number {
    if (offset >= PM_TMR && offset < PM_TMR + 4) {
      const v = this.timerTicks() % 2 ** PM_TIMER_BITS;
      return size === 4 ? v : (v >>> ((offset - PM_TMR) * 8)) & (size === 2 ? 0xffff : 0xff);
    }
    this.updateTimerStatus();
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = (v << 8) | this.pm1Byte(offset + i);
    return v >>> 0;
  }

  private pm1Byte(offset: number): number {
    switch (offset) {
      case PM1_STS: return this.pm1Sts & 0xff;
      case PM1_STS + 1: return this.pm1Sts >> 8;
      case PM1_EN: return this.pm1En & 0xff;
      case PM1_EN + 1: return this.pm1En >> 8;
      case PM1_CNT: return this.pm1Cnt & 0xff;
      case PM1_CNT + 1: return (this.pm1Cnt >> 8) & 0xff;
      default: return 0;
    }
  }

  private writePm1(offset: number, size: number, value: number): void {
    const enBefore = this.pm1En;
    if (offset <= PM1_STS && offset + size > PM1_STS) {
      // acpi_pm1_evt_write_sts: clearing a set TMR_STS moves the overflow point to the next half period.
      this.updateTimerStatus();
      if (this.pm1Sts & value & ACPI_BITMASK_TIMER_STATUS) {
        this.timerOverflow = (Math.floor(this.timerTicks() / TIMER_HALF_PERIOD) + 1) * TIMER_HALF_PERIOD;
      }
    }
    for (let i = 0; i < size; i++) {
      const off = offset + i;
      const b = (value >>> (i * 8)) & 0xff;
      if (off === PM1_STS) this.pm1Sts &= ~b;
      else if (off === PM1_STS + 1) this.pm1Sts &= ~(b << 8);
      else if (off === PM1_EN) this.pm1En = (this.pm1En & 0xff00) | b;
      else if (off === PM1_EN + 1) this.pm1En = (this.pm1En & 0xff) | (b << 8);
    }
    if (this.pm1En !== enBefore) {
      this.onWakeupEnable('rtc', (this.pm1En & ACPI_BITMASK_RT_CLOCK_ENABLE) !== 0);
      this.onWakeupEnable('pmtimer', (this.pm1En & ACPI_BITMASK_TIMER_ENABLE) !== 0);
    }
    if (offset <= PM1_CNT && offset + size > PM1_CNT) {
      const cnt = (size === 1 ? value : value >>> ((PM1_CNT - offset) * 8)) & (offset + size > PM1_CNT + 1 ? 0xffff : 0xff);
      const full = offset + size > PM1_CNT + 1 ? cnt : (this.pm1Cnt & 0xff00) | cnt;
      // SCI_EN is read-only to OSPM: only the APM command changes it.
      this.pm1Cnt = (full & ~(ACPI_BITMASK_SLEEP_ENABLE | ACPI_BITMASK_SCI_ENABLE)) | (this.pm1Cnt & ACPI_BITMASK_SCI_ENABLE);
      if (full & ACPI_BITMASK_SLEEP_ENABLE) {
        const slpTyp = (full & ACPI_BITMASK_SLEEP_TYPE) >> 10;
        this.events.push(`sleep SLP_TYP=${slpTyp}`);
        this.onSleep({ slpTyp });
      }
    } else if (offset === PM1_CNT + 1 && size === 1) {
      this.writePm1(PM1_CNT, 2, (this.pm1Cnt & 0xff) | (value << 8));
      return;
    }
    this.updateSci();
  }

  /** A GPE0 block: status bytes (write 1 to clear) then enable bytes. */
  readonly gpe0: IoHandler = {
    read: (offset, size) => {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = (v << 8) | this.gpeByte(offset + i);
      return v >>> 0;
    },
    write: (offset, size, value) => {
      const half = this.gpeSts.length;
      for (let i = 0; i < size; i++) {
        const off = offset + i;
        const b = (value >>> (i * 8)) & 0xff;
        if (off < half) this.gpeSts[off]! &= ~b;
        else if (off < 2 * half) this.gpeEn[off - half] = b;
      }
      this.updateSci();
    },
  };

  private gpeByte(offset: number): number {
    const half = this.gpeSts.length;
    if (offset < half) return this.gpeSts[offset]!;
    if (offset < 2 * half) return this.gpeEn[offset - half]!;
    return 0;
  }

  /** ICH9's 128-byte PM block: PM1 + timer at 0, GPE0 at 0x20, SMI_EN at 0x30. */
  readonly ich9Block: IoHandler = {
    read: (offset, size) => {
      if (offset < 12) return this.pm1.read(offset, size as 1);
      if (offset >= ICH9_GPE0_OFFSET && offset < ICH9_GPE0_OFFSET + ICH9_GPE0_LEN) return this.gpe0.read(offset - ICH9_GPE0_OFFSET, size as 1);
      if (offset >= ICH9_SMI_EN && offset < ICH9_SMI_EN + 4) return (this.smiEn >>> ((offset - ICH9_SMI_EN) * 8)) & (size === 4 ? 0xffffffff : (1 << (size * 8)) - 1);
      return 0;
    },
    write: (offset, size, value) => {
      if (offset < 12) this.pm1.write(offset, size as 1, value);
      else if (offset >= ICH9_GPE0_OFFSET && offset < ICH9_GPE0_OFFSET + ICH9_GPE0_LEN) this.gpe0.write(offset - ICH9_GPE0_OFFSET, size as 1, value);
      else if (offset === ICH9_SMI_EN && size === 4) this.smiEn = value >>> 0;
    },
  };

  /** PM1 status/enable/control, SMI_EN, the timer's overflow point; GPE0 status then enable as bytes. */
  saveState(): PartState {
    const { pm1Sts, pm1En, pm1Cnt, smiEn, timerOverflow } = this;
    const bytes = new Uint8Array(this.gpeSts.length * 2);
    bytes.set(this.gpeSts, 0);
    bytes.set(this.gpeEn, this.gpeSts.length);
    return { json: { pm1Sts, pm1En, pm1Cnt, smiEn, timerOverflow }, bytes };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'acpi-pm');
    this.pm1Sts = num(o, 'pm1Sts');
    this.pm1En = num(o, 'pm1En');
    this.pm1Cnt = num(o, 'pm1Cnt');
    this.smiEn = num(o, 'smiEn');
    this.timerOverflow = num(o, 'timerOverflow');
    const b = bytesOf(state, 'acpi-pm', this.gpeSts.length * 2);
    this.gpeSts.set(b.subarray(0, this.gpeSts.length));
    this.gpeEn.set(b.subarray(this.gpeSts.length));
    this.updateSci();
  }

  reset(): void {
    this.pm1Sts = 0;
    this.pm1En = 0;
    this.pm1Cnt = this.acpiOnly ? ACPI_BITMASK_SCI_ENABLE : 0;
    this.gpeSts.fill(0);
    this.gpeEn.fill(0);
    // QEMU's ICH9 without SMM marks SMM as set up (APMC_EN), so firmware skips its SMM setup.
    this.smiEn = this.acpiOnly ? ICH9_SMI_EN_APMC_EN : 0;
    this.timerOverflow = 0;
    this.onWakeupEnable('rtc', false);
    this.onWakeupEnable('pmtimer', false);
    this.updateSci();
  }
}

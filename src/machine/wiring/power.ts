import { CpuPowerOffSignal, CpuResetSignal, CpuSuspendSignal, HostResetSignal } from '../cpu/cpu-core.js';

/** Why a suspended machine wakes up (QEMU's WakeupReason). */
export type WakeupReason = 'rtc' | 'pmtimer' | 'other';

/** PM1_CNT.SLP_TYP of QEMU's \_S4 package (PIIX4_PM / ICH9-LPC `s4_val`, default 2). */
const S4_SLP_TYP = 2;

/**
 * The machine's power and reset state: a reset request (0xCF9) stops the running program
 * with CpuResetSignal; SLP_EN in PM1a_CNT sleeps as QEMU 7.2's acpi_pm1_cnt_write does:
 * SLP_TYP 0 powers off (S5: the CPU stops with CpuPowerOffSignal), 1 suspends to RAM (S3: the CPU stops with CpuSuspendSignal, RAM and
 * the devices stay as they are until a wake-up), the \_S4 value reports SUSPEND_DISK and powers off.
 */
export class PowerControl {
  #poweredOff = false;
  #suspended = false;
  #wakeup: WakeupReason | undefined;
  /** QEMU's wakeup_reason_mask: `system_wakeup` always; RTC and PM timer as PM1_EN enables them. */
  readonly #enabled = new Set<WakeupReason>(['other']);
  /** A monitor's request the clock event that ran it raises (takeHostRequest). */
  #hostRequest: CpuResetSignal | undefined;
  /** Why a monitor's request stopped the machine while it slept (QEMU then leaves it stopped). */
  #stoppedAsleep: string | undefined;
  #prelaunch = false;
  /** QEMU's suspend notifiers (the RTC's writes CMOS 0Fh = FEh). */
  readonly #suspendNotifiers: Array<() => void> = [];

  constructor(private readonly event: (text: string) => void) {}

  requestReset(reason: string): never {
    this.event(`reset requested: ${reason}`);
    throw new CpuResetSignal(reason);
  }

  /**
   * QMP `system_reset` while the machine runs (qemu_system_reset_request): with -no-reboot QEMU
   * shuts down instead (SHUTDOWN host-qmp-system-reset, QEMU exits); a suspended machine is reset and
   * stays stopped ("prelaunch": its CPUs do not run again; both checked against QEMU 7.2).
   * The run stops once the clock event that ran the command returns (takeHostRequest).
   */
  requestHostReset(noReboot: boolean): 'reset' | 'shutdown' {
    if (noReboot) {
      this.event('shut down by the monitor (system_reset with -no-reboot)');
      if (this.#suspended) this.#stopAsleep('shut down by system_reset (-no-reboot) while suspended');
      else this.#hostRequest = new CpuPowerOffSignal('shut down by system_reset (-no-reboot)');
      return 'shutdown';
    }
    this.event('reset by the monitor (system_reset)');
    if (this.#suspended) {
      this.#prelaunch = true;
      this.#stopAsleep('reset by system_reset while suspended: stopped, as QEMU leaves it (prelaunch)');
    } else this.#hostRequest = new HostResetSignal('system_reset');
    return 'reset';
  }

  #stopAsleep(why: string): void {
    this.#suspended = false;
    this.#wakeup = undefined;
    this.#stoppedAsleep = why;
  }

  /** Raise the monitor's pending request, if any, where the clock event that ran it was taken. */
  takeHostRequest(): void {
    const signal = this.#hostRequest;
    if (!signal) return;
    this.#hostRequest = undefined;
    throw signal;
  }

  /** A new run (a reset at its start): nothing the monitor asked of the last one is left. */
  clearHostStop(): void {
    this.#hostRequest = undefined;
    this.#stoppedAsleep = undefined;
    this.#prelaunch = false;
  }

  /** Set when a monitor's request ended a sleep: how the run ends. */
  get stoppedAsleep(): string | undefined {
    return this.#stoppedAsleep;
  }

  /** Reset while suspended and not run again (QMP `query-status`: prelaunch). */
  get isPrelaunch(): boolean {
    return this.#prelaunch;
  }

  sleep(slpTyp: number): void {
    if (slpTyp === 0) {
      this.#poweredOff = true;
      this.event('power off (S5)');
      throw new CpuPowerOffSignal('powered off (S5)');
    } else if (slpTyp === 1) {
      // qemu_system_suspend_request: nothing while already suspended.
      if (this.#suspended) return;
      this.#suspended = true;
      this.#wakeup = undefined;
      for (const n of this.#suspendNotifiers) n();
      this.event('suspend (S3)');
      throw new CpuSuspendSignal('S3');
    } else if (slpTyp === S4_SLP_TYP) {
      this.event('suspend to disk (S4)');
      this.#poweredOff = true;
      this.event('power off (S4)');
      throw new CpuPowerOffSignal('powered off (S4)');
    } else this.event(`sleep request SLP_TYP=${slpTyp} ignored`);
  }

  onSuspend(handler: () => void): void {
    this.#suspendNotifiers.push(handler);
  }

  /** qemu_system_wakeup_enable: PM1_EN.RTC_EN / TMR_EN decide whether those wake the machine. */
  enableWakeup(reason: 'rtc' | 'pmtimer', on: boolean): void {
    if (on) this.#enabled.add(reason);
    else this.#enabled.delete(reason);
  }

  /**
   * qemu_system_wakeup_request: an error text when not suspended (QMP's), nothing when the
   * reason is disabled; else the machine runs again (the run loop resets it and restarts the CPU).
   */
  requestWakeup(reason: WakeupReason): string | undefined {
    if (!this.#suspended) return 'Unable to wake up: guest is not in suspended state';
    if (!this.#enabled.has(reason) || this.#wakeup) return undefined;
    this.#wakeup = reason;
    this.event(`wakeup (${reason})`);
    return undefined;
  }

  /** Suspended, and nothing asked to wake it yet. */
  get isAsleep(): boolean {
    return this.#suspended && this.#wakeup === undefined;
  }

  get isSuspended(): boolean {
    return this.#suspended;
  }

  /** The run loop has reset the machine for the wake-up: the reason, and the machine is running. */
  completeWakeup(): WakeupReason | undefined {
    const reason = this.#wakeup;
    if (!this.#suspended || reason === undefined) return undefined;
    this.#suspended = false;
    this.#wakeup = undefined;
    return reason;
  }

  /** Power back on after S5 (a power cycle). */
  powerOn(): void {
    this.#poweredOff = false;
    this.#hostRequest = undefined;
    this.#stoppedAsleep = undefined;
    this.#prelaunch = false;
    this.#suspended = false;
    this.#wakeup = undefined;
  }

  get isPoweredOff(): boolean {
    return this.#poweredOff;
  }
}

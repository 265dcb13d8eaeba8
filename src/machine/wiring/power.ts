import { CpuResetSignal } from '../cpu/cpu-core.js';

/**
 * The machine's power and reset state: a reset request (0xCF9) stops the running program
 * with CpuResetSignal; an S5 sleep request powers the machine off.
 */
export class PowerControl {
  #poweredOff = false;

  constructor(private readonly event: (text: string) => void) {}

  requestReset(reason: string): never {
    this.event(`reset requested: ${reason}`);
    throw new CpuResetSignal(reason);
  }

  sleep(slpTyp: number): void {
    // QEMU's acpi_pm1_cnt_write: SLP_TYP 0 is soft-off (S5) on both boards' _S5 package.
    if (slpTyp === 0) {
      this.#poweredOff = true;
      this.event('power off (S5)');
    } else this.event(`sleep request SLP_TYP=${slpTyp} (not emulated)`);
  }

  /** Power back on after S5 (a power cycle). */
  powerOn(): void {
    this.#poweredOff = false;
  }

  get isPoweredOff(): boolean {
    return this.#poweredOff;
  }
}

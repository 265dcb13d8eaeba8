import type { IoHandler } from '../bus/io-handler.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { jsonObject, num } from '../snapshot/part-state.js';

/** Reset Control Register (port 0xCF9, PIIX3 and ICH9): bit 2 starts a reset; bit 1 selects hard reset. */
export const RCR_SYS_RST = 0x02;
export const RCR_RST_CPU = 0x04;

export class ResetControl implements IoHandler, Snapshottable {
  readonly sizes = 1;
  private value = 0;

  constructor(private readonly requestReset: (reason: string) => void) {}

  read(): number {
    return this.value;
  }

  write(_offset: number, _size: number, v: number): void {
    if (v & RCR_RST_CPU) this.requestReset(v & RCR_SYS_RST ? 'hard reset (0xCF9)' : 'soft reset (0xCF9)');
    this.value = v & RCR_SYS_RST;
  }

  saveState(): PartState {
    return { json: { value: this.value } };
  }

  loadState(state: PartState): void {
    this.value = num(jsonObject(state, 'reset-control'), 'value');
  }

  reset(): void {
    this.value = 0;
  }
}

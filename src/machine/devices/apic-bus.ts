import type { IoHandler } from '../bus/io-handler.js';
import { DM_LOWEST, isInitDeassert, type LocalApic } from './local-apic.js';

/** ICR destination shorthands (bits 19:18), SDM vol. 3 §10.6.1. */
const SHORTHAND_NONE = 0;
const SHORTHAND_SELF = 1;
const SHORTHAND_ALL = 2;

/**
 * The APIC bus between the CPUs' local APICs and the I/O APIC: the MMIO page at 0xFEE00000 is the
 * local APIC of the CPU that is executing (`current`), as each CPU sees its own; I/O APIC messages
 * and IPIs reach every APIC their destination names, in APIC order (QEMU's apic_get_delivery_bitmask:
 * physical ID, 0xFF broadcast, logical flat or cluster), a lowest-priority message only the first.
 */
export class ApicBus implements IoHandler {
  readonly sizes = 4;
  /** Index of the executing CPU's APIC (the run loop sets it before each CPU's slice). */
  current = 0;

  constructor(readonly apics: readonly LocalApic[]) {}

  read(offset: number, size: number): number {
    return this.apics[this.current]!.read(offset, size);
  }

  write(offset: number, size: number, value: number): void {
    this.apics[this.current]!.write(offset, size, value);
  }

  /** An I/O APIC redirection entry's message (destination field, mode, vector, trigger). */
  deliverIrq(dest: number, logical: boolean, mode: number, vector: number, level: boolean): void {
    for (const a of this.apics) {
      if (!a.accepts(dest, logical)) continue;
      a.receive(mode, vector, level);
      if (mode === DM_LOWEST) return;
    }
  }

  /** A write to `from`'s ICR low word: the shorthand, or the destination in ICR high, picks the APICs. */
  sendIpi(from: LocalApic, low: number, dest: number): void {
    if (isInitDeassert(low)) return;
    const mode = (low >> 8) & 7;
    const vector = low & 0xff;
    const level = ((low >> 15) & 1) !== 0;
    const shorthand = (low >> 18) & 3;
    if (shorthand === SHORTHAND_NONE) { this.deliverIrq(dest, ((low >> 11) & 1) !== 0, mode, vector, level); return; }
    if (shorthand === SHORTHAND_SELF) { from.receive(mode, vector, level); return; }
    for (const a of this.apics) {
      if (a === from && shorthand !== SHORTHAND_ALL) continue;
      a.receive(mode, vector, level);
      if (mode === DM_LOWEST) return;
    }
  }
}

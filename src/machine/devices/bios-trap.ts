/**
 * The BIOS call trap port (src/spec/bios-call.ts): latches where the caller's frame is, and on
 * the write of the vector asks its owner to let the resident firmware serve the call. Reads
 * return what was latched, so the firmware learns the call from the port, like any device.
 */
import type { IoHandler, AccessSize } from '../bus/io-handler.js';
import { BIOS_TRAP_OFFSET, BIOS_TRAP_SEGMENT, BIOS_TRAP_VECTOR } from '../../spec/bios-call.js';
import { logger } from '../../lib/log.js';

const log = logger('bios');

export class BiosTrap implements IoHandler {
  #segment = 0;
  #offset = 0;
  #vector = 0;
  #serving = false;
  /** Set by the machine while a firmware with BIOS services is resident. */
  onTrap: (() => void) | undefined;
  /** Traps taken, per vector (what a boot report shows). */
  readonly counts = new Map<number, number>();

  read(offset: number, size: AccessSize): number {
    if (offset === BIOS_TRAP_SEGMENT && size === 2) return this.#segment;
    if (offset === BIOS_TRAP_OFFSET && size === 2) return this.#offset;
    if (offset === BIOS_TRAP_VECTOR && size === 1) return this.#vector;
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (offset === BIOS_TRAP_SEGMENT && size === 2) this.#segment = value & 0xffff;
    else if (offset === BIOS_TRAP_OFFSET && size === 2) this.#offset = value & 0xffff;
    else if (offset === BIOS_TRAP_VECTOR && size === 1) {
      this.#vector = value & 0xff;
      this.counts.set(this.#vector, (this.counts.get(this.#vector) ?? 0) + 1);
      // A trap while serving one (the firmware writing its own port) is ignored, never re-entered.
      if (!this.onTrap || this.#serving) {
        log('int %s trap with no resident firmware', this.#vector.toString(16));
        return;
      }
      this.#serving = true;
      try {
        this.onTrap();
      } finally {
        this.#serving = false;
      }
    }
  }

  reset(): void {
    this.#segment = 0;
    this.#offset = 0;
    this.#vector = 0;
    this.counts.clear();
  }
}

/** The guest's report channel: lines on the debug console port (isa-debugcon, 0x402). */
import type { CpuWire } from '../../spec/cpu-wire.js';

export const DEBUG_CONSOLE_PORT = 0x402;
/** Every line the OSPM writes starts with this (docs/guest.md lists the line kinds). */
export const OSPM_PREFIX = 'ospm: ';

export class GuestConsole {
  readonly lines: string[] = [];
  constructor(private readonly wire: CpuWire) {}

  /** `ospm: <kind> <fields...>` */
  report(kind: string, ...fields: Array<string | number>): void {
    const text = OSPM_PREFIX + [kind, ...fields.map(String)].join(' ');
    this.lines.push(text);
    for (let i = 0; i < text.length; i++) this.wire.out8(DEBUG_CONSOLE_PORT, text.charCodeAt(i) & 0x7f);
    this.wire.out8(DEBUG_CONSOLE_PORT, 0x0a);
  }
}

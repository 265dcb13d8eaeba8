/** The guest's report channel: lines on the debug console port (isa-debugcon, 0x402). */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { TRACE_MARKER } from '../../spec/trace.js';
import type { TraceArea } from '../../spec/trace.js';

export const DEBUG_CONSOLE_PORT = 0x402;
/** Every line the OSPM writes starts with this (docs/guest.md lists the line kinds). */
export const OSPM_PREFIX = 'ospm: ';

export class GuestConsole {
  readonly lines: string[] = [];
  /** Trace areas the host asked for (hand-over flags); trace records go behind TRACE_MARKER (src/spec/trace.ts). */
  readonly tracing = new Set<TraceArea>();
  constructor(private readonly wire: CpuWire) {}

  trace(area: TraceArea, text: string): void {
    if (!this.tracing.has(area)) return;
    this.wire.out8(DEBUG_CONSOLE_PORT, TRACE_MARKER);
    const record = `${area} ${text}`;
    for (let i = 0; i < record.length; i++) this.wire.out8(DEBUG_CONSOLE_PORT, record.charCodeAt(i) & 0x7f);
    this.wire.out8(DEBUG_CONSOLE_PORT, 0x0a);
  }

  /** `ospm: <kind> <fields...>` */
  report(kind: string, ...fields: Array<string | number>): void {
    const text = OSPM_PREFIX + [kind, ...fields.map(String)].join(' ');
    this.lines.push(text);
    for (let i = 0; i < text.length; i++) this.wire.out8(DEBUG_CONSOLE_PORT, text.charCodeAt(i) & 0x7f);
    this.wire.out8(DEBUG_CONSOLE_PORT, 0x0a);
  }
}

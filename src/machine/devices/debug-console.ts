import type { IoHandler } from '../bus/io-handler.js';
import { logger } from '../../lib/log.js';
import { TRACE_MARKER } from '../../spec/trace.js';

const log = logger('console');

/** QEMU's isa-debugcon readback value: firmware probes for the port by reading it. */
export const DEBUGCON_READBACK = 0xe9;

/**
 * The debug console (QEMU `isa-debugcon`, port 0x402): firmware writes its log here a
 * byte at a time. Lines are kept for the boot report and traced as `fwlab:console`. A line that
 * starts with TRACE_MARKER is a program's trace record (`<area> <text>`, src/spec/trace.ts): it goes
 * to `onTrace`, not to the console lines.
 */
export class DebugConsole implements IoHandler {
  readonly sizes = 1;
  readonly lines: string[] = [];
  private current = '';

  constructor(private readonly onTrace: (area: string, text: string) => void = () => {}) {}

  read(): number {
    return DEBUGCON_READBACK;
  }

  write(_offset: number, _size: number, value: number): void {
    const c = value & 0xff;
    if (c === 0x0a) this.flush();
    else if (c !== 0x0d) this.current += String.fromCharCode(c);
  }

  flush(): void {
    if (this.current === '') return;
    if (this.current.charCodeAt(0) === TRACE_MARKER) {
      const record = this.current.slice(1);
      const space = record.indexOf(' ');
      this.current = '';
      if (space > 0) this.onTrace(record.slice(0, space), record.slice(space + 1));
      return;
    }
    log('%s', this.current);
    this.lines.push(this.current);
    this.current = '';
  }

  reset(): void {
    this.flush();
  }

  /** Forget what was written (a power cycle). */
  clear(): void {
    this.lines.length = 0;
    this.current = '';
  }
}

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
  /** The line being written, as bytes: one flat string per line instead of one per byte. */
  private current = new Uint8Array(256);
  private length = 0;

  constructor(private readonly onTrace: (area: string, text: string) => void = () => {}) {}

  read(): number {
    return DEBUGCON_READBACK;
  }

  write(_offset: number, _size: number, value: number): void {
    const c = value & 0xff;
    if (c === 0x0a) this.flush();
    else if (c !== 0x0d) {
      if (this.length === this.current.length) {
        const grown = new Uint8Array(this.current.length * 2);
        grown.set(this.current);
        this.current = grown;
      }
      this.current[this.length++] = c;
    }
  }

  flush(): void {
    if (this.length === 0) return;
    const bytes = this.current.subarray(0, this.length);
    this.length = 0;
    if (bytes[0] === TRACE_MARKER) {
      const record = latin1(bytes.subarray(1));
      const space = record.indexOf(' ');
      if (space > 0) this.onTrace(record.slice(0, space), record.slice(space + 1));
      return;
    }
    const line = latin1(bytes);
    log('%s', line);
    this.lines.push(line);
  }

  reset(): void {
    this.flush();
  }

  /** Forget what was written (a power cycle). */
  clear(): void {
    this.lines.length = 0;
    this.length = 0;
  }
}

/** Each byte one character (U+0000-U+00FF), in pieces small enough for an argument list. */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return s;
}

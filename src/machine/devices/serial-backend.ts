import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from '../../lib/errors.js';
import type { SerialSink } from './serial-16550.js';

/**
 * Where a UART's bytes go, as QEMU's `-serial` chardevs: `stdio` (and `mon:stdio`) to the
 * process's standard output, `file:PATH` created (truncated) when the machine is built,
 * anything else (`null`, `vc`, `chardev:...`) nowhere. The report still keeps every byte.
 */
export interface SerialBackend extends SerialSink {
  readonly spec: string;
  close(): void;
}

const STDOUT_FD = 1;

export function openSerialBackend(spec: string, option = '-serial'): SerialBackend {
  if (spec === 'stdio' || spec === 'mon:stdio') {
    return { spec, write: (b) => { writeSync(STDOUT_FD, Uint8Array.of(b)); }, close: () => {} };
  }
  if (spec.startsWith('file:')) {
    const path = spec.slice('file:'.length);
    let fd: number | undefined;
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      throw new UsageError(`${option} ${spec}: could not open '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const handle = fd;
    return {
      spec,
      write: (b) => { if (fd !== undefined) writeSync(handle, Uint8Array.of(b)); },
      close: () => { if (fd !== undefined) closeSync(handle); fd = undefined; },
    };
  }
  return { spec, write: () => {}, close: () => {} };
}

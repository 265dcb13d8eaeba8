/**
 * Placing the legacy BIOS tables (SeaBIOS src/fw/biostables.c): each finished table is copied
 * into the F-segment zone with a one-line log, and a byte makes each checksummed range sum to 0.
 */
import type { CpuWire } from '../../../src/spec/cpu-wire.js';
import type { Zone } from '../../memory/zone.js';
import { sum8 } from '../../loader/tables.js';

const hx = (v: number, w = 8): string => '0x' + v.toString(16).padStart(w, '0');

/** Set b[at] so that b[start, end) sums to zero modulo 256. */
export function fixChecksum(b: Uint8Array, at: number, start = 0, end = b.length): void {
  b[at] = 0;
  b[at] = (0x100 - sum8(b.subarray(start, end))) & 0xff;
}

export interface TableSink {
  readonly wire: CpuWire;
  readonly fseg: Zone;
  readonly high: Zone;
  readonly log: (line: string) => void;
}

/** SeaBIOS's `Copying NAME from SRC to DST` line, without the build address (fwlab builds tables off the wire). */
export function copyToFseg(sink: TableSink, name: string, data: Uint8Array): number | undefined {
  const addr = sink.fseg.alloc(data.length, 16);
  if (addr === undefined) {
    sink.log(`WARNING - Unable to allocate resource at ${name}!`);
    return undefined;
  }
  sink.log(`Copying ${name} to ${hx(addr)}`);
  sink.wire.writeBytes(addr, data);
  return addr;
}

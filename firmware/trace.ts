/**
 * The firmware's side of traces over the wire (src/spec/trace.ts): which areas the host asked for
 * (fw_cfg `opt/fwlab/trace`), and trace records on the debug console behind the marker byte.
 */
import type { CpuWire } from '../src/spec/cpu-wire.js';
import { TRACE_FILE, TRACE_MARKER, parseTraceAreas } from '../src/spec/trace.js';
import type { TraceArea } from '../src/spec/trace.js';
import type { FwCfg } from './drivers/fw-cfg.js';

/** QEMU's debug console port (isa-debugcon). */
const DEBUG_PORT = 0x402;
/** A trace file longer than this is not a list of areas. */
const MAX_TRACE_FILE = 256;

export class FirmwareTrace {
  constructor(private readonly wire: CpuWire, readonly areas: ReadonlySet<TraceArea>) {}

  static fromFwCfg(wire: CpuWire, fwcfg: FwCfg | undefined): FirmwareTrace {
    const f = fwcfg?.find(TRACE_FILE);
    const areas = f && fwcfg && f.size <= MAX_TRACE_FILE ? parseTraceAreas(String.fromCharCode(...fwcfg.read(f.select, f.size))) : [];
    return new FirmwareTrace(wire, new Set(areas));
  }

  has(area: TraceArea): boolean {
    return this.areas.has(area);
  }

  /** A line writer for `area`, or undefined when the host did not ask for it. */
  writer(area: TraceArea): ((text: string) => void) | undefined {
    return this.has(area) ? (text) => this.line(area, text) : undefined;
  }

  line(area: TraceArea, text: string): void {
    const w = this.wire;
    w.out8(DEBUG_PORT, TRACE_MARKER);
    const record = `${area} ${text}`;
    for (let i = 0; i < record.length; i++) w.out8(DEBUG_PORT, record.charCodeAt(i) & 0xff);
    w.out8(DEBUG_PORT, 0x0a);
  }
}

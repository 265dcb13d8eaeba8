/**
 * The host's way to ask the firmware and the guest for traces: the fw_cfg file opt/fwlab/trace
 * (src/spec/trace.ts), added to the command line as `-fw_cfg name=opt/fwlab/trace,string=AREAS`
 * for the areas given (`fwlab boot --trace`) and those `DEBUG=fwlab:<area>` enables.
 */
import { debugEnabled } from '../../lib/log.js';
import { TRACE_AREAS, TRACE_FILE } from '../../spec/trace.js';
import type { TraceArea } from '../../spec/trace.js';

/** `args` with the trace file added, unless it is there already or nothing is asked for. */
export function withTraceFile(args: readonly string[], areas: readonly TraceArea[] = []): readonly string[] {
  if (args.some((a) => a.includes(`name=${TRACE_FILE},`))) return args;
  const wanted = new Set(areas);
  for (const a of Object.keys(TRACE_AREAS) as TraceArea[]) if (debugEnabled(a)) wanted.add(a);
  // ",," is a literal comma in a QEMU option value.
  return wanted.size ? [...args, '-fw_cfg', `name=${TRACE_FILE},string=${[...wanted].join(',,')}`] : args;
}

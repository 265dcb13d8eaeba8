/**
 * The AML trace as text lines, one per event, indented by call depth. The same lines come from
 * `fwlab aml trace` (in-process) and from the OSPM guest over the debug console (`opt/fwlab/trace`).
 *
 *   call \_SB_.LNKA._CRS () @DSDT+0x1a2b
 *     call \_SB_.IQCR (0x0b) @DSDT+0x1720
 *     read PCI_Config \_SB_.PCI0.S08_.P40C 0x00000060/1 = 0x0b
 *     field read \_SB_.PCI0.S08_.PRQ0 = 0xb
 *     return \_SB_.IQCR = Buffer[11] 23 00 00 ...
 *   return \_SB_.LNKA._CRS = Buffer[11] ...
 *   notify \_SB_.VGEN 0x80
 *   error AE_AML_LOOP_TIMEOUT in \MAIN at DSDT+0x40: While exceeded ...
 */
import type { AmlTracer } from './engine-types.js';
import type { AmlError } from './errors.js';
import type { NsNode } from './namespace.js';
import { Kind, RefType, TYPE_NAMES } from './types.js';
import type { AmlValue } from './types.js';
import { REGION_SPACE_NAMES } from '../../spec/aml.js';

const hex = (v: bigint | number, w = 0): string => '0x' + v.toString(16).padStart(w, '0');
const MAX_BUFFER_BYTES = 32;

/** One value, compactly: `0x1f`, `"PNP0A03"`, `Buffer[11] 23 00 ...`, `Package{0x1, "a"}`. */
export function traceValue(v: AmlValue | undefined): string {
  if (v === undefined) return 'none';
  if (typeof v === 'bigint') return hex(v);
  switch (v.kind) {
    case Kind.String: return JSON.stringify(v.value);
    case Kind.Buffer: {
      const shown = Array.from(v.data.subarray(0, MAX_BUFFER_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
      return `Buffer[${v.data.length}] ${shown}${v.data.length > MAX_BUFFER_BYTES ? ' ...' : ''}`.trimEnd();
    }
    case Kind.Package: return `Package{${v.elements.map(traceValue).join(', ')}}`;
    case Kind.NameRef: return `Ref(${v.path})`;
    case Kind.Reference:
      return v.refType === RefType.Node && v.node ? `Ref(${v.node.path()})` : 'Ref';
    default: return `<${TYPE_NAMES[v.kind] ?? v.kind}>`;
  }
}

/** "  " per method frame beyond the first. */
const indent = (depth: number): string => '  '.repeat(Math.max(0, depth - 1));

export interface LineTracerOptions {
  /** Also trace region accesses (default true). */
  readonly regions?: boolean;
}

/** An AmlTracer that writes one line per event through `emit`. */
export function lineTracer(emit: (line: string) => void, options: LineTracerOptions = {}): AmlTracer {
  let depth = 0;
  const tracer: AmlTracer = {
    call(node: NsNode, args, table, offset, d) {
      depth = d;
      emit(`${indent(d)}call ${node.path()} (${args.map(traceValue).join(', ')}) @${table}+${hex(offset)}`);
    },
    ret(node: NsNode, value, d) {
      depth = d - 1;
      emit(`${indent(d)}return ${node.path()} = ${traceValue(value)}`);
    },
    notify(node: NsNode, value) {
      emit(`${indent(depth + 1)}notify ${node.path()} ${hex(value, 2)}`);
    },
    error(e: AmlError) {
      emit(`${indent(depth + 1)}error ${e.describe()}`);
    },
  };
  tracer.field = (op, field, value) => {
    emit(`${indent(depth + 1)}field ${op} ${field.node?.path() ?? '?'} = ${traceValue(value)}`);
  };
  if (options.regions ?? true) {
    tracer.region = (op, region, address, width, value) => {
      const space = REGION_SPACE_NAMES[region.space] ?? hex(region.space);
      emit(`${indent(depth + 1)}${op} ${space} ${region.node.path()} ${hex(address, 8)}/${width} = ${hex(value, width * 2)}`);
    };
  }
  return tracer;
}

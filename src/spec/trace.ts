/**
 * Traces over the wire. The host asks for traces with the fw_cfg file `opt/fwlab/trace`: its text
 * is a comma-separated list of areas (`aml,loader,pci,fwcfg`). The firmware reads it during POST,
 * traces what it owns (`loader`: each linker-loader command as executed, with the bytes before and
 * after each patch) and passes `aml` on to the guest in the hand-over flags (HANDOVER_FLAGS.TRACE_AML).
 * A program traces by writing one line to the debug console (port 0x402) that starts with
 * TRACE_MARKER, then the area, a space and the text: `\x1eloader #3 ADD_POINTER ...`. Such lines are
 * not console lines: the machine routes them to `DEBUG=fwlab:<area>` and the report's trace section.
 * The machine traces its own areas (`pci`, `fwcfg`) directly, under QEMU's trace-event names.
 */
export const TRACE_FILE = 'opt/fwlab/trace';
/** ASCII RS (record separator): never part of a console line. */
export const TRACE_MARKER = 0x1e;
/** Areas fwlab can trace: who emits them. */
export const TRACE_AREAS = {
  aml: 'guest (the OSPM\'s AML interpreter)',
  loader: 'firmware (the linker-loader executor)',
  pci: 'machine (pci_cfg_write, pci_update_mappings_add/del)',
  fwcfg: 'machine (fw_cfg_select, fw_cfg_dma)',
} as const;
export type TraceArea = keyof typeof TRACE_AREAS;

export function isTraceArea(a: string): a is TraceArea {
  return Object.prototype.hasOwnProperty.call(TRACE_AREAS, a);
}

/** The areas named in a trace file's text (unknown names ignored). */
export function parseTraceAreas(text: string): TraceArea[] {
  return text.split(/[,\s\0]+/).filter(isTraceArea);
}

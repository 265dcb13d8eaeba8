/** `fwlab loader explain`: every command of a script in plain words. */
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { describeLocation, describeTarget, tableAt, tableSpans } from '../acpi/acpi-layout.js';
import type { TableSpan } from '../acpi/acpi-layout.js';
import { parseLoaderScript, zoneName } from './loader-script.js';
import type { Command } from './loader-script.js';
import { loaderFileOf } from './loader-files.js';

export interface ExplainedCommand {
  readonly index: number;
  readonly kind: string;
  readonly text: string;
  readonly command: Command;
}

function readLe(b: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0 && off + i < b.length; i--) v = (v << 8n) | BigInt(b[off + i]!);
  return v;
}

export class ScriptContext {
  private readonly spans = new Map<string, TableSpan[]>();
  constructor(readonly files: FwCfgFiles) {}
  data(name: string): Uint8Array | undefined {
    return this.files.get(name)?.data;
  }
  tables(name: string): TableSpan[] {
    let s = this.spans.get(name);
    if (!s) {
      const d = this.data(name);
      s = d ? tableSpans(d) : [];
      this.spans.set(name, s);
    }
    return s;
  }
  at(name: string, offset: number): string {
    return describeLocation(name, this.data(name), offset, this.tables(name));
  }
  /** The pre-filled relative value QEMU put in the pointer field. */
  prefill(name: string, offset: number, size: number): bigint {
    const d = this.data(name);
    return d ? readLe(d, offset, size) : 0n;
  }
  target(name: string, rel: bigint): string {
    return describeTarget(name, this.data(name), rel, this.tables(name));
  }
}

export function explainCommand(ctx: ScriptContext, c: Command): string {
  switch (c.kind) {
    case 'ALLOCATE': {
      const size = ctx.data(c.file)?.length;
      const tables = ctx.tables(c.file).map((t) => t.signature);
      return `allocate ${c.file} (${size === undefined ? 'missing fw_cfg file' : `${size} bytes`}) in ${zoneName(c.zone)} memory, aligned to ${c.align}`
        + (tables.length ? `; holds ${tables.join(', ')}` : '');
    }
    case 'ADD_POINTER': {
      const rel = ctx.prefill(c.destFile, c.offset, c.size);
      return `patch ${c.size} bytes at ${ctx.at(c.destFile, c.offset)} in ${c.destFile} with the address of ${ctx.target(c.srcFile, rel)}`;
    }
    case 'ADD_CHECKSUM': {
      const spans = ctx.tables(c.file);
      const t = tableAt(spans, c.start);
      const whole = t && t.offset === c.start && t.length === c.length ? ` (the whole ${t.signature})` : '';
      return `set the checksum byte at ${ctx.at(c.file, c.resultOffset)} so that ${c.file}[0x${c.start.toString(16)}..0x${(c.start + c.length).toString(16)}) sums to 0${whole}`;
    }
    case 'WRITE_POINTER':
      return `send the address of ${ctx.target(c.srcFile, BigInt(c.srcOffset))} back to QEMU: write ${c.size} bytes at offset ${c.dstOffset} of fw_cfg file ${c.destFile}`;
    default:
      return `unknown command ${c.command} (firmware skips it)`;
  }
}

export function explainScript(files: FwCfgFiles, where: string): ExplainedCommand[] {
  const script = parseLoaderScript(loaderFileOf(files, where).data);
  const ctx = new ScriptContext(files);
  return script.commands.map((c) => ({ index: c.index, kind: c.kind, text: explainCommand(ctx, c), command: c }));
}

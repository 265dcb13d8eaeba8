/** `fwlab loader why FILE+OFFSET`: which command last wrote a byte, and the chain behind it. */
import { UsageError } from '../../lib/errors.js';
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { ScriptContext, explainCommand } from './explain.js';
import type { Command } from './loader-script.js';
import { FROM_FW_CFG, traceLoader } from './trace.js';

export interface ChainLink {
  readonly index: number;
  readonly kind: string;
  /** Its part in the byte's value. */
  readonly role: string;
  readonly text: string;
}

export interface WhyAnswer {
  readonly file: string;
  readonly offset: number;
  readonly location: string;
  readonly value: number;
  /** The last writer (undefined: the byte is as the fw_cfg file had it). */
  readonly lastWriter: ChainLink | undefined;
  /** Oldest first: ALLOCATE → ADD_POINTER → ADD_CHECKSUM. */
  readonly chain: readonly ChainLink[];
  /** Later checksums whose range includes the byte (they depend on it). */
  readonly coveredBy: readonly ChainLink[];
}

/** "etc/acpi/tables+0x2090" / "etc/acpi/tables+8336" → file and offset. */
export function parseFileOffset(spec: string): { file: string; offset: number } {
  const m = /^(.+)\+(0x[0-9a-f]+|\d+)$/i.exec(spec);
  if (!m) throw new UsageError(`'${spec}' is not FILE+OFFSET (e.g. etc/acpi/tables+0x40)`);
  return { file: m[1]!, offset: Number(m[2]) };
}

export function whyByte(files: FwCfgFiles, file: string, offset: number): WhyAnswer {
  const trace = traceLoader(files);
  const ctx = new ScriptContext(files);
  const t = trace.files.get(file);
  const f = files.get(file);
  if (!f) throw new UsageError(`no fw_cfg file '${file}'`);
  if (offset < 0 || offset >= f.data.length) throw new UsageError(`offset ${offset} is outside ${file} (${f.data.length} bytes)`);
  const byIndex = new Map(trace.script.commands.map((c) => [c.index, c]));
  const link = (c: Command, role: string): ChainLink => ({ index: c.index, kind: c.kind, role, text: explainCommand(ctx, c) });
  const alloc = (name: string): Command | undefined => trace.script.commands.find((c) => c.kind === 'ALLOCATE' && c.file === name);
  const chain: ChainLink[] = [];
  const w = t ? t.writer[offset]! : FROM_FW_CFG;
  const last = w === FROM_FW_CFG ? undefined : byIndex.get(w);
  const a = alloc(file);
  if (a) chain.push(link(a, last ? 'placed the blob; the original bytes came from fw_cfg' : 'placed the blob; this byte is as fw_cfg had it'));
  if (last?.kind === 'ADD_POINTER') {
    const s = alloc(last.srcFile);
    if (s && s !== a) chain.push(link(s, `placed ${last.srcFile}, whose address was added`));
    chain.push(link(last, 'added the pointee address to the pre-filled relative value'));
  } else if (last?.kind === 'ADD_CHECKSUM') {
    for (const c of trace.script.commands) {
      if (c.index >= last.index) break;
      if (c.kind === 'ADD_POINTER' && c.destFile === file && c.offset < last.start + last.length && c.offset + c.size > last.start) {
        chain.push(link(c, 'patched a byte inside the checksummed range'));
      }
    }
    chain.push(link(last, 'computed this checksum byte'));
  } else if (last?.kind === 'WRITE_POINTER') {
    const s = alloc(last.srcFile);
    if (s) chain.push(link(s, `placed ${last.srcFile}, whose address was sent`));
    chain.push(link(last, 'wrote this fw_cfg byte by DMA'));
  }
  const coveredBy = trace.script.commands
    .filter((c) => c.kind === 'ADD_CHECKSUM' && c.file === file && c.index > (last?.index ?? -1) && offset >= c.start && offset < c.start + c.length && c.resultOffset !== offset)
    .map((c) => link(c, 'its checksum includes this byte'));
  return {
    file, offset, location: ctx.at(file, offset), value: (t?.data ?? f.data)[offset]!,
    lastWriter: last ? chain[chain.length - 1] : undefined, chain, coveredBy,
  };
}

/**
 * A symbolic run of a loader script over fw_cfg files that records, for every byte of every
 * allocated blob and written fw_cfg file, the command that last wrote it (byte provenance).
 * Placement is a simple deterministic model (HIGH top-down below the RAM top, FSEG from
 * 0xF0000 up); `loader run` uses the firmware's executor for the real policies.
 */
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { parseLoaderScript } from './loader-script.js';
import type { Command, LoaderScript } from './loader-script.js';
import { LOADER_FILE } from './loader-files.js';

export const FROM_FW_CFG = -1;

export interface TracedFile {
  readonly name: string;
  /** Guest address for allocated blobs; undefined for fw_cfg files written by WRITE_POINTER. */
  readonly addr: number | undefined;
  readonly allocatedBy: number | undefined;
  readonly data: Uint8Array;
  /** Per byte: index of the command that last wrote it, or FROM_FW_CFG. */
  readonly writer: Int32Array;
}

export interface TraceStep {
  readonly command: Command;
  readonly ok: boolean;
  readonly note?: string;
  /** The value patched or sent (pointers) or stored (checksums). */
  readonly value?: bigint;
}

export interface Trace {
  readonly script: LoaderScript;
  readonly files: ReadonlyMap<string, TracedFile>;
  readonly steps: readonly TraceStep[];
}

export interface TraceOptions {
  /** Top of the HIGH zone (default 512 MiB). */
  readonly highTop?: number;
}

const alignDown = (v: number, a: number) => Math.floor(v / a) * a;
const alignUp = (v: number, a: number) => Math.ceil(v / a) * a;

function readLe(b: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i]!);
  return v;
}

export function traceLoader(files: FwCfgFiles, opts: TraceOptions = {}): Trace {
  const loader = files.get(LOADER_FILE);
  const script = parseLoaderScript(loader?.data ?? new Uint8Array(0));
  const traced = new Map<string, TracedFile>();
  const steps: TraceStep[] = [];
  let high = opts.highTop ?? 0x20000000;
  let fseg = 0xf0000;
  const allocated = (name: string) => {
    const t = traced.get(name);
    return t && t.addr !== undefined ? t : undefined;
  };
  for (const c of script.commands) {
    const fail = (note: string) => steps.push({ command: c, ok: false, note });
    switch (c.kind) {
      case 'ALLOCATE': {
        const f = files.get(c.file);
        if (!f || f.data.length === 0) { fail(f ? 'empty fw_cfg file' : 'no such fw_cfg file'); break; }
        if (allocated(c.file)) { fail('already allocated'); break; }
        const align = Math.max(16, c.align && (c.align & (c.align - 1)) === 0 ? c.align : 16);
        let addr: number;
        if (c.zone === 2) {
          addr = alignUp(fseg, align);
          fseg = addr + f.data.length;
        } else {
          addr = alignDown(high - f.data.length, align);
          high = addr;
        }
        traced.set(c.file, { name: c.file, addr, allocatedBy: c.index, data: f.data.slice(), writer: new Int32Array(f.data.length).fill(FROM_FW_CFG) });
        steps.push({ command: c, ok: true, value: BigInt(addr) });
        break;
      }
      case 'ADD_POINTER': {
        const d = allocated(c.destFile);
        const s = allocated(c.srcFile);
        if (!d || !s) { fail(`${!d ? c.destFile : c.srcFile} is not allocated`); break; }
        if (![1, 2, 4, 8].includes(c.size) || c.offset + c.size > d.data.length) { fail('bad size or offset'); break; }
        const v = (readLe(d.data, c.offset, c.size) + BigInt(s.addr!)) & ((1n << BigInt(8 * c.size)) - 1n);
        for (let i = 0; i < c.size; i++) {
          d.data[c.offset + i] = Number((v >> BigInt(8 * i)) & 0xffn);
          d.writer[c.offset + i] = c.index;
        }
        steps.push({ command: c, ok: true, value: v });
        break;
      }
      case 'ADD_CHECKSUM': {
        const d = allocated(c.file);
        if (!d) { fail(`${c.file} is not allocated`); break; }
        if (c.resultOffset >= d.data.length || c.start + c.length > d.data.length) { fail('outside the file'); break; }
        let sum = 0;
        for (let i = c.start; i < c.start + c.length; i++) sum = (sum + d.data[i]!) & 0xff;
        d.data[c.resultOffset] = (d.data[c.resultOffset]! - sum) & 0xff;
        d.writer[c.resultOffset] = c.index;
        steps.push({ command: c, ok: true, value: BigInt(d.data[c.resultOffset]!) });
        break;
      }
      case 'WRITE_POINTER': {
        const s = allocated(c.srcFile);
        const f = files.get(c.destFile);
        if (!s || !f) { fail(`${!s ? `${c.srcFile} is not allocated` : `no fw_cfg file ${c.destFile}`}`); break; }
        if (![1, 2, 4, 8].includes(c.size) || c.dstOffset + c.size > f.data.length) { fail('bad size or offset'); break; }
        let t = traced.get(c.destFile);
        if (!t) {
          t = { name: c.destFile, addr: undefined, allocatedBy: undefined, data: f.data.slice(), writer: new Int32Array(f.data.length).fill(FROM_FW_CFG) };
          traced.set(c.destFile, t);
        }
        const v = BigInt(s.addr!) + BigInt(c.srcOffset);
        for (let i = 0; i < c.size; i++) {
          t.data[c.dstOffset + i] = Number((v >> BigInt(8 * i)) & 0xffn);
          t.writer[c.dstOffset + i] = c.index;
        }
        steps.push({ command: c, ok: true, value: v });
        break;
      }
      default:
        steps.push({ command: c, ok: true, note: 'unknown command, skipped' });
    }
  }
  return { script, files: traced, steps };
}

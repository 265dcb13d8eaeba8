/** The tools' own static rules over a loader script (beyond what the firmwares check). */
import { le32 } from '../../lib/bytes.js';
import { isSignature, tableAt } from '../acpi/acpi-layout.js';
import type { AddChecksum, AddPointer } from './loader-script.js';
import type { ScriptContext } from './explain.js';
import type { Trace } from './trace.js';

export type Severity = 'error' | 'warning' | 'info';

export interface LintFinding {
  readonly rule: string;
  readonly severity: Severity;
  /** Entry index of the command (-1: the script or a file as a whole). */
  readonly index: number;
  readonly message: string;
  readonly seabios?: string;
  readonly ovmf?: string;
}

type Emit = (f: LintFinding) => void;

const ACPI_TABLES = 'etc/acpi/tables';
/** QEMU's padding of the fw_cfg carriers (qemu-host.md §4.1, §2.1). */
const BUDGETS: Readonly<Record<string, { pad: number; max: number; warnAbove?: number }>> = {
  'etc/acpi/tables': { pad: 0x20000, max: 0x200000, warnAbove: 0x10000 },
  'etc/table-loader': { pad: 0x1000, max: 0x10000 },
  'etc/acpi/rsdp': { pad: 0, max: 0x1000 },
};

function pointers(trace: Trace): AddPointer[] {
  return trace.script.commands.filter((c): c is AddPointer => c.kind === 'ADD_POINTER');
}

/** A table pointed to from more than one other table (FADT's DSDT + X_DSDT count once). */
export function multiplePointers(ctx: ScriptContext, trace: Trace, emit: Emit): void {
  const referrers = new Map<string, { from: Set<string>; index: number[] }>();
  for (const p of pointers(trace)) {
    const rel = Number(ctx.prefill(p.destFile, p.offset, p.size));
    const t = ctx.tables(p.srcFile).find((s) => s.offset === rel);
    if (!t) continue;
    const key = `${p.srcFile}+${rel} (${t.signature})`;
    const fromTable = tableAt(ctx.tables(p.destFile), p.offset);
    const from = `${p.destFile}:${fromTable ? fromTable.offset : p.offset}`;
    const r = referrers.get(key) ?? { from: new Set(), index: [] };
    r.from.add(from);
    r.index.push(p.index);
    referrers.set(key, r);
  }
  for (const [key, r] of referrers) {
    if (r.from.size > 1) {
      emit({
        rule: 'multiple-pointers', severity: 'warning', index: r.index[r.index.length - 1]!,
        message: `${key} is referenced by ${r.index.length} pointers from ${r.from.size} tables (#${r.index.join(', #')}); OVMF installs each distinct target once, an OS walking both may see it twice`,
      });
    }
  }
}

/** An ADD_CHECKSUM whose range a later ADD_POINTER patches, with no checksum redone after it. */
export function checksumBeforePointer(trace: Trace, emit: Emit): void {
  const cmds = trace.script.commands;
  cmds.forEach((c, i) => {
    if (c.kind !== 'ADD_CHECKSUM') return;
    for (const p of cmds.slice(i + 1)) {
      if (p.kind !== 'ADD_POINTER' || p.destFile !== c.file) continue;
      if (p.offset + p.size <= c.start || p.offset >= c.start + c.length) continue;
      const redone = cmds.slice(cmds.indexOf(p) + 1).some((d): d is AddChecksum => d.kind === 'ADD_CHECKSUM' && d.file === c.file && d.start <= p.offset && d.start + d.length >= p.offset + p.size);
      if (!redone) {
        emit({
          rule: 'checksum-before-pointer', severity: 'error', index: c.index,
          message: `ADD_CHECKSUM #${c.index} over ${c.file}[0x${c.start.toString(16)}+${c.length}] runs before ADD_POINTER #${p.index} patches 0x${p.offset.toString(16)} inside that range: the checksum ends up wrong`,
        });
        return;
      }
    }
  });
}

/** Pre-filled relative values at or past the pointee's end, or into a table that runs past it. */
export function pointerPastEnd(ctx: ScriptContext, trace: Trace, emit: Emit): void {
  for (const p of pointers(trace)) {
    const src = ctx.data(p.srcFile);
    if (!src) continue;
    const rel = ctx.prefill(p.destFile, p.offset, p.size);
    if (rel >= BigInt(src.length)) {
      emit({
        rule: 'pointer-past-end', severity: 'error', index: p.index, seabios: 'accept', ovmf: 'abort',
        message: `pointer at ${ctx.at(p.destFile, p.offset)} = ${p.srcFile} + 0x${rel.toString(16)}, past its end (${src.length} bytes); OVMF aborts (checklist 13), SeaBIOS points outside the blob`,
      });
      continue;
    }
    const o = Number(rel);
    if (o + 8 <= src.length && isSignature(src, o)) {
      const len = le32(src, o + 4);
      if (len >= 36 && o + len > src.length) {
        emit({
          rule: 'pointer-past-end', severity: 'error', index: p.index,
          message: `${p.srcFile} + 0x${o.toString(16)} is a table of ${len} bytes that runs past the blob's end (${src.length} bytes)`,
        });
      }
    }
  }
}

function sum8(b: Uint8Array, start: number, length: number): number {
  let s = 0;
  for (let i = start; i < start + length; i++) s = (s + b[i]!) & 0xff;
  return s;
}

/**
 * OVMF's probe over every ADD_POINTER target after the script (seabios-ovmf.md checklist 29):
 * FACS by signature and length, other SDTs by 36 <= Length <= remaining and sum8 = 0.
 */
export function ovmfProbe(trace: Trace, emit: Emit): void {
  const seen = new Set<string>();
  const checksummed = new Set(trace.script.commands.filter((c): c is AddChecksum => c.kind === 'ADD_CHECKSUM').map((c) => `${c.file}:${c.start}:${c.length}`));
  for (const step of trace.steps) {
    const p = step.command;
    if (p.kind !== 'ADD_POINTER' || !step.ok || step.value === undefined) continue;
    const blob = trace.files.get(p.srcFile);
    if (!blob || blob.addr === undefined) continue;
    const o = Number(step.value) - blob.addr;
    const key = `${p.srcFile}:${o}`;
    if (o < 0 || o >= blob.data.length || seen.has(key)) continue;
    seen.add(key);
    const remaining = blob.data.length - o;
    if (remaining < 8) continue;
    const b = blob.data;
    const sig = isSignature(b, o) ? String.fromCharCode(...b.subarray(o, o + 4)) : undefined;
    const len = le32(b, o + 4);
    if (sig === 'RSDT' || sig === 'XSDT') continue;
    const isTable = sig === 'FACS' ? len >= 64 && len <= remaining : len >= 36 && len <= remaining && sum8(b, o, len) === 0;
    if (isTable && sig !== 'FACS' && !checksummed.has(`${p.srcFile}:${o}:${len}`)) {
      emit({
        rule: 'ovmf-probe', severity: 'error', index: p.index, ovmf: 'accept',
        message: `${p.srcFile} + 0x${o.toString(16)} passes OVMF's table probe (length ${len}, sums to 0) although no ADD_CHECKSUM marks it as a table: OVMF would install it as '${sig ?? '????'}'`,
      });
    } else if (!isTable && sig !== undefined) {
      const meant = checksummed.has(`${p.srcFile}:${o}:${len}`);
      emit({
        rule: 'ovmf-probe', severity: meant ? 'error' : 'warning', index: p.index,
        message: `${p.srcFile} + 0x${o.toString(16)} looks like an ACPI header ('${sig}', length ${len}) but fails OVMF's probe: OVMF keeps the blob opaque and installs nothing from it`,
      });
    }
  }
}

/** WRITE_POINTER into a file the script also ALLOCATEs (the write goes to fw_cfg, not the guest copy). */
export function writePointerIntoAllocated(trace: Trace, emit: Emit): void {
  const allocated = new Set(trace.script.commands.flatMap((c) => (c.kind === 'ALLOCATE' ? [c.file] : [])));
  for (const c of trace.script.commands) {
    if (c.kind === 'WRITE_POINTER' && allocated.has(c.destFile)) {
      emit({
        rule: 'write-pointer-into-allocated', severity: 'error', index: c.index,
        message: `WRITE_POINTER targets ${c.destFile}, which is also ALLOCATEd: the value goes to QEMU's fw_cfg item, the guest's copy never sees it`,
      });
    }
  }
}

/** Carrier sizes against QEMU's padding and maximum sizes. */
export function paddingBudget(ctx: ScriptContext, emit: Emit): void {
  for (const [name, b] of Object.entries(BUDGETS)) {
    const data = ctx.data(name);
    if (!data) continue;
    if (data.length > b.max) emit({ rule: 'padding-budget', severity: 'error', index: -1, message: `${name} is ${data.length} bytes, over QEMU's maximum of ${b.max}` });
    if (b.pad && data.length % b.pad !== 0) emit({ rule: 'padding-budget', severity: 'info', index: -1, message: `${name} is ${data.length} bytes, not padded to a multiple of 0x${b.pad.toString(16)} as QEMU does (size changes break migration)` });
    if (name === ACPI_TABLES) {
      const spans = ctx.tables(name);
      const used = spans.length ? spans[spans.length - 1]!.offset + spans[spans.length - 1]!.length : 0;
      if (b.warnAbove && used > b.warnAbove) emit({ rule: 'padding-budget', severity: 'warning', index: -1, message: `${name} holds ${used} bytes of tables, over the 64 KiB QEMU warns about` });
      else if (b.pad && data.length - used < 0x1000 && data.length % b.pad === 0) emit({ rule: 'padding-budget', severity: 'warning', index: -1, message: `${name}: only ${data.length - used} bytes of padding left before the next 0x${b.pad.toString(16)} step` });
    }
  }
}

/** Tables whose bytes don't sum to 0 after the script ran. */
export function finalChecksums(ctx: ScriptContext, trace: Trace, emit: Emit): void {
  for (const [name, f] of trace.files) {
    if (f.addr === undefined) continue;
    for (const t of ctx.tables(name)) {
      if (t.signature === 'FACS') continue;
      const s = sum8(f.data, t.offset, t.length);
      if (s !== 0) {
        emit({ rule: 'table-checksum', severity: 'error', index: -1, message: `${t.signature} at ${name}+0x${t.offset.toString(16)} sums to 0x${s.toString(16)} after the script (checksum wrong or never computed)` });
      }
    }
  }
}

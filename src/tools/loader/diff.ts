/** `fwlab loader diff A B`: what changed between two scripts, per command and per table. */
import type { FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { tableSpans } from '../acpi/acpi-layout.js';
import type { TableSpan } from '../acpi/acpi-layout.js';
import { ScriptContext, explainCommand } from './explain.js';
import { parseLoaderScript } from './loader-script.js';
import { LOADER_FILE, loaderFileOf } from './loader-files.js';

export interface LoaderDiff {
  /** Unified-style lines: ' ' same, '-' only in A, '+' only in B (commands in symbolic form). */
  readonly commands: readonly { readonly op: ' ' | '-' | '+'; readonly text: string }[];
  readonly tables: readonly { readonly table: string; readonly change: string }[];
  readonly same: boolean;
}

function symbolic(files: FwCfgFiles, where: string): string[] {
  const ctx = new ScriptContext(files);
  return parseLoaderScript(loaderFileOf(files, where).data).commands.map((c) => normalise(`${c.kind} ${explainCommand(ctx, c)}`));
}

/** Offsets of whole tables move when another table grows: compare by table name instead. */
function normalise(text: string): string {
  return text
    .replace(/ \+ 0x[0-9a-f]+ \(([A-Z0-9_ ]{4}(?:\[[^\]]*\])?)\)/g, ':$1')
    .replace(/ \S+\[0x[0-9a-f]+\.\.0x[0-9a-f]+\) sums to 0 \(the whole ([^)]+)\)/, ' the whole $1 sums to 0');
}

/** Longest common subsequence over command lines (scripts are short: at most 512 entries). */
function lcsDiff(a: readonly string[], b: readonly string[]): LoaderDiff['commands'] {
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: { op: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out.push({ op: ' ', text: a[i]! }); i++; j++; }
    else if (j < m && (i === n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) out.push({ op: '+', text: b[j++]! });
    else out.push({ op: '-', text: a[i++]! });
  }
  return out;
}

function tableKey(t: TableSpan): string {
  return t.signature === 'SSDT' && t.oemTableId ? `SSDT[${t.oemTableId}]` : t.signature;
}

/** Bytes of each file the script patches (pointer fields, checksum bytes): not compared. */
function patchedBytes(files: FwCfgFiles): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const mark = (file: string, off: number, n: number) => {
    const s = out.get(file) ?? new Set<number>();
    for (let i = 0; i < n; i++) s.add(off + i);
    out.set(file, s);
  };
  const loader = files.get(LOADER_FILE);
  for (const c of loader ? parseLoaderScript(loader.data).commands : []) {
    if (c.kind === 'ADD_POINTER') mark(c.destFile, c.offset, c.size);
    if (c.kind === 'ADD_CHECKSUM') mark(c.file, c.resultOffset, 1);
  }
  return out;
}

/** Table bytes with the checksum byte and the loader-patched pointer fields zeroed. */
function body(b: Uint8Array, t: TableSpan, patched: ReadonlySet<number> | undefined): Uint8Array {
  const c = b.slice(t.offset, t.offset + t.length);
  if (t.signature !== 'FACS' && c.length > 9) c[9] = 0;
  for (const o of patched ?? []) if (o >= t.offset && o < t.offset + t.length) c[o - t.offset] = 0;
  return c;
}

export function diffScripts(a: FwCfgFiles, b: FwCfgFiles): LoaderDiff {
  const commands = lcsDiff(symbolic(a, 'A'), symbolic(b, 'B'));
  const tables: { table: string; change: string }[] = [];
  const names = new Set([...a.keys(), ...b.keys()]);
  const pa = patchedBytes(a);
  const pb = patchedBytes(b);
  for (const file of [...names].sort()) {
    const da = a.get(file)?.data;
    const db = b.get(file)?.data;
    const ta = da ? tableSpans(da) : [];
    const tb = db ? tableSpans(db) : [];
    if (ta.length === 0 && tb.length === 0) continue;
    const mb = new Map(tb.map((t) => [tableKey(t), t]));
    const ma = new Map(ta.map((t) => [tableKey(t), t]));
    for (const t of ta) {
      const u = mb.get(tableKey(t));
      if (!u) { tables.push({ table: tableKey(t), change: `removed (was ${t.length} bytes at ${file}+0x${t.offset.toString(16)})` }); continue; }
      const changes: string[] = [];
      if (t.offset !== u.offset) changes.push(`moved 0x${t.offset.toString(16)} → 0x${u.offset.toString(16)}`);
      if (t.length !== u.length) changes.push(`length ${t.length} → ${u.length}`);
      const x = body(da!, t, pa.get(file));
      const y = body(db!, u, pb.get(file));
      if (t.length === u.length) {
        let n = 0;
        let first = -1;
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) { n++; if (first < 0) first = i; }
        if (n) changes.push(`${n} bytes differ, first at +${first}`);
      } else if (!changes.some((c) => c.startsWith('length'))) changes.push('content differs');
      if (changes.length) tables.push({ table: tableKey(t), change: changes.join('; ') });
    }
    for (const u of tb) if (!ma.has(tableKey(u))) tables.push({ table: tableKey(u), change: `added (${u.length} bytes at ${file}+0x${u.offset.toString(16)})` });
  }
  return { commands, tables, same: commands.every((c) => c.op === ' ') && tables.length === 0 };
}

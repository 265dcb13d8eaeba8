/**
 * Semantic comparison of two table sets: data tables field by field through their decoders
 * (pointers the firmware chose and checksums ignored, RSDT/XSDT compared as the list of tables
 * they name), DSDT/SSDT as namespaces and method bodies, resource templates descriptor by
 * descriptor.
 */
import { asciiAt, cString, le32, le64 } from '../../lib/bytes.js';
import { disassembleTable, methodsOf } from './disasm-table.js';
import { tableName } from './table-set.js';
import type { AcpiTable } from './table-set.js';
import { diffFields } from './field-diff.js';
import { diffResources } from './resource-diff.js';
import { hasDataLayout } from './tables/index.js';

export interface TableDifference {
  readonly table: string;
  readonly what: string;
}

/** Byte offsets holding addresses the firmware chose, per signature. */
const POINTER_FIELDS: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  RSDP: [[8, 1], [16, 4], [24, 8], [32, 1]],
  FACP: [[36, 4], [40, 4], [132, 8], [140, 8]],
};

function normalised(t: AcpiTable): Uint8Array {
  const d = t.data.slice();
  if (t.signature !== 'RSDP' && t.signature !== 'FACS' && d.length > 9) d[9] = 0;
  for (const [off, n] of POINTER_FIELDS[t.signature] ?? []) if (off + n <= d.length) d.fill(0, off, off + n);
  if ((t.signature === 'RSDT' || t.signature === 'XSDT') && d.length > 36) d.fill(0, 36);
  return d;
}

function entries(t: AcpiTable, byAddr: ReadonlyMap<number, AcpiTable>): string[] {
  const w = t.signature === 'XSDT' ? 8 : 4;
  const out: string[] = [];
  for (let o = 36; o + w <= t.data.length; o += w) {
    const a = w === 8 ? Number(le64(t.data, o)) : le32(t.data, o);
    const target = byAddr.get(a);
    out.push(target ? tableName(target) : `0x${a.toString(16)}`);
  }
  return out;
}

const HEADER: readonly [string, (d: Uint8Array) => string | number][] = [
  ['Length', (d) => le32(d, 4)], ['Revision', (d) => d[8]!], ['OEMID', (d) => cString(d, 10, 6)], ['OEM Table ID', (d) => cString(d, 16, 8)],
  ['OEM Revision', (d) => le32(d, 24)], ['Creator ID', (d) => asciiAt(d, 28, 4)], ['Creator Revision', (d) => le32(d, 32)],
];

/** Pairs tables by name; a second SSDT with the same OEM table ID gets "#2". */
function keyed(tables: readonly AcpiTable[]): Map<string, AcpiTable> {
  const m = new Map<string, AcpiTable>();
  for (const t of tables) {
    let k = tableName(t);
    for (let i = 2; m.has(k); i++) k = `${tableName(t)}#${i}`;
    m.set(k, t);
  }
  return m;
}

export function diffTableSets(a: readonly AcpiTable[], b: readonly AcpiTable[]): TableDifference[] {
  const out: TableDifference[] = [];
  const ka = keyed(a);
  const kb = keyed(b);
  const addrA = new Map(a.filter((t) => t.address).map((t) => [t.address, t]));
  const addrB = new Map(b.filter((t) => t.address).map((t) => [t.address, t]));
  const ma = methodsOf(a);
  const mb = methodsOf(b);
  for (const [k, t] of ka) if (!kb.has(k)) out.push({ table: k, what: `only in A (${t.data.length} bytes)` });
  for (const [k, t] of kb) if (!ka.has(k)) out.push({ table: k, what: `only in B (${t.data.length} bytes)` });
  for (const [k, x] of ka) {
    const y = kb.get(k);
    if (!y) continue;
    const diffs: string[] = [];
    const da = disassembleTable(x, ma);
    const db = disassembleTable(y, mb);
    const fields = !da && !db && hasDataLayout(x.signature);
    if (!fields && x.signature !== 'RSDP' && x.signature !== 'FACS' && x.data.length >= 36 && y.data.length >= 36) {
      for (const [name, get] of HEADER) if (get(x.data) !== get(y.data)) diffs.push(`${name} ${JSON.stringify(get(x.data))} -> ${JSON.stringify(get(y.data))}`);
    }
    if ((x.signature === 'RSDT' || x.signature === 'XSDT') && addrA.size && addrB.size) {
      const ea = entries(x, addrA).join(', ');
      const eb = entries(y, addrB).join(', ');
      if (ea !== eb) diffs.push(`entries [${ea}] -> [${eb}]`);
    }
    if (fields) diffs.push(...diffFields(x.signature, x.data, y.data));
    if (da && db) {
      const na = new Map(da.namespace.map((e) => [`${e.kind} ${e.path}`, e.detail]));
      const nb = new Map(db.namespace.map((e) => [`${e.kind} ${e.path}`, e.detail]));
      for (const [p, v] of na) {
        if (!nb.has(p)) diffs.push(`- ${p}`);
        else if (nb.get(p) !== v) {
          const resources = p.startsWith('Method ') ? undefined : diffResources(v, nb.get(p)!);
          if (resources) diffs.push(...resources.map((r) => `~ ${p}: ${r}`));
          else diffs.push(p.startsWith('Method ') ? `~ ${p}: body differs` : `~ ${p}: ${v.split('\n')[0]} -> ${nb.get(p)!.split('\n')[0]}`);
        }
      }
      for (const p of nb.keys()) if (!na.has(p)) diffs.push(`+ ${p}`);
      if (diffs.length === 0 && !bytesEqual(normalised(x), normalised(y))) diffs.push('AML bytes differ, namespace and method bodies equal');
    } else if (!fields && !bytesEqual(normalised(x), normalised(y))) {
      // Header fields were compared by name above; count only the bytes after them.
      const skip = x.signature === 'RSDP' || x.signature === 'FACS' ? 0 : 36;
      const p = normalised(x).subarray(skip);
      const q = normalised(y).subarray(skip);
      let n = 0;
      let first = -1;
      for (let i = 0; i < Math.max(p.length, q.length); i++) if (p[i] !== q[i]) { n++; if (first < 0) first = i; }
      if (n) diffs.push(`${n} bytes differ, first at +${first + skip}`);
    }
    for (const d of diffs) out.push({ table: k, what: d });
  }
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

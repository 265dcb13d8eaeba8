/**
 * The golden-table workflow replacing bios-tables-test's ritual: `snapshot DIR` writes each
 * table as SIG[.OEMTABLEID].dat (plus .dsl for AML tables, for review), `check DIR` compares
 * semantically, `check DIR --update` rewrites the snapshot.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors.js';
import { diffTableSets } from './acpi-diff.js';
import type { TableDifference } from './acpi-diff.js';
import { formatTableAsl, isAmlTable, methodsOf } from './disasm-table.js';
import { tablesFromBinaryDir } from './table-source.js';
import type { AcpiTable } from './table-set.js';

function fileBase(t: AcpiTable, used: Set<string>): string {
  let base = t.signature === 'RSDP' ? 'RSDP' : t.signature === 'SSDT' && t.oemTableId ? `SSDT.${t.oemTableId.replace(/[^A-Za-z0-9_-]/g, '_')}` : t.signature;
  for (let i = 2; used.has(base); i++) base = `${base.replace(/\.\d+$/, '')}.${i}`;
  used.add(base);
  return base;
}

export function writeSnapshot(dir: string, tables: readonly AcpiTable[]): string[] {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/\.(dat|dsl)$/.test(f)) rmSync(join(dir, f));
  const used = new Set<string>();
  const methods = methodsOf(tables);
  const written: string[] = [];
  for (const t of tables) {
    const base = fileBase(t, used);
    writeFileSync(join(dir, `${base}.dat`), t.data);
    written.push(`${base}.dat`);
    if (isAmlTable(t)) writeFileSync(join(dir, `${base}.dsl`), formatTableAsl(t, methods) + '\n');
  }
  return written;
}

export function checkSnapshot(dir: string, tables: readonly AcpiTable[]): TableDifference[] {
  if (!existsSync(dir)) throw new UsageError(`${dir}: no snapshot here (create one with fwlab acpi snapshot)`);
  return diffTableSets(tablesFromBinaryDir(dir), tables);
}

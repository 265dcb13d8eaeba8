/** A whole table as ASL-like text: DefinitionBlock for AML tables, header fields for the rest. */
import { asciiAt, cString, le32 } from '../../lib/bytes.js';
import { collectMethods, disassembleAml } from './aml/aml-disasm.js';
import type { Disassembly, MethodArgs } from './aml/aml-disasm.js';
import { tableName } from './table-set.js';
import type { AcpiTable } from './table-set.js';
import { formatDataTable } from './tables/index.js';
import { withResourceTemplates } from './resources/resource-template.js';

export function isAmlTable(t: AcpiTable): boolean {
  return (t.signature === 'DSDT' || t.signature === 'SSDT') && t.data.length >= 36;
}

/** Method arities over a set of tables (DSDT first), so SSDTs calling DSDT methods decode. */
export function methodsOf(tables: readonly AcpiTable[]): MethodArgs {
  const m: MethodArgs = new Map();
  for (const t of [...tables].sort((a, b) => Number(b.signature === 'DSDT') - Number(a.signature === 'DSDT'))) {
    if (isAmlTable(t)) collectMethods(t.data.subarray(36), m);
  }
  return m;
}

export function disassembleTable(t: AcpiTable, methods: MethodArgs): Disassembly | undefined {
  return isAmlTable(t) ? disassembleAml(t.data.subarray(36), methods) : undefined;
}

function header(t: AcpiTable): string[] {
  const d = t.data;
  return [
    `/* ${tableName(t)} @ 0x${t.address.toString(16)}: length ${le32(d, 4)}, revision ${d[8]}, checksum 0x${d[9]!.toString(16)},`,
    ` * OEM "${cString(d, 10, 6)}" "${cString(d, 16, 8)}" rev ${le32(d, 24)}, creator "${asciiAt(d, 28, 4)}" rev ${le32(d, 32)} */`,
  ];
}

/** A data table's fields in iasl's layout; a DSDT/SSDT as ASL with resource templates as macros. */
export function formatTableAsl(t: AcpiTable, methods: MethodArgs): string {
  const d = disassembleTable(t, methods);
  if (!d) return [`/* ${tableName(t)}${t.address ? ` @ 0x${t.address.toString(16)}` : ''} */`, '', formatDataTable(t.signature, t.data).trimEnd()].join('\n');
  const b = t.data;
  return [
    ...header(t),
    `DefinitionBlock ("", "${t.signature}", ${b[8]}, "${cString(b, 10, 6)}", "${cString(b, 16, 8)}", 0x${le32(b, 24).toString(16).toUpperCase().padStart(8, '0')})`,
    '{',
    ...withResourceTemplates(d.lines),
    '}',
  ].join('\n');
}

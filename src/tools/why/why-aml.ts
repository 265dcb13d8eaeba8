/** `fwlab why \PATH`: which installed table and offset defined an AML object, and its guest address. */
import type { Machine } from '../../inspect.js';
import { nodeTypeName } from '../../inspect.js';
import { UsageError } from '../../lib/errors.js';
import { hex } from '../../lib/hex.js';
import { tableName } from '../acpi/table-set.js';
import { guestTables } from './why-address.js';
import { installedAml } from '../monitor/monitor-aml.js';

export interface WhyAmlAnswer {
  readonly path: string;
  readonly type: string;
  /** Undefined for objects the interpreter predefines (\_SB_, \_OSI...). */
  readonly table: string | null;
  readonly offset: number | null;
  /** Guest physical address of the defining term. */
  readonly address: string | null;
}

export function whyAml(m: Machine, path: string): WhyAmlAnswer {
  const tables = guestTables(m);
  if (tables.length === 0) throw new UsageError('no RSDP in 0xE0000..0xFFFFF nor in the hand-over record: the firmware installed no ACPI tables');
  const aml = installedAml(m, tables);
  const node = aml.node(path);
  if (!node) throw new UsageError(`${path}: no such object in the installed DSDT/SSDTs`);
  const at = aml.definedAt(node);
  // installedAml loads the DSDT, then the SSDTs, in the order the root table lists them.
  const source = at ? tables.filter((t) => t.signature === 'DSDT' || t.signature === 'SSDT')
    .find((t) => t.data.length === at.table.bytes.length && t.data.every((b, i) => b === at.table.bytes[i])) : undefined;
  return {
    path: node.path(), type: nodeTypeName(node),
    table: source ? tableName(source) : at ? at.table.header.signature : null,
    offset: at ? at.offset : null,
    address: source && at ? hex(source.address + at.offset) : null,
  };
}

export function formatWhyAml(a: WhyAmlAnswer): string[] {
  if (a.table === null) return [`${a.path} (${a.type}): predefined by the interpreter, not defined by a table`];
  return [`${a.path} (${a.type}): defined at ${a.table}+0x${a.offset!.toString(16)}${a.address ? `, guest address ${a.address}` : ''}`];
}

/** RSDT and XSDT, ACPI 6.5 §5.2.7–8: arrays of 32- and 64-bit table addresses. */
import type { TableDecoder } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';

function entries(t: TableDecoder, off: number, size: number): void {
  for (let i = 0; off + size <= t.end; i++, off += size) t.field(off, { name: `ACPI Table Address ${String(i).padStart(3)}`, size });
}

export const RSDT: DataTableLayout = { signature: 'RSDT', description: 'Root System Description Table', decode: (t, off) => entries(t, off, 4) };
export const XSDT: DataTableLayout = { signature: 'XSDT', description: 'Extended System Description Table', decode: (t, off) => entries(t, off, 8) };

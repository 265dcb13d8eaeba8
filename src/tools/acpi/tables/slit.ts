/** SLIT, ACPI 6.5 §5.2.17: an N×N matrix of relative distances, one row per locality. */
import { hexDigits, uint } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';

export const SLIT: DataTableLayout = {
  signature: 'SLIT',
  description: 'System Locality Information Table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Localities', size: 8 }]);
    const n = Number(uint(t.d, 36, 8));
    for (let i = 0; i < n && off + n <= t.end; i++, off += n) {
      const bytes = Array.from(t.d.subarray(off, off + n), (b) => hexDigits(b, 2));
      // iasl: 16 entries a line, a backslash before each continuation.
      const rows: string[] = [];
      for (let k = 0; k < bytes.length; k += 16) rows.push(bytes.slice(k, k + 16).join(' '));
      t.lines.push({ kind: 'field', offset: off, length: n, name: `Locality ${String(i).padStart(3)}`, value: rows.join(' \\\n' + ' '.repeat(47)) });
    }
  },
};

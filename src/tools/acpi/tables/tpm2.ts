/** TPM2 (TCG ACPI Specification 1.3 §8.3): control area, start method, its parameters, event log. */
import { hexDigits, uint } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';

/** Start Method values (TCG ACPI spec table 8). */
const START_METHODS: Readonly<Record<number, string>> = {
  0: 'Not allowed', 2: 'ACPI Start Method', 6: 'Memory Mapped I/O', 7: 'Command Response Buffer',
  8: 'Command Response Buffer with ACPI Start Method', 11: 'Command Response Buffer with ARM SMC',
};

export const TPM2: DataTableLayout = {
  signature: 'TPM2',
  description: 'Trusted Platform Module hardware interface table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Platform Class', size: 2 }, { name: 'Reserved', size: 2 }, { name: 'Control Address', size: 8 }]);
    if (off + 4 > t.end) return;
    // iasl prints the 4-byte Start Method with two digits.
    const m = Number(uint(t.d, off, 4));
    t.lines.push({ kind: 'field', offset: off, length: 4, name: 'Start Method', value: `${hexDigits(m, 2)} [${START_METHODS[m] ?? 'Reserved'}]` });
    off += 4;
    t.blank();
    // Start-method parameters: 12 bytes in revision 4 (before LAML/LASA when those are present).
    const params = Math.min(12, t.end - off);
    if (params > 0) off = t.fields(off, [{ name: 'Method Parameters', size: params, as: 'bytes' }]);
    t.fields(off, [{ name: 'Minimum Log Length', size: 4 }, { name: 'Log Address', size: 8 }]);
  },
};

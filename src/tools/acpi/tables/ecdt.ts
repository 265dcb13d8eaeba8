/** ECDT, ACPI 6.5 §5.2.15: the embedded controller's registers, GPE and namespace path before the DSDT loads. */
import type { DataTableLayout } from './layout-types.js';

export const ECDT: DataTableLayout = {
  signature: 'ECDT',
  description: 'Embedded Controller Boot Resources Table',
  decode(t, off) {
    off = t.fields(off, [
      { name: 'Command/Status Register', size: 12, as: 'gas' }, { name: 'Data Register', size: 12, as: 'gas' },
      { name: 'UID', size: 4 }, { name: 'GPE Number', size: 1 },
    ]);
    if (off < t.end) t.field(off, { name: 'Namepath', size: t.end - off, as: 'ascii' });
  },
};

/** BERT, ACPI 6.5 §18.3.1: where the boot error region is. */
import type { DataTableLayout } from './layout-types.js';

export const BERT: DataTableLayout = {
  signature: 'BERT',
  description: 'Boot Error Record Table',
  decode(t, off) {
    t.fields(off, [{ name: 'Boot Error Region Length', size: 4 }, { name: 'Boot Error Region Address', size: 8 }]);
  },
};

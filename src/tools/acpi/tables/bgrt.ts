/** BGRT, ACPI 6.5 §5.2.23: the boot logo's place. */
import type { DataTableLayout } from './layout-types.js';

export const BGRT: DataTableLayout = {
  signature: 'BGRT',
  description: 'Boot Graphics Resource Table',
  decode(t, off) {
    t.fields(off, [
      { name: 'Version', size: 2 },
      { name: 'Status (decoded below)', size: 1, as: 'flags', bits: [['Displayed', 0], ['Orientation Offset', 1, 2]] },
      { name: 'Image Type', size: 1 }, { name: 'Image Address', size: 8 }, { name: 'Image OffsetX', size: 4 }, { name: 'Image OffsetY', size: 4 },
    ]);
  },
};

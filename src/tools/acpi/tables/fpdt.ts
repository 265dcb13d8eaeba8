/** FPDT, ACPI 6.5 §5.2.24: performance record pointers (type 0 boot, type 1 S3). */
import type { DataTableLayout } from './layout-types.js';
import { decodeSubtables } from './subtables.js';

export const FPDT: DataTableLayout = {
  signature: 'FPDT',
  description: 'Firmware Performance Data Table',
  decode(t, off) {
    t.blank();
    decodeSubtables(t, off, {
      typeSize: 2, lengthSize: 1, showTypeName: false,
      kinds: {
        0: { name: 'Firmware Basic Boot Performance Table Pointer', fields: [
          { name: 'Revision', size: 1 }, { name: 'Reserved', size: 4 }, { name: 'FPDT Boot Record Address', size: 8 }] },
        1: { name: 'S3 Performance Table Pointer', fields: [
          { name: 'Revision', size: 1 }, { name: 'Reserved', size: 4 }, { name: 'S3PT Record Address', size: 8 }] },
      },
    });
  },
};

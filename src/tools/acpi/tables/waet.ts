/** WAET, Microsoft's Windows ACPI Emulated Devices Table (version 1.0). */
import type { DataTableLayout } from './layout-types.js';

export const WAET: DataTableLayout = {
  signature: 'WAET',
  description: 'Windows ACPI Emulated Devices Table',
  decode(t, off) {
    t.fields(off, [{ name: 'Flags (decoded below)', size: 4, as: 'flags', bits: [['RTC needs no INT ack', 0], ['PM timer, one read only', 1]] }]);
  },
};

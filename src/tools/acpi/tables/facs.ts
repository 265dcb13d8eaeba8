/** FACS, ACPI 6.5 §5.2.10 (no standard header: signature and length only). */
import type { DataTableLayout } from './layout-types.js';
import { signatureLine } from './header.js';

export const FACS: DataTableLayout = {
  signature: 'FACS',
  description: '',
  headerless: true,
  decode(t) {
    signatureLine(t, 4, '');
    t.fields(4, [
      { name: 'Length', size: 4 }, { name: 'Hardware Signature', size: 4 }, { name: '32 Firmware Waking Vector', size: 4 },
      { name: 'Global Lock', size: 4 },
      { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: [['S4BIOS Support Present', 0], ['64-bit Wake Supported (V2)', 1]] },
      { name: '64 Firmware Waking Vector', size: 8 }, { name: 'Version', size: 1 }, { name: 'Reserved', size: 3 },
      { name: 'OspmFlags (decoded below)', size: 4, as: 'flags', bits: [['64-bit Wake Env Required (V2)', 0]] },
    ]);
  },
};

/** RSDP, ACPI 6.5 §5.2.5.3: 20 bytes in revision 0, 36 from revision 2 (length, XSDT, extended checksum). */
import type { DataTableLayout } from './layout-types.js';
import { signatureLine } from './header.js';

export const RSDP: DataTableLayout = {
  signature: 'RSDP',
  description: '',
  headerless: true,
  decode(t) {
    signatureLine(t, 8, '');
    const off = t.fields(8, [
      { name: 'Checksum', size: 1 }, { name: 'Oem ID', size: 6, as: 'ascii' }, { name: 'Revision', size: 1 }, { name: 'RSDT Address', size: 4 },
    ]);
    if ((t.d[15] ?? 0) >= 2) {
      t.fields(off, [{ name: 'Length', size: 4 }, { name: 'XSDT Address', size: 8 }, { name: 'Extended Checksum', size: 1 }, { name: 'Reserved', size: 3 }]);
    }
  },
};

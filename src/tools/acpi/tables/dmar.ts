/** DMAR (Intel VT-d specification 4.0 §8): remapping units, reserved regions, ATS, affinity, namespace devices, with device scopes. */
import { hexDigits } from './field-layout.js';
import type { TableDecoder } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';
import { decodeSubtables } from './subtables.js';

const SCOPE_TYPES: Readonly<Record<number, string>> = {
  1: 'PCI Endpoint Device', 2: 'PCI Bridge Device', 3: 'IOAPIC Device', 4: 'Message-capable HPET Device', 5: 'Namespace Device',
};

/** Device scope entries (§8.3.1) up to the end of the remapping structure. */
function deviceScopes(t: TableDecoder, off: number, end: number): void {
  while (off + 6 <= end) {
    const len = t.d[off + 1]!;
    t.blank();
    t.fields(off, [
      { name: 'Device Scope Type', size: 1, as: 'enum', values: SCOPE_TYPES }, { name: 'Entry Length', size: 1 }, { name: 'Reserved', size: 2 },
      { name: 'Enumeration ID', size: 1 }, { name: 'PCI Bus Number', size: 1 },
    ]);
    if (len < 6 || off + len > end) return;
    t.blank();
    for (let p = off + 6; p + 2 <= off + len; p += 2) {
      t.lines.push({ kind: 'field', offset: p, length: 2, name: 'PCI Path', value: `${hexDigits(t.d[p]!, 2)},${hexDigits(t.d[p + 1]!, 2)}` });
    }
    off += len;
  }
}

export const DMAR: DataTableLayout = {
  signature: 'DMAR',
  description: 'DMA Remapping table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Host Address Width', size: 1 }, { name: 'Flags', size: 1 }, { name: 'Reserved', size: 10, as: 'bytes' }]);
    t.blank();
    decodeSubtables(t, off, {
      typeSize: 2, lengthSize: 2, blankAfterHeader: true,
      kinds: {
        0: { name: 'Hardware Unit Definition', fields: [
          { name: 'Flags', size: 1 }, { name: 'Reserved', size: 1 }, { name: 'PCI Segment Number', size: 2 }, { name: 'Register Base Address', size: 8 }],
        rest: deviceScopes },
        1: { name: 'Reserved Memory Region', fields: [
          { name: 'Reserved', size: 2 }, { name: 'PCI Segment Number', size: 2 }, { name: 'Base Address', size: 8 }, { name: 'End Address (limit)', size: 8 }],
        rest: deviceScopes },
        2: { name: 'Root Port ATS Capability', fields: [{ name: 'Flags', size: 1 }, { name: 'Reserved', size: 1 }, { name: 'PCI Segment Number', size: 2 }],
          rest: deviceScopes },
        3: { name: 'Remapping Hardware Static Affinity', fields: [{ name: 'Reserved', size: 4 }, { name: 'Base Address', size: 8 }, { name: 'Proximity Domain', size: 4 }] },
        4: { name: 'ACPI Namespace Device Declaration', fields: [{ name: 'Reserved', size: 3 }, { name: 'Device Number', size: 1 }],
          rest: (t, off, end) => { if (end > off) t.field(off, { name: 'Device Name', size: end - off, as: 'ascii' }); } },
      },
    });
  },
};

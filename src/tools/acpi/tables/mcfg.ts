/** MCFG (PCI Firmware Specification 3.2 §4.1.2): one 16-byte allocation per ECAM region. */
import type { Field } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';

const ALLOCATION: readonly Field[] = [
  { name: 'Base Address', size: 8 }, { name: 'Segment Group Number', size: 2 }, { name: 'Start Bus Number', size: 1 },
  { name: 'End Bus Number', size: 1 }, { name: 'Reserved', size: 4 },
];

export const MCFG: DataTableLayout = {
  signature: 'MCFG',
  description: 'Memory Mapped Configuration table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Reserved', size: 8 }]);
    for (; off + 16 <= t.end; off += 16) {
      t.blank();
      t.fields(off, ALLOCATION);
    }
  },
};

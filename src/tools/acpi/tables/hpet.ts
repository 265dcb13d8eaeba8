/** HPET description table (IA-PC HPET specification 1.0a §3.2.4). */
import type { DataTableLayout } from './layout-types.js';

export const HPET: DataTableLayout = {
  signature: 'HPET',
  description: 'High Precision Event Timer table',
  decode(t, off) {
    t.fields(off, [
      { name: 'Hardware Block ID', size: 4 }, { name: 'Timer Block Register', size: 12, as: 'gas' },
      { name: 'Sequence Number', size: 1 }, { name: 'Minimum Clock Ticks', size: 2 },
      // Page protection and OEM attribute: bits 0–3 say 4 KiB (1) or 64 KiB (2) protection.
      { name: 'Flags (decoded below)', size: 1, as: 'flags', bits: [['4K Page Protect', 0], ['64K Page Protect', 1]] },
    ]);
  },
};

/** SRAT, ACPI 6.5 §5.2.16: processor, memory, x2APIC, GICC, GIC ITS and generic initiator affinity. */
import type { DataTableLayout } from './layout-types.js';
import { decodeSubtables } from './subtables.js';

const ENABLED = [['Enabled', 0]] as const;

export const SRAT: DataTableLayout = {
  signature: 'SRAT',
  description: 'System Resource Affinity Table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Table Revision', size: 4 }, { name: 'Reserved', size: 8 }]);
    t.blank();
    decodeSubtables(t, off, {
      typeSize: 1, lengthSize: 1, blankAfterHeader: true,
      kinds: {
        0: { name: 'Processor Local APIC/SAPIC Affinity', fields: [
          { name: 'Proximity Domain Low(8)', size: 1 }, { name: 'Apic ID', size: 1 }, { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: ENABLED },
          { name: 'Local Sapic EID', size: 1 }, { name: 'Proximity Domain High(24)', size: 3 }, { name: 'Clock Domain', size: 4 }] },
        1: { name: 'Memory Affinity', fields: [
          { name: 'Proximity Domain', size: 4 }, { name: 'Reserved1', size: 2 }, { name: 'Base Address', size: 8 }, { name: 'Address Length', size: 8 },
          { name: 'Reserved2', size: 4 },
          { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: [['Enabled', 0], ['Hot Pluggable', 1], ['Non-Volatile', 2]] },
          { name: 'Reserved3', size: 8 }] },
        2: { name: 'Processor Local x2APIC Affinity', fields: [
          { name: 'Reserved1', size: 2 }, { name: 'Proximity Domain', size: 4 }, { name: 'Apic ID', size: 4 },
          { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: ENABLED }, { name: 'Clock Domain', size: 4 }, { name: 'Reserved2', size: 4 }] },
        3: { name: 'GICC Affinity', fields: [
          { name: 'Proximity Domain', size: 4 }, { name: 'Acpi Processor UID', size: 4 },
          { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: ENABLED }, { name: 'Clock Domain', size: 4 }] },
        4: { name: 'GIC ITS Affinity', fields: [{ name: 'Proximity Domain', size: 4 }, { name: 'Reserved', size: 2 }, { name: 'ITS ID', size: 4 }] },
        5: { name: 'Generic Initiator Affinity', fields: [
          { name: 'Reserved1', size: 1 }, { name: 'Device Handle Type', size: 1 }, { name: 'Proximity Domain', size: 4 },
          { name: 'Device Handle', size: 16, as: 'bytes' }, { name: 'Flags (decoded below)', size: 4, as: 'flags', bits: ENABLED },
          { name: 'Reserved2', size: 4 }] },
      },
    });
  },
};

/** NFIT, ACPI 6.5 §5.2.26: NVDIMM ranges, maps, interleave, SMBIOS, control/block regions, flush hints, capabilities. */
import { uint } from './field-layout.js';
import type { TableDecoder } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';
import { decodeSubtables } from './subtables.js';

/** `count` repeats of one field after the fixed part (the count is a field of the subtable). */
function repeated(name: string, size: number, countAt: number, countSize: number) {
  return (t: TableDecoder, off: number, end: number) => {
    const n = Number(uint(t.d, countAt === -1 ? off : off - countAt, countSize));
    for (let i = 0; i < n && off + size <= end; i++, off += size) t.field(off, { name, size });
  };
}

export const NFIT: DataTableLayout = {
  signature: 'NFIT',
  description: 'NVDIMM Firmware Interface Table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Reserved', size: 4 }]);
    t.blank();
    decodeSubtables(t, off, {
      typeSize: 2, lengthSize: 2, blankAfterHeader: true,
      kinds: {
        0: { name: 'System Physical Address Range', fields: [
          { name: 'Range Index', size: 2 },
          { name: 'Flags (decoded below)', size: 2, as: 'flags', bits: [['Add/Online Operation Only', 0], ['Proximity Domain Valid', 1]] },
          { name: 'Reserved', size: 4 }, { name: 'Proximity Domain', size: 4 }, { name: 'Region Type GUID', size: 16, as: 'guid' },
          { name: 'Address Range Base', size: 8 }, { name: 'Address Range Length', size: 8 }, { name: 'Memory Map Attribute', size: 8 }] },
        1: { name: 'Memory Range Map', fields: [
          { name: 'Device Handle', size: 4 }, { name: 'Physical Id', size: 2 }, { name: 'Region Id', size: 2 }, { name: 'Range Index', size: 2 },
          { name: 'Control Region Index', size: 2 }, { name: 'Region Size', size: 8 }, { name: 'Region Offset', size: 8 },
          { name: 'Address Region Base', size: 8 }, { name: 'Interleave Index', size: 2 }, { name: 'Interleave Ways', size: 2 },
          { name: 'Flags', size: 2, as: 'flags', bits: [
            ['Save to device failed', 0], ['Restore from device failed', 1], ['Platform flush failed', 2], ['Device not armed', 3],
            ['Health events observed', 4], ['Health events enabled', 5], ['Mapping failed', 6]] },
          { name: 'Reserved', size: 2 }] },
        2: { name: 'Interleave Info', fields: [
          { name: 'Interleave Index', size: 2 }, { name: 'Reserved', size: 2 }, { name: 'Line Count', size: 4 }, { name: 'Line Size', size: 4 }],
        rest: repeated('Line Offset', 4, 8, 4) },
        3: { name: 'SMBIOS Information', fields: [{ name: 'Reserved', size: 4 }],
          rest: (t, off, end) => { if (end > off) t.field(off, { name: 'SMBIOS Table Entries', size: end - off, as: 'bytes' }); } },
        4: { name: 'NVDIMM Control Region', fields: [
          { name: 'Region Index', size: 2 }, { name: 'Vendor Id', size: 2 }, { name: 'Device Id', size: 2 }, { name: 'Revision Id', size: 2 },
          { name: 'Subsystem Vendor Id', size: 2 }, { name: 'Subsystem Device Id', size: 2 }, { name: 'Subsystem Revision Id', size: 2 },
          { name: 'Valid Fields', size: 1 }, { name: 'Manufacturing Location', size: 1 }, { name: 'Manufacturing Date', size: 2 },
          { name: 'Reserved', size: 2 }, { name: 'Serial Number', size: 4 }, { name: 'Code', size: 2 }, { name: 'Window Count', size: 2 },
          { name: 'Window Size', size: 8 }, { name: 'Command Offset', size: 8 }, { name: 'Command Size', size: 8 },
          { name: 'Status Offset', size: 8 }, { name: 'Status Size', size: 8 },
          { name: 'Flags', size: 2, as: 'flags', bits: [['Windows buffered', 0]] }, { name: 'Reserved1', size: 6 }] },
        5: { name: 'NVDIMM Block Data Window Region', fields: [
          { name: 'Region Index', size: 2 }, { name: 'Window Count', size: 2 }, { name: 'Offset', size: 8 }, { name: 'Size', size: 8 },
          { name: 'Capacity', size: 8 }, { name: 'Start Address', size: 8 }] },
        6: { name: 'Flush Hint Address', fields: [{ name: 'Device Handle', size: 4 }, { name: 'Hint Count', size: 2 }, { name: 'Reserved', size: 6 }],
          rest: repeated('Hint Address', 8, 8, 2) },
        7: { name: 'Platform Capabilities', fields: [
          { name: 'Highest Capability', size: 1 }, { name: 'Reserved', size: 3 },
          { name: 'Capabilities (decoded below)', size: 4, as: 'flags', bits: [['Cache Flush to NVDIMM', 0], ['Memory Flush to NVDIMM', 1], ['Memory Mirroring', 2]] },
          { name: 'Reserved', size: 4 }] },
      },
    });
  },
};

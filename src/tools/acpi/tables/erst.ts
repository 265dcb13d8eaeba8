/** ERST, ACPI 6.5 §18.5: serialization actions, each an instruction on a register (32-byte entries). */
import type { Field } from './field-layout.js';
import type { DataTableLayout } from './layout-types.js';

/** Serialization actions (§18.5.1, table 18.30) as iasl names them. */
const ACTIONS: Readonly<Record<number, string>> = {
  0: 'Begin Write Operation', 1: 'Begin Read Operation', 2: 'Begin Clear Operation', 3: 'End Operation', 4: 'Set Record Offset',
  5: 'Execute Operation', 6: 'Check Busy Status', 7: 'Get Command Status', 8: 'Get Record Identifier', 9: 'Set Record Identifier',
  10: 'Get Record Count', 11: 'Begin Dummy Write', 12: 'Unused/Unknown Action', 13: 'Get Error Address Range',
  14: 'Get Error Address Length', 15: 'Get Error Attributes',
};

/** Serialization instructions (§18.5.2, table 18.31). */
const INSTRUCTIONS: Readonly<Record<number, string>> = {
  0: 'Read Register', 1: 'Read Register Value', 2: 'Write Register', 3: 'Write Register Value', 4: 'Noop',
};

const ENTRY: readonly Field[] = [
  { name: 'Action', size: 1, as: 'enum', values: ACTIONS, unknown: 'Unknown Serialization Action' },
  { name: 'Instruction', size: 1, as: 'enum', values: INSTRUCTIONS, unknown: 'Unknown Instruction' },
  { name: 'Flags (decoded below)', size: 1, as: 'flags', bits: [['Preserve Register Bits', 0]] },
  { name: 'Reserved', size: 1 },
  { name: 'Register Region', size: 12, as: 'gas' },
  { name: 'Value', size: 8 },
  { name: 'Mask', size: 8 },
];

export const ERST: DataTableLayout = {
  signature: 'ERST',
  description: 'Error Record Serialization Table',
  decode(t, off) {
    off = t.fields(off, [{ name: 'Serialization Header Length', size: 4 }, { name: 'Reserved', size: 4 }, { name: 'Instruction Entry Count', size: 4 }]);
    for (; off + 32 <= t.end; off += 32) {
      t.blank();
      t.fields(off, ENTRY);
    }
  },
};

/** The type + length subtable lists that MADT, SRAT, NFIT, DMAR, FPDT... are made of. */
import type { Field } from './field-layout.js';
import { TableDecoder, hexDigits, uint } from './field-layout.js';

export interface SubtableKind {
  readonly name: string;
  readonly fields: readonly Field[];
  /** What follows the fixed fields inside the subtable (variable parts), decoded by hand. */
  readonly rest?: (t: TableDecoder, off: number, end: number) => void;
}

export interface SubtableList {
  readonly typeSize: 1 | 2;
  readonly lengthSize: 1 | 2;
  /** Bytes between type and length (FPDT has none, DMAR none); fields printed as is. */
  readonly kinds: Readonly<Record<number, SubtableKind>>;
  /** iasl prints a blank line between the subtable header and its body for some tables. */
  readonly blankAfterHeader?: boolean;
  /** Header field names ("Subtable Type", "Length"). */
  readonly typeName?: string;
  readonly lengthName?: string;
  /** Print the type's name in brackets after its value (FPDT does not). */
  readonly showTypeName?: boolean;
}

/** Decodes subtables from `off` to the end of the table. */
export function decodeSubtables(t: TableDecoder, off: number, list: SubtableList, end = t.end): void {
  const hdr = list.typeSize + list.lengthSize;
  while (off + hdr <= end) {
    const type = Number(uint(t.d, off, list.typeSize));
    const length = Number(uint(t.d, off + list.typeSize, list.lengthSize));
    const kind = list.kinds[type];
    const typeValue = hexDigits(type, list.typeSize * 2);
    const shown = list.showTypeName === false ? typeValue : `${typeValue} [${kind?.name ?? 'Unknown Subtable Type'}]`;
    t.lines.push({ kind: 'field', offset: off, length: list.typeSize, name: list.typeName ?? 'Subtable Type', value: shown });
    t.field(off + list.typeSize, { name: list.lengthName ?? 'Length', size: list.lengthSize });
    if (length < hdr || off + length > end) {
      t.text(`/**** ACPI subtable length 0x${length.toString(16)} is invalid at offset 0x${off.toString(16)} ****/`);
      return;
    }
    if (list.blankAfterHeader) t.blank();
    if (kind) {
      const body = t.fields(off + hdr, kind.fields, off + length);
      kind.rest?.(t, body, off + length);
    }
    t.blank();
    off += length;
  }
}

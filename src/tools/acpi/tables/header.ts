/** ACPI 6.5 §5.2.6 System Description Table Header, as `iasl -d` prints it. */
import type { Field } from './field-layout.js';
import { TableDecoder } from './field-layout.js';

export const HEADER_SIZE = 36;

/** The fields after the signature (which carries the table's description). */
export const HEADER_FIELDS: readonly Field[] = [
  { name: 'Table Length', size: 4 },
  { name: 'Revision', size: 1 },
  { name: 'Checksum', size: 1 },
  { name: 'Oem ID', size: 6, as: 'ascii' },
  { name: 'Oem Table ID', size: 8, as: 'ascii' },
  { name: 'Oem Revision', size: 4 },
  { name: 'Asl Compiler ID', size: 4, as: 'ascii' },
  { name: 'Asl Compiler Revision', size: 4 },
];

/** Signature line with the description in brackets (none when `description` is empty). */
export function signatureLine(t: TableDecoder, size: number, description: string): void {
  const sig = Array.from(t.d.subarray(0, size), (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?')).join('');
  t.lines.push({ kind: 'field', offset: 0, length: size, name: 'Signature', value: `"${sig}"${description ? `    [${description}]` : ''}` });
}

export function decodeHeader(t: TableDecoder, description: string): number {
  signatureLine(t, 4, description);
  const end = t.fields(4, HEADER_FIELDS);
  t.blank();
  return end;
}

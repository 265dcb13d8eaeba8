/**
 * Declarative layouts of ACPI data-table fields and their decoding into lines in the layout
 * of `iasl -d` (ACPICA's data-table disassembler): `[OFFh DEC  LEN]  Name : Value`, decoded
 * flag bits below their field, a Generic Address Structure as its five sub-fields.
 */

/** One bit field of a flags word: label, first bit, width (1 when absent). */
export type FlagBits = readonly [label: string, shift: number, width?: number];

export type Field =
  /** An unsigned integer in hex, two digits a byte (UINT8…UINT64). */
  | { readonly name: string; readonly size: number; readonly as?: 'hex' }
  /** Fixed-length ASCII, quoted. */
  | { readonly name: string; readonly size: number; readonly as: 'ascii' }
  /** Bytes as "00 01 02 …". */
  | { readonly name: string; readonly size: number; readonly as: 'bytes' }
  /** A GUID in its canonical text form (first three fields little-endian). */
  | { readonly name: string; readonly size: 16; readonly as: 'guid' }
  /** ACPI 6.5 §5.2.3.2 Generic Address Structure (12 bytes). */
  | { readonly name: string; readonly size: 12; readonly as: 'gas' }
  /** An integer with its name from a list: "01 [SystemIO]". */
  | { readonly name: string; readonly size: number; readonly as: 'enum'; readonly values: Readonly<Record<number, string>>; readonly unknown?: string }
  /** An integer with its bits decoded on the following lines. */
  | { readonly name: string; readonly size: number; readonly as: 'flags'; readonly bits: readonly FlagBits[] };

/** One output line: a field at an offset, a decoded flag, a blank line, or free text. */
export type DecodedLine =
  | { readonly kind: 'field'; readonly offset: number; readonly length: number; readonly name: string; readonly value: string }
  | { readonly kind: 'flag'; readonly name: string; readonly value: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'text'; readonly text: string };

/** Little-endian unsigned integer of `size` bytes (0 beyond the end of `d`). */
export function uint(d: Uint8Array, off: number, size: number): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(d[off + i] ?? 0);
  return v;
}

export const hexDigits = (v: bigint | number, digits: number) => v.toString(16).toUpperCase().padStart(digits, '0');

/** Characters up to the first NUL; anything unprintable as '?'. */
function ascii(d: Uint8Array, off: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = d[off + i] ?? 0;
    if (c === 0) break;
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return s;
}

export function formatGuid(d: Uint8Array, off: number): string {
  const h = (o: number, n: number) => hexDigits(uint(d, off + o, n), n * 2);
  const bytes = (o: number, n: number) => Array.from(d.subarray(off + o, off + o + n), (b) => hexDigits(b, 2)).join('');
  return `${h(0, 4)}-${h(4, 2)}-${h(6, 2)}-${bytes(8, 2)}-${bytes(10, 6)}`;
}

const SPACE_IDS: Readonly<Record<number, string>> = {
  0: 'SystemMemory', 1: 'SystemIO', 2: 'PCI_Config', 3: 'EmbeddedControl', 4: 'SMBus', 5: 'SystemCMOS', 6: 'PCIBARTarget',
  7: 'IPMI', 8: 'GeneralPurposeIo', 9: 'GenericSerialBus', 10: 'PCC', 0x7f: 'FunctionalFixedHW',
};
const ACCESS_WIDTHS: Readonly<Record<number, string>> = {
  0: 'Undefined/Legacy', 1: 'Byte Access:8', 2: 'Word Access:16', 3: 'DWord Access:32', 4: 'QWord Access:64',
};

/** The five fields of a Generic Address Structure at `off`. */
export const GAS_FIELDS: readonly Field[] = [
  { name: 'Space ID', size: 1, as: 'enum', values: SPACE_IDS, unknown: 'Unknown' },
  { name: 'Bit Width', size: 1 },
  { name: 'Bit Offset', size: 1 },
  { name: 'Encoded Access Width', size: 1, as: 'enum', values: ACCESS_WIDTHS, unknown: 'Unknown' },
  { name: 'Address', size: 8 },
];

/** Collects decoded lines over one table's bytes; fields past the end of the table are not printed. */
export class TableDecoder {
  readonly lines: DecodedLine[] = [];

  constructor(readonly d: Uint8Array, readonly end = d.length) {}

  blank(): void {
    if (this.lines.length && this.lines[this.lines.length - 1]!.kind !== 'blank') this.lines.push({ kind: 'blank' });
  }

  text(text: string): void {
    this.lines.push({ kind: 'text', text });
  }

  value(off: number, f: Field): bigint {
    return uint(this.d, off, f.size);
  }

  /** Decodes `fields` from `off` on; returns the offset after the last one that fit. */
  fields(off: number, fields: readonly Field[], end = this.end): number {
    for (const f of fields) {
      if (off + f.size > end) break;
      this.field(off, f);
      off += f.size;
    }
    return off;
  }

  field(off: number, f: Field): void {
    const d = this.d;
    const push = (value: string): void => { this.lines.push({ kind: 'field', offset: off, length: f.size, name: f.name, value }); };
    switch (f.as) {
      case 'ascii':
        return push(`"${ascii(d, off, f.size)}"`);
      case 'bytes':
        return push(Array.from(d.subarray(off, off + f.size), (b) => hexDigits(b, 2)).join(' '));
      case 'guid':
        return push(formatGuid(d, off));
      case 'gas':
        push('[Generic Address Structure]');
        this.fields(off, GAS_FIELDS, off + 12);
        this.blank();
        return;
      case 'enum': {
        const v = uint(d, off, f.size);
        return push(`${hexDigits(v, f.size * 2)} [${f.values[Number(v)] ?? f.unknown ?? 'Reserved'}]`);
      }
      case 'flags': {
        const v = uint(d, off, f.size);
        push(hexDigits(v, f.size * 2));
        for (const [label, shift, width = 1] of f.bits) {
          this.lines.push({ kind: 'flag', name: label, value: hexDigits((v >> BigInt(shift)) & ((1n << BigInt(width)) - 1n), 1) });
        }
        return;
      }
      default:
        return push(hexDigits(uint(d, off, f.size), f.size * 2));
    }
  }
}

/** Lines as `iasl -d` prints them: the name right-aligned so that the colons line up. */
export function formatLines(lines: readonly DecodedLine[]): string[] {
  return lines.map((l) => {
    switch (l.kind) {
      case 'field':
        return `[${hexDigits(l.offset, 3)}h ${String(l.offset).padStart(4, '0')} ${String(l.length).padStart(3, ' ')}]${l.name.padStart(29)} : ${l.value}`;
      case 'flag':
        return `${l.name.padStart(44)} : ${l.value}`;
      case 'blank':
        return '';
      default:
        return l.text;
    }
  });
}

/** Presentation of AML values: the CLI JSON contract and acpiexec-like text. */
import { Kind, RefType, TYPE_NAMES } from './types.js';
import type { AmlValue } from './types.js';

export type JsonValue =
  | { type: 'Integer'; value: string }
  | { type: 'String'; value: string }
  | { type: 'Buffer'; value: string }
  | { type: 'Package'; value: JsonValue[] }
  | { type: string; value?: string };

const hexByte = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

export function bufferHex(data: Uint8Array): string {
  return Array.from(data, hexByte).join(' ');
}

/** `{"type":"Integer","value":"0x3b"}` etc. Packages nest; references name their target. */
export function toJson(v: AmlValue | undefined): JsonValue {
  if (v === undefined) return { type: 'Uninitialized' };
  if (typeof v === 'bigint') return { type: 'Integer', value: '0x' + v.toString(16) };
  switch (v.kind) {
    case Kind.String:
      return { type: 'String', value: v.value };
    case Kind.Buffer:
      return { type: 'Buffer', value: bufferHex(v.data) };
    case Kind.Package:
      return { type: 'Package', value: v.elements.map(toJson) };
    case Kind.NameRef:
      return { type: 'Reference', value: v.path };
    case Kind.Reference:
      if (v.refType === RefType.Node) return { type: 'Reference', value: v.node!.path() };
      if (v.refType === RefType.Index) return { type: 'Reference', value: `Index(${v.index})` };
      return { type: 'Reference' };
    default:
      return { type: TYPE_NAMES[v.kind] ?? 'Unknown' };
  }
}

/** acpiexec's result lines (`[Integer] = 000000000000003B`, `[Buffer] Length 02 = 03 04`...). */
export function toText(v: AmlValue | undefined, indent = ''): string {
  if (v === undefined) return `${indent}[Uninitialized]`;
  if (typeof v === 'bigint') return `${indent}[Integer] = ${v.toString(16).toUpperCase().padStart(16, '0')}`;
  switch (v.kind) {
    case Kind.String:
      return `${indent}[String] Length ${hexByte(v.value.length)} = "${v.value}"`;
    case Kind.Buffer:
      return `${indent}[Buffer] Length ${hexByte(v.data.length)} = ${bufferHex(v.data)}`;
    case Kind.Package:
      return [`${indent}[Package] Contains ${v.elements.length} Elements:`, ...v.elements.map((e) => toText(e, indent + '  '))].join('\n');
    default: {
      const j = toJson(v);
      return `${indent}[${j.type}]${j.value ? ' ' + j.value : ''}`;
    }
  }
}

/** acpiexec's Debug object lines (`ACPI Debug:  0x0000000012345678`). */
export function debugText(v: AmlValue | undefined, intDigits: number): string {
  if (v === undefined) return '[Uninitialized]';
  if (typeof v === 'bigint') return '0x' + v.toString(16).toUpperCase().padStart(intDigits, '0');
  if (v.kind === Kind.String) return `"${v.value}"`;
  if (v.kind === Kind.Buffer) return `(Buffer) ${bufferHex(v.data)}`;
  if (v.kind === Kind.Package) return `(Package) [${v.elements.map((e) => debugText(e, intDigits)).join(', ')}]`;
  return toText(v);
}

/** Implicit and explicit data conversions, ACPI 6.5 §19.3.5. */
import { AmlBuffer, AmlString, Kind, TYPE_NAMES, kindOf } from './types.js';
import type { AmlValue, AmlFieldUnit, AmlBufferField, AmlReference } from './types.js';
import { amlError } from './errors.js';

export interface ConvContext {
  /** 8 (revision ≥ 2) or 4 (DSDT revision < 2). */
  readonly intBytes: number;
  readonly ones: bigint;
  readField(f: AmlFieldUnit | AmlBufferField): AmlValue;
  /** The value behind a reference (implicit dereference of ArgX/LocalX references). */
  derefValue(r: AmlReference): AmlValue;
}

const HEX = '0123456789ABCDEF';

/** Resolve fields to their value; other objects unchanged. */
export function fieldValue(c: ConvContext, v: AmlValue): AmlValue {
  if (typeof v !== 'bigint' && (v.kind === Kind.FieldUnit || v.kind === Kind.BufferField)) return c.readField(v);
  return v;
}

export function bytesToInt(data: Uint8Array, max: number): bigint {
  const n = Math.min(data.length, max);
  let r = 0n;
  for (let i = n - 1; i >= 0; i--) r = (r << 8n) | BigInt(data[i]!);
  return r;
}

export function intToBytes(v: bigint, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Implicit String → Integer: hex digits up to the first non-hex char (a leading 0x is skipped). */
export function hexStringToInt(s: string, ones: bigint): bigint {
  let i = 0;
  while (s[i] === ' ' || s[i] === '\t') i++;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) i += 2;
  let r = 0n;
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, 16);
    if (Number.isNaN(d)) break;
    r = ((r << 4n) | BigInt(d)) & ones;
  }
  return r;
}

/** The value a reference leads to; a reference to a value-less node (a Scope) has no data. */
function derefData(c: ConvContext, r: AmlReference): AmlValue {
  const v = c.derefValue(r);
  if (typeof v !== 'bigint' && v.kind === Kind.Reference) throw amlError('AML_OPERAND_TYPE', 'reference to an object without a value');
  return v;
}

export function toInteger(c: ConvContext, v: AmlValue | undefined): bigint {
  if (typeof v === 'bigint') return v;
  if (v === undefined) throw amlError('AML_UNINITIALIZED_ELEMENT', 'integer operand is uninitialized');
  switch (v.kind) {
    case Kind.String:
      return hexStringToInt(v.value, c.ones);
    case Kind.Buffer:
      if (v.data.length === 0) throw amlError('AML_BUFFER_LIMIT', 'empty buffer to integer');
      return bytesToInt(v.data, c.intBytes);
    case Kind.FieldUnit:
    case Kind.BufferField:
      return toInteger(c, c.readField(v));
    case Kind.Reference:
      return toInteger(c, derefData(c, v));
    case Kind.DdbHandle:
      return c.ones;
    default:
      throw amlError('AML_OPERAND_TYPE', `needed Integer, found ${TYPE_NAMES[v.kind]}`);
  }
}

export function intToHex(c: ConvContext, v: bigint): string {
  return v.toString(16).toUpperCase().padStart(c.intBytes * 2, '0');
}

/** Implicit Buffer → String (ACPICA form: "0x01 0x02"). */
export function bufferToHexList(data: Uint8Array, sep = ' '): string {
  let s = '';
  for (let i = 0; i < data.length; i++) {
    if (i) s += sep;
    s += '0x' + HEX[data[i]! >> 4] + HEX[data[i]! & 15];
  }
  return s;
}

export function toStringValue(c: ConvContext, v: AmlValue | undefined): string {
  if (typeof v === 'bigint') return intToHex(c, v);
  if (v === undefined) throw amlError('AML_UNINITIALIZED_ELEMENT', 'string operand is uninitialized');
  switch (v.kind) {
    case Kind.String:
      return v.value;
    case Kind.Buffer:
      return bufferToHexList(v.data);
    case Kind.FieldUnit:
    case Kind.BufferField:
      return toStringValue(c, c.readField(v));
    case Kind.Reference:
      return toStringValue(c, derefData(c, v));
    default:
      throw amlError('AML_OPERAND_TYPE', `needed String, found ${TYPE_NAMES[v.kind]}`);
  }
}

export function stringBytes(s: string, nul: boolean): Uint8Array {
  const out = new Uint8Array(s.length + (nul ? 1 : 0));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function toBufferData(c: ConvContext, v: AmlValue | undefined): Uint8Array {
  if (typeof v === 'bigint') return intToBytes(v, c.intBytes);
  if (v === undefined) throw amlError('AML_UNINITIALIZED_ELEMENT', 'buffer operand is uninitialized');
  switch (v.kind) {
    case Kind.String:
      return v.value.length === 0 ? new Uint8Array(0) : stringBytes(v.value, true);
    case Kind.Buffer:
      return v.data;
    case Kind.FieldUnit:
    case Kind.BufferField:
      return toBufferData(c, c.readField(v));
    case Kind.Reference:
      return toBufferData(c, derefData(c, v));
    default:
      throw amlError('AML_OPERAND_TYPE', `needed Buffer, found ${TYPE_NAMES[v.kind]}`);
  }
}

export function bytesToString(data: Uint8Array, max = data.length): string {
  let s = '';
  for (let i = 0; i < data.length && i < max; i++) {
    if (data[i] === 0) break;
    s += String.fromCharCode(data[i]!);
  }
  return s;
}

/** "[Package Object]" style names used by Concatenate for non-data operands. */
export function objectTypeString(v: AmlValue | undefined): string {
  const names: Record<number, string> = {
    0: 'Uninitialized', 4: 'Package', 5: 'Field Unit', 6: 'Device', 7: 'Event', 8: 'Control Method', 9: 'Mutex',
    10: 'Operation Region', 11: 'Power Resource', 12: 'Processor', 13: 'Thermal Zone', 14: 'Buffer Field',
    15: 'DDB Handle', 16: 'Debug', 20: 'Reference',
  };
  return `[${names[kindOf(v)] ?? 'Unknown'} Object]`;
}

/** Copy a value for storing (strings, buffers and packages are not shared). */
export function copyValue(v: AmlValue): AmlValue {
  if (typeof v === 'bigint') return v;
  switch (v.kind) {
    case Kind.String:
      return new AmlString(v.value);
    case Kind.Buffer:
      return new AmlBuffer(v.data.slice());
    case Kind.Package: {
      const P = v.constructor as new (e: Array<AmlValue | undefined>) => typeof v;
      return new P(v.elements.map((e) => (e === undefined ? undefined : copyValue(e))));
    }
    default:
      return v;
  }
}

/** ToInteger(String): decimal unless 0x; leading whitespace skipped, stops at garbage. */
export function explicitStringToInt(s: string, ones: bigint): bigint {
  let i = 0;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  let radix = 10n;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    radix = 16n;
    i += 2;
  }
  let r = 0n;
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, Number(radix));
    if (Number.isNaN(d)) break;
    r = (r * radix + BigInt(d)) & ones;
  }
  return r;
}

const U64 = 0xffffffffffffffffn;

/**
 * ToInteger (String) as NT does it (the behaviour uACPI's to-integer case expects): leading white
 * space, an optional sign, base from the prefix ("0x"/"0X" hex, "0" octal, else decimal), digits
 * up to the first one not in the base; on 64-bit overflow the value saturates to all ones; a
 * minus sign negates (two's complement) the result.
 */
export function ntStringToInt(s: string, ones: bigint): bigint {
  let i = 0;
  while (i < s.length && /[ \t\n\v\f\r]/.test(s[i]!)) i++;
  let negative = false;
  if (s[i] === '-' || s[i] === '+') negative = s[i++] === '-';
  let radix = 10n;
  if (s[i] === '0') {
    radix = 8n;
    i++;
    if (s[i] === 'x' || s[i] === 'X') {
      radix = 16n;
      i++;
    }
  }
  let r = 0n;
  for (; i < s.length; i++) {
    const d = parseInt(s[i]!, 16);
    if (Number.isNaN(d) || BigInt(d) >= radix) break;
    r = r * radix + BigInt(d);
    if (r > U64) {
      r = U64;
      break;
    }
  }
  return (negative ? -r : r) & ones;
}

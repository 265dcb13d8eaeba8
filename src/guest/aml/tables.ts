/** ACPI system description table header, ACPI 6.5 §5.2.6. */
import { amlError } from './errors.js';

export const SDT_HEADER_SIZE = 36;

export interface SdtHeader {
  readonly signature: string;
  readonly length: number;
  readonly revision: number;
  readonly checksum: number;
  readonly oemId: string;
  readonly oemTableId: string;
  readonly oemRevision: number;
  readonly creatorId: string;
  readonly creatorRevision: number;
}

function ascii(b: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(b[off + i]!);
  return s;
}

function u32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

export function parseSdtHeader(b: Uint8Array): SdtHeader {
  if (b.length < SDT_HEADER_SIZE) throw amlError('BAD_HEADER', `table of ${b.length} bytes is shorter than its header`);
  return {
    signature: ascii(b, 0, 4),
    length: u32(b, 4),
    revision: b[8]!,
    checksum: b[9]!,
    oemId: ascii(b, 10, 6),
    oemTableId: ascii(b, 16, 8),
    oemRevision: u32(b, 24),
    creatorId: ascii(b, 28, 4),
    creatorRevision: u32(b, 32),
  };
}

/** Sum of all bytes modulo 256 (0 for a valid table). */
export function byteSum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s = (s + b[i]!) & 0xff;
  return s;
}

/**
 * Where the ACPI tables sit inside a blob, found by walking the headers (ACPI 6.5 §5.2.6:
 * signature 0, length 4, revision 8, checksum 9, OEMID 10, OEM table ID 16, OEM revision 24,
 * creator 28, creator revision 32). FACS has only signature and length (§5.2.10).
 */
import { asciiAt, cString, le32 } from '../../lib/bytes.js';

export const ACPI_HEADER_SIZE = 36;
export const RSDP_SIGNATURE = 'RSD PTR ';

export interface TableSpan {
  readonly signature: string;
  readonly offset: number;
  readonly length: number;
  /** OEM table ID (SSDTs are told apart by it). */
  readonly oemTableId: string;
}

export function isSignature(b: Uint8Array, off: number, n = 4): boolean {
  if (off + n > b.length) return false;
  for (let i = 0; i < n; i++) {
    const c = b[off + i]!;
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x20)) return false;
  }
  return true;
}

/** The length of the RSDP at `off` (20 for revision 0, else its length field). */
export function rsdpLength(b: Uint8Array, off: number): number {
  return b[off + 15]! >= 2 && off + 24 <= b.length ? le32(b, off + 20) : 20;
}

/**
 * Consecutive tables from offset 0 (QEMU packs them: FACS, DSDT, FACP, ...), or one RSDP.
 * Stops at the first thing that isn't a plausible header (the zero padding).
 */
export function tableSpans(b: Uint8Array): TableSpan[] {
  if (b.length >= 20 && asciiAt(b, 0, 8) === RSDP_SIGNATURE) {
    return [{ signature: 'RSDP', offset: 0, length: Math.min(rsdpLength(b, 0), b.length), oemTableId: '' }];
  }
  const out: TableSpan[] = [];
  let off = 0;
  while (off + 8 <= b.length && isSignature(b, off)) {
    const signature = asciiAt(b, off, 4);
    const length = le32(b, off + 4);
    const min = signature === 'FACS' ? 64 : ACPI_HEADER_SIZE;
    if (length < min || off + length > b.length) break;
    out.push({ signature, offset: off, length, oemTableId: signature === 'FACS' ? '' : cString(b, off + 16, 8).trimEnd() });
    off += length;
  }
  return out;
}

export function tableAt(spans: readonly TableSpan[], offset: number): TableSpan | undefined {
  return spans.find((s) => offset >= s.offset && offset < s.offset + s.length);
}

/** Field names at byte offsets of the fixed parts of the tables a loader script patches. */
const FIELDS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  RSDP: { 0: 'Signature', 8: 'Checksum', 9: 'OEMID', 15: 'Revision', 16: 'RsdtAddress', 20: 'Length', 24: 'XsdtAddress', 32: 'ExtendedChecksum' },
  FACP: {
    36: 'FIRMWARE_CTRL', 40: 'DSDT', 46: 'SCI_INT', 48: 'SMI_CMD', 56: 'PM1a_EVT_BLK', 64: 'PM1a_CNT_BLK', 76: 'PM_TMR_BLK',
    80: 'GPE0_BLK', 112: 'Flags', 116: 'RESET_REG', 132: 'X_FIRMWARE_CTRL', 140: 'X_DSDT',
  },
  FACS: { 0: 'Signature', 4: 'Length', 8: 'Hardware Signature', 12: 'Firmware Waking Vector' },
  HPET: { 36: 'Event Timer Block ID', 40: 'Base Address' },
  MCFG: { 44: 'Base Address' },
};
const HEADER_FIELDS: Readonly<Record<number, string>> = {
  0: 'Signature', 4: 'Length', 8: 'Revision', 9: 'Checksum', 10: 'OEMID', 16: 'OEM Table ID', 24: 'OEM Revision', 28: 'Creator ID', 32: 'Creator Revision',
};

/** A name for the field at `rel` inside `table`, e.g. "DSDT", "Entry[2]", "Name(VGIA)". */
export function fieldName(blob: Uint8Array, table: TableSpan, rel: number): string | undefined {
  const sig = table.signature;
  const own = FIELDS[sig]?.[rel];
  if (own) return own;
  if (sig === 'RSDP') return undefined;
  if (rel < ACPI_HEADER_SIZE) return HEADER_FIELDS[rel];
  if (sig === 'RSDT' && (rel - 36) % 4 === 0) return `Entry[${(rel - 36) / 4}]`;
  if (sig === 'XSDT' && (rel - 36) % 8 === 0) return `Entry[${(rel - 36) / 8}]`;
  if (sig === 'DSDT' || sig === 'SSDT') {
    // NameOp NameSeg DWordPrefix|QWordPrefix <value>: an AML integer the loader patches.
    const at = table.offset + rel;
    if (at >= 6 && (blob[at - 1] === 0x0c || blob[at - 1] === 0x0e) && blob[at - 6] === 0x08 && isSignature(blob, at - 5)) {
      return `Name(${asciiAt(blob, at - 5, 4)})`;
    }
  }
  return undefined;
}

/** "FACP+40 (DSDT)" or "etc/acpi/tables+0x1234" when no table holds the offset. */
export function describeLocation(file: string, blob: Uint8Array | undefined, offset: number, spans?: readonly TableSpan[]): string {
  const s = blob ? spans ?? tableSpans(blob) : [];
  const t = tableAt(s, offset);
  if (!t || !blob) return `${file}+0x${offset.toString(16)}`;
  const rel = offset - t.offset;
  const name = t.oemTableId && t.signature === 'SSDT' ? `SSDT[${t.oemTableId}]` : t.signature;
  const field = fieldName(blob, t, rel);
  return `${name}+${rel}${field ? ` (${field})` : ''}`;
}

/** What a pointer value relative to `file` designates: "DSDT" when it is a table start. */
export function describeTarget(file: string, blob: Uint8Array | undefined, rel: bigint, spans?: readonly TableSpan[]): string {
  const base = `${file} + 0x${rel.toString(16)}`;
  if (!blob || rel >= BigInt(blob.length)) return base;
  const s = spans ?? tableSpans(blob);
  const t = s.find((x) => BigInt(x.offset) === rel);
  if (t) return `${base} (${t.signature === 'SSDT' && t.oemTableId ? `SSDT[${t.oemTableId}]` : t.signature})`;
  const inside = tableAt(s, Number(rel));
  return inside ? `${base} (inside ${inside.signature}+${Number(rel) - inside.offset})` : base;
}

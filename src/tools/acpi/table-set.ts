/** ACPI tables as an OS finds them: RSDP → RSDT/XSDT → tables, FADT → FACS and DSDT. */
import { asciiAt, cString, le32, le64 } from '../../lib/bytes.js';
import { ACPI_HEADER_SIZE, RSDP_SIGNATURE, isSignature, rsdpLength } from './acpi-layout.js';

export interface AcpiTable {
  /** "RSDP" for the root pointer, else the 4-character signature. */
  readonly signature: string;
  readonly oemTableId: string;
  /** Guest physical address (0 when the table came from a file). */
  readonly address: number;
  readonly data: Uint8Array;
}

export type ReadMemory = (addr: number, length: number) => Uint8Array;

/** "SSDT[VMGENID]" for SSDTs (several may exist), else the signature. */
export function tableName(t: Pick<AcpiTable, 'signature' | 'oemTableId'>): string {
  return t.signature === 'SSDT' && t.oemTableId ? `SSDT[${t.oemTableId}]` : t.signature;
}

export function makeTable(data: Uint8Array, address = 0): AcpiTable {
  if (data.length >= 8 && asciiAt(data, 0, 8) === RSDP_SIGNATURE) return { signature: 'RSDP', oemTableId: '', address, data };
  const signature = isSignature(data, 0) ? asciiAt(data, 0, 4) : '????';
  return { signature, oemTableId: signature !== 'FACS' && data.length >= 24 ? cString(data, 16, 8).trimEnd() : '', address, data };
}

/** The first RSDP in [start, end) on a 16-byte boundary with a valid 20-byte checksum. */
export function scanRsdp(read: ReadMemory, start = 0xe0000, end = 0x100000): number | undefined {
  const b = read(start, end - start);
  const first = RSDP_SIGNATURE.charCodeAt(0);
  for (let o = 0; o + 20 <= b.length; o += 16) {
    if (b[o] !== first || asciiAt(b, o, 8) !== RSDP_SIGNATURE) continue;
    let s = 0;
    for (let i = 0; i < 20; i++) s = (s + b[o + i]!) & 0xff;
    if (s === 0) return start + o;
  }
  return undefined;
}

/**
 * Walks the tables from the RSDP at `rsdp`, each table once, in discovery order. A pointer that
 * leads to no parsable table is described in `problems` (when given) instead of vanishing.
 */
export function tablesFromMemory(read: ReadMemory, rsdp: number, problems?: string[]): AcpiTable[] {
  const out: AcpiTable[] = [];
  const seen = new Set<number>();
  const head = read(rsdp, 36);
  const rsdpBytes = read(rsdp, Math.min(rsdpLength(head, 0), 4096));
  out.push(makeTable(rsdpBytes, rsdp));
  const fetch = (addr: number, from: string): AcpiTable | undefined => {
    if (addr === 0 || seen.has(addr)) return undefined;
    const h = read(addr, 8);
    if (!isSignature(h, 0)) {
      problems?.push(`${from} points to 0x${addr.toString(16)}, where there is no table signature: table not dumped`);
      return undefined;
    }
    const len = le32(h, 4);
    if (len < ACPI_HEADER_SIZE || len > 0x1000000) {
      problems?.push(`${from} points to ${asciiAt(h, 0, 4)} at 0x${addr.toString(16)} with an impossible length ${len}: table not dumped`);
      return undefined;
    }
    seen.add(addr);
    const t = makeTable(read(addr, len), addr);
    out.push(t);
    return t;
  };
  const follow = (t: AcpiTable | undefined): void => {
    if (!t) return;
    if (t.signature === 'FACP') {
      const d = t.data;
      const x = (off: number) => (d.length >= off + 8 ? Number(le64(d, off)) : 0);
      fetch(x(132) || (d.length >= 40 ? le32(d, 36) : 0), 'FACP FIRMWARE_CTRL');
      fetch(x(140) || (d.length >= 44 ? le32(d, 40) : 0), 'FACP DSDT');
    }
  };
  const xsdt = rsdpBytes[15]! >= 2 && rsdpBytes.length >= 32 ? Number(le64(rsdpBytes, 24)) : 0;
  const root = fetch(xsdt, 'RSDP XsdtAddress') ?? fetch(le32(rsdpBytes, 16), 'RSDP RsdtAddress');
  if (root) {
    const width = root.signature === 'XSDT' ? 8 : 4;
    for (let o = ACPI_HEADER_SIZE, i = 0; o + width <= root.data.length; o += width, i++) {
      follow(fetch(width === 8 ? Number(le64(root.data, o)) : le32(root.data, o), `${root.signature} entry ${i}`));
    }
  }
  return out;
}

/** What is wrong with a table read from a file, if anything: no signature, or a length that disagrees. */
export function tableProblem(t: AcpiTable, where: string): string | undefined {
  if (t.signature === '????') return `${where}: no ACPI table signature (dumped as ????)`;
  if (t.signature === 'RSDP' || t.data.length < 8) return undefined;
  const len = le32(t.data, 4);
  return len === t.data.length ? undefined : `${where}: ${t.signature} header says ${len} bytes, the data has ${t.data.length}`;
}

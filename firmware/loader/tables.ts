/**
 * After the script: SeaBIOS's RSDP scan of the F-segment blob area, and OVMF's pass-2
 * "is this an ACPI table?" probe over every ADD_POINTER target (seabios-ovmf.md §3.7, §4.6).
 */
import type { LoaderCommand } from './script.js';
import type { LoadedBlob } from './host.js';

export const MAX_OVMF_TABLES = 128;
const RSDP_SIGNATURE = [0x52, 0x53, 0x44, 0x20, 0x50, 0x54, 0x52, 0x20];
const SDT_HEADER = 36;
const FACS_MIN = 64;

export interface DetectedTable {
  readonly addr: number;
  readonly length: number;
  readonly signature: string;
  readonly blob: string;
}

interface Mem {
  readBytes(addr: number, length: number): Uint8Array;
}

function sig(b: Uint8Array, o = 0): string {
  return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

export function sum8(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s = (s + b[i]!) & 0xff;
  return s;
}

/**
 * OVMF pass 2: dedup the absolute pointer targets; FACS by signature and length, other SDTs by
 * length and checksum; RSDT/XSDT skipped; a target that is no table makes its blob opaque (kept).
 */
export function detectTables(commands: readonly LoaderCommand[], blobs: readonly LoadedBlob[], mem: Mem): DetectedTable[] {
  const seen = new Set<number>();
  const out: DetectedTable[] = [];
  for (const c of commands) {
    if (c.kind !== 'ADD_POINTER') continue;
    const dest = blobs.find((b) => b.name === c.dest.name);
    const src = blobs.find((b) => b.name === c.src.name);
    if (!dest || !src || c.offset + c.size > dest.size) continue;
    const raw = mem.readBytes(dest.addr + c.offset, c.size);
    let ptr = 0;
    for (let i = c.size - 1; i >= 0; i--) ptr = ptr * 256 + raw[i]!;
    if (seen.has(ptr)) continue;
    seen.add(ptr);
    const remaining = src.addr + src.size - ptr;
    if (ptr < src.addr || remaining <= 0) continue;
    const head = mem.readBytes(ptr, Math.min(remaining, SDT_HEADER));
    const length = head.length >= 8 ? u32(head, 4) : 0;
    let table: DetectedTable | undefined;
    if (remaining >= FACS_MIN && sig(head) === 'FACS' && length >= FACS_MIN && length <= remaining) {
      table = { addr: ptr, length, signature: 'FACS', blob: src.name };
    } else if (remaining >= SDT_HEADER && length >= SDT_HEADER && length <= remaining && sum8(mem.readBytes(ptr, length)) === 0) {
      table = { addr: ptr, length, signature: sig(head), blob: src.name };
    }
    if (!table) {
      src.permanent = true;
      continue;
    }
    if (table.signature === 'RSDT' || table.signature === 'XSDT') continue;
    out.push(table);
  }
  return out;
}

/** Length of a valid RSDP at `b[o..]` (SeaBIOS get_acpi_rsdp_length), or 0. */
export function rsdpLength(b: Uint8Array, o: number): number {
  if (o + 20 > b.length || b[o] !== 0x52) return 0;
  for (let i = 0; i < 8; i++) if (b[o + i] !== RSDP_SIGNATURE[i]) return 0;
  if (sum8(b.subarray(o, o + 20)) !== 0) return 0;
  if (b[o + 15]! > 1) {
    const len = u32(b, o + 20);
    if (len > b.length - o || len < 20 || sum8(b.subarray(o, o + len)) !== 0) return 0;
    return len;
  }
  return 20;
}

/** `find_acpi_rsdp`: the first RSDP in [start, end) in 16-byte steps, low to high. */
export function findRsdp(mem: Mem, start: number, end: number): number | undefined {
  const b = mem.readBytes(start, end - start);
  for (let o = 0; o + 20 <= b.length; o += 16) if (rsdpLength(b, o) > 0) return start + o;
  return undefined;
}

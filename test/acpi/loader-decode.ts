/**
 * A small, independent decoder of etc/table-loader for the tests (qemu-host.md §2.1 wire
 * format): numbers and offsets written out literally rather than taken from src/spec.
 */
export type LoaderEntry =
  | { readonly cmd: 'ALLOCATE'; readonly file: string; readonly align: number; readonly zone: number }
  | { readonly cmd: 'ADD_POINTER'; readonly dest: string; readonly src: string; readonly offset: number; readonly size: number }
  | { readonly cmd: 'ADD_CHECKSUM'; readonly file: string; readonly offset: number; readonly start: number; readonly length: number }
  | { readonly cmd: 'WRITE_POINTER'; readonly dest: string; readonly src: string; readonly dstOffset: number; readonly srcOffset: number; readonly size: number };

const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
function name(b: Uint8Array, o: number): string {
  let s = '';
  for (let i = 0; i < 56 && b[o + i] !== 0; i++) s += String.fromCharCode(b[o + i]!);
  return s;
}

export function decodeLoader(data: Uint8Array): LoaderEntry[] {
  if (data.length % 128 !== 0) throw new Error(`loader length ${data.length} is not a multiple of 128`);
  const out: LoaderEntry[] = [];
  for (let p = 0; p < data.length; p += 128) {
    const e = data.subarray(p, p + 128);
    switch (u32(e, 0)) {
      case 1: out.push({ cmd: 'ALLOCATE', file: name(e, 4), align: u32(e, 60), zone: e[64]! }); break;
      case 2: out.push({ cmd: 'ADD_POINTER', dest: name(e, 4), src: name(e, 60), offset: u32(e, 116), size: e[120]! }); break;
      case 3: out.push({ cmd: 'ADD_CHECKSUM', file: name(e, 4), offset: u32(e, 60), start: u32(e, 64), length: u32(e, 68) }); break;
      case 4: out.push({ cmd: 'WRITE_POINTER', dest: name(e, 4), src: name(e, 60), dstOffset: u32(e, 116), srcOffset: u32(e, 120), size: e[124]! }); break;
      default: break;
    }
  }
  return out;
}

/** Tables in an etc/acpi/tables blob: FACS at 0, then headers back to back. */
export interface BlobTable {
  readonly signature: string;
  readonly oemTableId: string;
  readonly offset: number;
  readonly length: number;
}

export function walkTables(blob: Uint8Array): BlobTable[] {
  const out: BlobTable[] = [];
  let p = 0;
  while (p + 8 <= blob.length) {
    const sig = String.fromCharCode(...blob.subarray(p, p + 4));
    const len = u32(blob, p + 4);
    if (!/^[A-Z]{4}$/.test(sig) || len === 0) break;
    const oemTableId = sig === 'FACS' ? '' : String.fromCharCode(...blob.subarray(p + 16, p + 24));
    out.push({ signature: sig, oemTableId, offset: p, length: len });
    p += len;
  }
  return out;
}

/** "SIG+field" for an offset inside a table blob (how offsets are compared across builds). */
export function whereIn(tables: readonly BlobTable[], file: string, offset: number): string {
  if (file !== 'etc/acpi/tables') return `${file}+${offset}`;
  const t = tables.find((x) => offset >= x.offset && offset < x.offset + x.length);
  return t ? `${t.signature}${t.oemTableId === 'VMGENID' ? '(VMGENID)' : ''}+${offset - t.offset}` : `?+${offset}`;
}

/** A loader entry with every tables-blob offset expressed as table signature + field offset. */
export function normalise(e: LoaderEntry, tables: readonly BlobTable[]): string {
  switch (e.cmd) {
    case 'ALLOCATE': return `ALLOCATE ${e.file} align=${e.align} zone=${e.zone}`;
    case 'ADD_POINTER': return `ADD_POINTER ${e.dest}@${whereIn(tables, e.dest, e.offset)} <- ${e.src} size=${e.size}`;
    case 'ADD_CHECKSUM': {
      const startAt = whereIn(tables, e.file, e.start);
      return `ADD_CHECKSUM ${e.file}@${whereIn(tables, e.file, e.offset)} range=${startAt}+${e.length}`;
    }
    case 'WRITE_POINTER': return `WRITE_POINTER ${e.dest}+${e.dstOffset} <- ${e.src}+${e.srcOffset} size=${e.size}`;
  }
}

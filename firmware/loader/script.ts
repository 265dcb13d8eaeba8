/** Decoding `etc/table-loader` entries (wire format: src/spec/linker-loader.ts). */
import {
  LOADER_CMD, LOADER_ENTRY_SIZE, LOADER_FILESZ, LOADER_OFFSETS,
} from '../../src/spec/linker-loader.js';
import type { LoaderCommandKind } from '../../src/spec/linker-loader.js';

/** A name field: the text up to the first NUL and whether byte 55 is 0 (the NUL rule). */
export interface NameField {
  readonly name: string;
  readonly terminated: boolean;
}

export type LoaderCommand =
  | { readonly kind: 'ALLOCATE'; readonly index: number; readonly file: NameField; readonly align: number; readonly zone: number }
  | { readonly kind: 'ADD_POINTER'; readonly index: number; readonly dest: NameField; readonly src: NameField; readonly offset: number; readonly size: number }
  | { readonly kind: 'ADD_CHECKSUM'; readonly index: number; readonly file: NameField; readonly resultOffset: number; readonly start: number; readonly length: number }
  | { readonly kind: 'WRITE_POINTER'; readonly index: number; readonly dest: NameField; readonly src: NameField; readonly dstOffset: number; readonly srcOffset: number; readonly size: number }
  | { readonly kind: 'UNKNOWN'; readonly index: number; readonly command: number };

function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function readName(b: Uint8Array, o: number): NameField {
  let end = o;
  while (end < o + LOADER_FILESZ && b[end] !== 0) end++;
  return { name: String.fromCharCode(...b.subarray(o, end)), terminated: b[o + LOADER_FILESZ - 1] === 0 };
}

/**
 * Name fields, remembering the last few: a script names the same handful of files thousands
 * of times, and comparing 56 bytes is cheaper than making the string again.
 */
class NameReader {
  private readonly recent: Array<{ bytes: Uint8Array; field: NameField }> = [];

  at(b: Uint8Array, o: number): NameField {
    for (const r of this.recent) if (sameBytes(r.bytes, b, o)) return r.field;
    const field = readName(b, o);
    this.recent.unshift({ bytes: b.subarray(o, o + LOADER_FILESZ), field });
    if (this.recent.length > 4) this.recent.pop();
    return field;
  }
}

/** Whether the name field at `b[o..]` has the bytes `a` (a whole field that was read before). */
function sameBytes(a: Uint8Array, b: Uint8Array, o: number): boolean {
  if (o + a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[o + i]) return false;
  return true;
}

export const COMMAND_NAMES: Readonly<Record<number, LoaderCommandKind>> = {
  [LOADER_CMD.ALLOCATE]: 'ALLOCATE',
  [LOADER_CMD.ADD_POINTER]: 'ADD_POINTER',
  [LOADER_CMD.ADD_CHECKSUM]: 'ADD_CHECKSUM',
  [LOADER_CMD.WRITE_POINTER]: 'WRITE_POINTER',
};

/** Decodes every whole entry; the caller checks that the length is a multiple of 128. */
export function decodeScript(script: Uint8Array): LoaderCommand[] {
  const out: LoaderCommand[] = [];
  const names = new NameReader();
  const nameAt = (b: Uint8Array, o: number) => names.at(b, o);
  const n = Math.floor(script.length / LOADER_ENTRY_SIZE);
  for (let index = 0; index < n; index++) {
    const e = script;
    const base = index * LOADER_ENTRY_SIZE;
    const command = u32(e, base + LOADER_OFFSETS.command);
    switch (command) {
      case LOADER_CMD.ALLOCATE: {
        const o = LOADER_OFFSETS.ALLOCATE;
        out.push({ kind: 'ALLOCATE', index, file: nameAt(e, base + o.file), align: u32(e, base + o.align), zone: e[base + o.zone]! });
        break;
      }
      case LOADER_CMD.ADD_POINTER: {
        const o = LOADER_OFFSETS.ADD_POINTER;
        out.push({
          kind: 'ADD_POINTER', index, dest: nameAt(e, base + o.destFile), src: nameAt(e, base + o.srcFile),
          offset: u32(e, base + o.offset), size: e[base + o.size]!,
        });
        break;
      }
      case LOADER_CMD.ADD_CHECKSUM: {
        const o = LOADER_OFFSETS.ADD_CHECKSUM;
        out.push({
          kind: 'ADD_CHECKSUM', index, file: nameAt(e, base + o.file), resultOffset: u32(e, base + o.resultOffset),
          start: u32(e, base + o.start), length: u32(e, base + o.length),
        });
        break;
      }
      case LOADER_CMD.WRITE_POINTER: {
        const o = LOADER_OFFSETS.WRITE_POINTER;
        out.push({
          kind: 'WRITE_POINTER', index, dest: nameAt(e, base + o.destFile), src: nameAt(e, base + o.srcFile),
          dstOffset: u32(e, base + o.dstOffset), srcOffset: u32(e, base + o.srcOffset), size: e[base + o.size]!,
        });
        break;
      }
      default:
        out.push({ kind: 'UNKNOWN', index, command });
    }
  }
  return out;
}

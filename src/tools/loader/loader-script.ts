/**
 * The tools' own reading of `etc/table-loader` (wire format: src/spec/linker-loader.ts),
 * kept apart from the firmware's executor so that each can check the other.
 */
import { cString, le32 } from '../../lib/bytes.js';
import { LOADER_CMD, LOADER_ENTRY_SIZE, LOADER_FILESZ, LOADER_OFFSETS } from '../../spec/linker-loader.js';

export interface Allocate {
  readonly kind: 'ALLOCATE';
  readonly index: number;
  readonly file: string;
  readonly align: number;
  readonly zone: number;
}
export interface AddPointer {
  readonly kind: 'ADD_POINTER';
  readonly index: number;
  readonly destFile: string;
  readonly srcFile: string;
  readonly offset: number;
  readonly size: number;
}
export interface AddChecksum {
  readonly kind: 'ADD_CHECKSUM';
  readonly index: number;
  readonly file: string;
  readonly resultOffset: number;
  readonly start: number;
  readonly length: number;
}
export interface WritePointer {
  readonly kind: 'WRITE_POINTER';
  readonly index: number;
  readonly destFile: string;
  readonly srcFile: string;
  readonly dstOffset: number;
  readonly srcOffset: number;
  readonly size: number;
}
export interface Unknown {
  readonly kind: 'UNKNOWN';
  readonly index: number;
  readonly command: number;
}
export type Command = Allocate | AddPointer | AddChecksum | WritePointer | Unknown;

export interface LoaderScript {
  /** Non-padding commands, each with its entry index in the file. */
  readonly commands: readonly Command[];
  /** Entries in the file (including zero padding). */
  readonly entries: number;
  /** Bytes past the last whole 128-byte entry (the script is malformed when non-zero). */
  readonly trailing: number;
  /** Entry index → the name fields whose byte 55 is not NUL. */
  readonly unterminated: ReadonlyMap<number, readonly string[]>;
}

const ZONE_NAMES: Readonly<Record<number, string>> = { 1: 'HIGH', 2: 'FSEG' };
export function zoneName(zone: number): string {
  return ZONE_NAMES[zone] ?? `zone ${zone}`;
}

export function parseLoaderScript(data: Uint8Array): LoaderScript {
  const entries = Math.floor(data.length / LOADER_ENTRY_SIZE);
  const commands: Command[] = [];
  const unterminated = new Map<number, string[]>();
  for (let index = 0; index < entries; index++) {
    const e = data.subarray(index * LOADER_ENTRY_SIZE, (index + 1) * LOADER_ENTRY_SIZE);
    const command = le32(e, LOADER_OFFSETS.command);
    const name = (off: number, field: string): string => {
      if (e[off + LOADER_FILESZ - 1] !== 0) unterminated.set(index, [...(unterminated.get(index) ?? []), field]);
      return cString(e, off, LOADER_FILESZ);
    };
    switch (command) {
      case 0:
        break;
      case LOADER_CMD.ALLOCATE: {
        const o = LOADER_OFFSETS.ALLOCATE;
        commands.push({ kind: 'ALLOCATE', index, file: name(o.file, 'file'), align: le32(e, o.align), zone: e[o.zone]! });
        break;
      }
      case LOADER_CMD.ADD_POINTER: {
        const o = LOADER_OFFSETS.ADD_POINTER;
        commands.push({ kind: 'ADD_POINTER', index, destFile: name(o.destFile, 'dest_file'), srcFile: name(o.srcFile, 'src_file'), offset: le32(e, o.offset), size: e[o.size]! });
        break;
      }
      case LOADER_CMD.ADD_CHECKSUM: {
        const o = LOADER_OFFSETS.ADD_CHECKSUM;
        commands.push({ kind: 'ADD_CHECKSUM', index, file: name(o.file, 'file'), resultOffset: le32(e, o.resultOffset), start: le32(e, o.start), length: le32(e, o.length) });
        break;
      }
      case LOADER_CMD.WRITE_POINTER: {
        const o = LOADER_OFFSETS.WRITE_POINTER;
        commands.push({
          kind: 'WRITE_POINTER', index, destFile: name(o.destFile, 'dest_file'), srcFile: name(o.srcFile, 'src_file'),
          dstOffset: le32(e, o.dstOffset), srcOffset: le32(e, o.srcOffset), size: e[o.size]!,
        });
        break;
      }
      default:
        commands.push({ kind: 'UNKNOWN', index, command });
    }
  }
  return { commands, entries, trailing: data.length % LOADER_ENTRY_SIZE, unterminated };
}

/** Encodes commands back into entries (for crafted scripts in tests and `loader` fixes). */
/** A command without its entry index (what a script writer supplies). */
export type CommandInput = Command extends infer C ? (C extends Command ? Omit<C, 'index'> : never) : never;

export function encodeLoaderScript(commands: readonly CommandInput[], padTo = 0): Uint8Array {
  const size = Math.max(commands.length * LOADER_ENTRY_SIZE, padTo);
  const out = new Uint8Array(Math.ceil(size / LOADER_ENTRY_SIZE) * LOADER_ENTRY_SIZE);
  const put32 = (o: number, v: number) => new DataView(out.buffer).setUint32(o, v >>> 0, true);
  const putName = (o: number, s: string) => {
    for (let i = 0; i < s.length && i < LOADER_FILESZ; i++) out[o + i] = s.charCodeAt(i);
  };
  commands.forEach((c, i) => {
    const b = i * LOADER_ENTRY_SIZE;
    switch (c.kind) {
      case 'ALLOCATE': {
        const o = LOADER_OFFSETS.ALLOCATE;
        put32(b, LOADER_CMD.ALLOCATE); putName(b + o.file, c.file); put32(b + o.align, c.align); out[b + o.zone] = c.zone;
        break;
      }
      case 'ADD_POINTER': {
        const o = LOADER_OFFSETS.ADD_POINTER;
        put32(b, LOADER_CMD.ADD_POINTER); putName(b + o.destFile, c.destFile); putName(b + o.srcFile, c.srcFile);
        put32(b + o.offset, c.offset); out[b + o.size] = c.size;
        break;
      }
      case 'ADD_CHECKSUM': {
        const o = LOADER_OFFSETS.ADD_CHECKSUM;
        put32(b, LOADER_CMD.ADD_CHECKSUM); putName(b + o.file, c.file); put32(b + o.resultOffset, c.resultOffset);
        put32(b + o.start, c.start); put32(b + o.length, c.length);
        break;
      }
      case 'WRITE_POINTER': {
        const o = LOADER_OFFSETS.WRITE_POINTER;
        put32(b, LOADER_CMD.WRITE_POINTER); putName(b + o.destFile, c.destFile); putName(b + o.srcFile, c.srcFile);
        put32(b + o.dstOffset, c.dstOffset); put32(b + o.srcOffset, c.srcOffset); out[b + o.size] = c.size;
        break;
      }
      case 'UNKNOWN':
        put32(b, c.command);
    }
  });
  return out;
}

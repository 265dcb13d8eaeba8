import {
  LOADER_CMD as LINKER_COMMAND, LOADER_ENTRY_SIZE as LINKER_ENTRY_SIZE, LOADER_FILESZ as LINKER_FILESZ,
  LOADER_FILE_ALIGN as LINKER_FILE_ALIGN, LOADER_OFFSETS as LINKER_OFFSET, LOADER_POINTER_SIZES as LINKER_POINTER_SIZES,
  LOADER_ZONE as LINKER_ZONE,
} from '../../spec/linker-loader.js';
import type { LoaderZoneName as LinkerZoneName } from '../../spec/linker-loader.js';
import { ByteSink } from './aml/sink.js';

/** A blob the linker knows: its current length and a way to pre-fill pointer/checksum fields. */
export interface LinkerBlob {
  readonly length: number;
  patchUint(offset: number, value: number | bigint, size: number): void;
}

/** A fixed byte array as a LinkerBlob. */
export function arrayBlob(bytes: Uint8Array): LinkerBlob {
  return {
    get length() { return bytes.length; },
    patchUint(offset, value, size) {
      let v = BigInt.asUintN(size * 8, BigInt(value));
      for (let i = 0; i < size; i++) { bytes[offset + i] = Number(v & 0xffn); v >>= 8n; }
    },
  };
}

/**
 * The host side of QEMU's BIOS linker-loader (qemu-host.md §2): ALLOCATEs are prepended (so they
 * come out in reverse call order), everything else is appended; ADD_POINTER pre-fills the field
 * with the source offset; ADD_CHECKSUM zeroes the checksum byte. Programming errors throw.
 */
export class BiosLinker {
  private readonly files = new Map<string, LinkerBlob>();
  private allocates: Uint8Array[] = [];
  private readonly others: Uint8Array[] = [];

  allocate(file: string, blob: LinkerBlob, align: number, zone: LinkerZoneName): void {
    if (align <= 0 || (align & (align - 1)) !== 0) throw new Error(`ALLOCATE ${file}: alignment ${align} is not a power of two`);
    if (this.files.has(file)) throw new Error(`ALLOCATE ${file}: already allocated`);
    this.files.set(file, blob);
    const e = entry(LINKER_COMMAND.ALLOCATE);
    const o = LINKER_OFFSET.ALLOCATE;
    putName(e, o.file, file);
    putU32(e, o.align, align);
    e[o.zone] = LINKER_ZONE[zone];
    this.allocates = [e, ...this.allocates];
  }

  addPointer(destFile: string, destOffset: number, size: number, srcFile: string, srcOffset: number): void {
    const dest = this.blob(destFile, 'ADD_POINTER');
    const src = this.blob(srcFile, 'ADD_POINTER');
    checkSize(size, 'ADD_POINTER');
    if (destOffset < 0 || destOffset + size > dest.length) throw new Error(`ADD_POINTER: ${destFile}+${destOffset}/${size} out of bounds (${dest.length})`);
    if (srcOffset < 0 || srcOffset >= src.length) throw new Error(`ADD_POINTER: ${srcFile}+${srcOffset} out of bounds (${src.length})`);
    dest.patchUint(destOffset, srcOffset, size);
    const e = entry(LINKER_COMMAND.ADD_POINTER);
    const o = LINKER_OFFSET.ADD_POINTER;
    putName(e, o.destFile, destFile);
    putName(e, o.srcFile, srcFile);
    putU32(e, o.offset, destOffset);
    e[o.size] = size;
    this.others.push(e);
  }

  addChecksum(file: string, start: number, length: number, checksumOffset: number): void {
    const blob = this.blob(file, 'ADD_CHECKSUM');
    if (start < 0 || start >= blob.length || start + length > blob.length) throw new Error(`ADD_CHECKSUM: ${file} range ${start}+${length} out of bounds (${blob.length})`);
    if (checksumOffset < start || checksumOffset + 1 > start + length) throw new Error(`ADD_CHECKSUM: ${file} checksum byte ${checksumOffset} outside its range`);
    blob.patchUint(checksumOffset, 0, 1);
    const e = entry(LINKER_COMMAND.ADD_CHECKSUM);
    const o = LINKER_OFFSET.ADD_CHECKSUM;
    putName(e, o.file, file);
    putU32(e, o.resultOffset, checksumOffset);
    putU32(e, o.start, start);
    putU32(e, o.length, length);
    this.others.push(e);
  }

  /** The destination is a writable fw_cfg file on the host side: it is not checked, as in QEMU. */
  writePointer(destFile: string, dstOffset: number, size: number, srcFile: string, srcOffset: number): void {
    const src = this.blob(srcFile, 'WRITE_POINTER');
    checkSize(size, 'WRITE_POINTER');
    if (srcOffset < 0 || srcOffset >= src.length) throw new Error(`WRITE_POINTER: ${srcFile}+${srcOffset} out of bounds (${src.length})`);
    const e = entry(LINKER_COMMAND.WRITE_POINTER);
    const o = LINKER_OFFSET.WRITE_POINTER;
    putName(e, o.destFile, destFile);
    putName(e, o.srcFile, srcFile);
    putU32(e, o.dstOffset, dstOffset);
    putU32(e, o.srcOffset, srcOffset);
    e[o.size] = size;
    this.others.push(e);
  }

  /** The script, zero-padded to a multiple of 4 KiB. */
  toBytes(): Uint8Array {
    const s = new ByteSink();
    for (const e of [...this.allocates, ...this.others]) s.bytes(e);
    const padded = Math.max(LINKER_FILE_ALIGN, Math.ceil(s.length / LINKER_FILE_ALIGN) * LINKER_FILE_ALIGN);
    s.zeros(padded - s.length);
    return s.toBytes();
  }

  private blob(file: string, cmd: string): LinkerBlob {
    const b = this.files.get(file);
    if (!b) throw new Error(`${cmd}: file ${file} was not allocated`);
    return b;
  }
}

function checkSize(size: number, cmd: string): void {
  if (!(LINKER_POINTER_SIZES as readonly number[]).includes(size)) throw new Error(`${cmd}: pointer size ${size} not in 1/2/4/8`);
}

function entry(command: number): Uint8Array {
  const e = new Uint8Array(LINKER_ENTRY_SIZE);
  putU32(e, LINKER_OFFSET.command, command);
  return e;
}

function putU32(e: Uint8Array, off: number, v: number): void {
  e[off] = v & 0xff;
  e[off + 1] = (v >>> 8) & 0xff;
  e[off + 2] = (v >>> 16) & 0xff;
  e[off + 3] = (v >>> 24) & 0xff;
}

function putName(e: Uint8Array, off: number, name: string): void {
  if (name.length > LINKER_FILESZ - 1) throw new Error(`linker file name too long: ${name}`);
  for (let i = 0; i < name.length; i++) e[off + i] = name.charCodeAt(i);
}

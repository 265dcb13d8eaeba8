import type { AccessSize, IoHandler } from './io-handler.js';
import { allOnes } from './io-handler.js';
import type { RamBlock } from './ram-block.js';

/** What a physical-address range decodes to. Offsets are relative to the mapping's base. */
export interface MemoryTarget {
  readonly kind: 'ram' | 'rom' | 'mmio' | 'pam';
  readonly size: number;
  read(offset: number, size: AccessSize): number;
  write(offset: number, size: AccessSize, value: number): void;
  /** Direct byte access for bulk copies, when the target is memory-like. */
  readInto?(offset: number, out: Uint8Array, outOffset: number, length: number): void;
  writeFrom?(offset: number, data: Uint8Array, dataOffset: number, length: number): void;
  /**
   * A live view of the bytes at [offset, offset + length) when they are plain memory in one buffer
   * (a CPU caches it per page for its fast path); undefined when they are not.
   */
  direct?(offset: number, length: number): DirectView | undefined;
}

/** Live bytes of a memory target: `bytes[start + i]` is the byte at the asked offset + i. */
export interface DirectView {
  readonly bytes: Uint8Array;
  readonly start: number;
  /** Writes through the view reach the memory (RAM); false for ROM (a CPU sends writes to the bus). */
  readonly writable: boolean;
}

/** A window onto a RAM block (QEMU's alias of `pc.ram`), optionally read-only. */
export class RamWindow implements MemoryTarget {
  readonly kind = 'ram';
  constructor(readonly ram: RamBlock, readonly offset: number, readonly size: number, readonly readOnly = false) {}
  read(offset: number, size: AccessSize): number {
    return this.ram.read(this.offset + offset, size);
  }
  write(offset: number, size: AccessSize, value: number): void {
    if (!this.readOnly) this.ram.write(this.offset + offset, size, value);
  }
  readInto(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    this.ram.readInto(this.offset + offset, out, outOffset, length);
  }
  writeFrom(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    if (!this.readOnly) this.ram.writeFrom(this.offset + offset, data, dataOffset, length);
  }
  direct(offset: number, length: number): DirectView | undefined {
    const v = this.ram.chunkView(this.offset + offset, length);
    return v && { bytes: v.bytes, start: v.start, writable: !this.readOnly };
  }
}

/** ROM contents (or a window into them, for the isa-bios alias). Writes are dropped. */
export class RomWindow implements MemoryTarget {
  readonly kind = 'rom';
  constructor(readonly data: Uint8Array, readonly offset = 0, readonly size = data.length - offset) {}
  read(offset: number, size: AccessSize): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + (this.data[this.offset + offset + i] ?? 0xff);
    return v;
  }
  write(): void {}
  readInto(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    out.set(this.data.subarray(this.offset + offset, this.offset + offset + length), outOffset);
  }
  writeFrom(): void {}
  direct(offset: number, length: number): DirectView | undefined {
    const start = this.offset + offset;
    return start + length <= this.data.length ? { bytes: this.data, start, writable: false } : undefined;
  }
}

/** Device registers (MMIO). Handlers see ≤ 4-byte accesses; the bus splits 8-byte ones. */
export class MmioWindow implements MemoryTarget {
  readonly kind = 'mmio';
  constructor(readonly handler: IoHandler, readonly size: number) {}
  read(offset: number, size: AccessSize): number {
    if (offset + size > this.size) return allOnes(size);
    return this.handler.read(offset, size);
  }
  write(offset: number, size: AccessSize, value: number): void {
    if (offset + size <= this.size) this.handler.write(offset, size, value);
  }
}

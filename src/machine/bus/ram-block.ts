/**
 * Guest RAM allocated lazily in 64 KiB chunks: `-m 64G` costs nothing until touched,
 * and reads of untouched RAM return zeros without allocating.
 */
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, jsonObject, num } from '../snapshot/part-state.js';

const CHUNK_SHIFT = 16;
const CHUNK_SIZE = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_SIZE - 1;

export class RamBlock implements Snapshottable {
  private readonly chunks = new Map<number, Uint8Array>();
  private readonly clearListeners: Array<() => void> = [];
  /** Chunks a `clear` let go, zeroed again when reused: a re-booted machine makes no new garbage. */
  private readonly spare: Uint8Array[] = [];

  constructor(readonly name: string, readonly size: number) {
    if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`RAM block ${name}: bad size ${size}`);
  }

  /** Bytes actually allocated (for reports and the RSS budget). */
  get allocated(): number {
    return this.chunks.size * CHUNK_SIZE;
  }

  /** The chunk found last (byte-wise accesses walk through one chunk at a time). */
  private lastIndex = -1;
  private lastChunk: Uint8Array | undefined;

  private chunk(offset: number, create: boolean): Uint8Array | undefined {
    const index = Math.floor(offset / CHUNK_SIZE);
    if (index === this.lastIndex) return this.lastChunk;
    let c = this.chunks.get(index);
    if (!c && create) {
      c = this.spare.pop()?.fill(0) ?? new Uint8Array(CHUNK_SIZE);
      this.chunks.set(index, c);
    }
    if (c) {
      this.lastIndex = index;
      this.lastChunk = c;
    }
    return c;
  }

  read8(offset: number): number {
    const c = this.chunk(offset, false);
    return c ? c[offset & CHUNK_MASK]! : 0;
  }

  write8(offset: number, value: number): void {
    this.chunk(offset, true)![offset & CHUNK_MASK] = value;
  }

  /** Little-endian read of `size` (≤ 4) bytes. */
  read(offset: number, size: number): number {
    const within = offset & CHUNK_MASK;
    if (within + size <= CHUNK_SIZE) {
      const c = this.chunk(offset, false);
      if (!c) return 0;
      if (size === 1) return c[within]!;
      if (size === 2) return c[within]! | (c[within + 1]! << 8);
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + c[within + i]!;
      return v;
    }
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.read8(offset + i);
    return v;
  }

  write(offset: number, size: number, value: number): void {
    for (let i = 0; i < size; i++) {
      this.write8(offset + i, value & 0xff);
      value = Math.floor(value / 256);
    }
  }

  readInto(offset: number, out: Uint8Array, outOffset: number, length: number): void {
    let done = 0;
    while (done < length) {
      const pos = offset + done;
      const within = pos & CHUNK_MASK;
      const n = Math.min(length - done, CHUNK_SIZE - within);
      const c = this.chunk(pos, false);
      if (c) out.set(c.subarray(within, within + n), outOffset + done);
      else out.fill(0, outOffset + done, outOffset + done + n);
      done += n;
    }
  }

  writeFrom(offset: number, data: Uint8Array, dataOffset: number, length: number): void {
    let done = 0;
    while (done < length) {
      const pos = offset + done;
      const within = pos & CHUNK_MASK;
      const n = Math.min(length - done, CHUNK_SIZE - within);
      const src = data.subarray(dataOffset + done, dataOffset + done + n);
      const c = this.chunk(pos, false) ?? (isZero(src) ? undefined : this.chunk(pos, true));
      if (c) c.set(src, within);
      done += n;
    }
  }

  /** The touched chunks only: their indices (JSON) and contents (bytes), in index order. */
  saveState(): PartState {
    const indices = [...this.chunks.keys()].sort((a, b) => a - b);
    const bytes = new Uint8Array(indices.length * CHUNK_SIZE);
    indices.forEach((index, i) => bytes.set(this.chunks.get(index)!, i * CHUNK_SIZE));
    return { json: { size: this.size, chunk: CHUNK_SIZE, chunks: indices }, bytes };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, this.name);
    if (num(o, 'size') !== this.size || num(o, 'chunk') !== CHUNK_SIZE) throw new SnapshotMismatch(`RAM ${this.name}: size ${String(o.size)} saved, ${this.size} here`);
    const indices = arr(o, 'chunks');
    const bytes = state.bytes ?? new Uint8Array(0);
    if (bytes.length !== indices.length * CHUNK_SIZE) throw new SnapshotMismatch(`RAM ${this.name}: ${bytes.length} bytes for ${indices.length} chunks`);
    this.chunks.clear();
    this.lastIndex = -1;
    indices.forEach((index, i) => {
      if (typeof index !== 'number' || index < 0 || index * CHUNK_SIZE >= this.size) throw new SnapshotMismatch(`RAM ${this.name}: bad chunk ${String(index)}`);
      this.chunks.set(index, bytes.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE));
    });
    // Chunk views handed out before (the x86 core's TLB) point at the old arrays.
    for (const l of this.clearListeners) l();
  }

  /**
   * Zeroes [offset, offset+length): untouched chunks already read zero and stay unallocated, so the
   * cost is per touched chunk. Chunks are zeroed in place, never dropped (the CPU may hold views).
   */
  zeroFill(offset: number, length: number): void {
    const end = offset + length;
    for (let pos = offset; pos < end;) {
      const index = Math.floor(pos / CHUNK_SIZE);
      const stop = Math.min(end, (index + 1) * CHUNK_SIZE);
      this.chunks.get(index)?.fill(0, pos & CHUNK_MASK, ((stop - 1) & CHUNK_MASK) + 1);
      pos = stop;
    }
  }

  /**
   * The chunk holding [offset, offset + length) (allocated now if untouched), or undefined when the
   * range crosses a chunk boundary. Valid until `clear` (listeners of `onClear` drop their copies).
   */
  chunkView(offset: number, length: number): { bytes: Uint8Array; start: number } | undefined {
    const start = offset & CHUNK_MASK;
    if (start + length > CHUNK_SIZE || offset + length > this.size) return undefined;
    return { bytes: this.chunk(offset, true)!, start };
  }

  /** Called after `clear` (whoever cached chunk views drops them). */
  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }

  /** Drop all contents (power cycle). */
  clear(): void {
    for (const c of this.chunks.values()) this.spare.push(c);
    this.chunks.clear();
    this.lastIndex = -1;
    for (const l of this.clearListeners) l();
  }
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * Guest RAM allocated lazily in 64 KiB chunks: `-m 64G` costs nothing until touched,
 * and reads of untouched RAM return zeros without allocating.
 */
const CHUNK_SHIFT = 16;
const CHUNK_SIZE = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_SIZE - 1;

export class RamBlock {
  private readonly chunks = new Map<number, Uint8Array>();
  private readonly clearListeners: Array<() => void> = [];

  constructor(readonly name: string, readonly size: number) {
    if (!Number.isSafeInteger(size) || size <= 0) throw new RangeError(`RAM block ${name}: bad size ${size}`);
  }

  /** Bytes actually allocated (for reports and the RSS budget). */
  get allocated(): number {
    return this.chunks.size * CHUNK_SIZE;
  }

  private chunk(offset: number, create: boolean): Uint8Array | undefined {
    const index = Math.floor(offset / CHUNK_SIZE);
    let c = this.chunks.get(index);
    if (!c && create) {
      c = new Uint8Array(CHUNK_SIZE);
      this.chunks.set(index, c);
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
    this.chunks.clear();
    for (const l of this.clearListeners) l();
  }
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

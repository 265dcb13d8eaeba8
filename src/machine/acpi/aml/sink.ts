/** A growable byte sink that AML values and ACPI tables write into. */
export class ByteSink {
  private buf = new Uint8Array(256);
  private len = 0;

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(v: number): this {
    this.reserve(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  bytes(data: ArrayLike<number>): this {
    this.reserve(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  /** Little-endian unsigned integer of `size` bytes. */
  uint(v: number | bigint, size: number): this {
    if (typeof v === 'number' && size <= 4 && v >= 0 && v <= 0xffffffff) {
      this.reserve(size);
      for (let i = 0; i < size; i++) this.buf[this.len++] = (v >>> (8 * i)) & 0xff;
      return this;
    }
    let big = BigInt.asUintN(size * 8, BigInt(v));
    for (let i = 0; i < size; i++) {
      this.byte(Number(big & 0xffn));
      big >>= 8n;
    }
    return this;
  }

  ascii(text: string, size = text.length, pad = 0): this {
    for (let i = 0; i < size; i++) this.byte(i < text.length ? text.charCodeAt(i) : pad);
    return this;
  }

  zeros(n: number): this {
    this.reserve(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }

  /** Overwrite already written bytes (patching a length or a pointer). */
  patchUint(offset: number, v: number | bigint, size: number): void {
    if (offset + size > this.len) throw new RangeError(`patch at ${offset}+${size} beyond ${this.len}`);
    let big = BigInt.asUintN(size * 8, BigInt(v));
    for (let i = 0; i < size; i++) {
      this.buf[offset + i] = Number(big & 0xffn);
      big >>= 8n;
    }
  }

  /** Insert bytes at `offset`, moving what follows (a PkgLength in front of a body already written). */
  insertAt(offset: number, data: readonly number[]): void {
    if (offset > this.len) throw new RangeError(`insert at ${offset} beyond ${this.len}`);
    this.reserve(data.length);
    this.buf.copyWithin(offset + data.length, offset, this.len);
    for (let i = 0; i < data.length; i++) this.buf[offset + i] = data[i]!;
    this.len += data.length;
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/**
 * PkgLength (ACPI 6.5 §20.2.4): the encoded length counts its own bytes. One byte holds
 * up to 63; otherwise the low nibble goes in the lead byte and 1–3 more bytes follow.
 */
export function pkgLengthBytes(bodyLength: number): number[] {
  if (bodyLength + 1 <= 0x3f) return [bodyLength + 1];
  for (let extra = 1; extra <= 3; extra++) {
    const total = bodyLength + 1 + extra;
    if (total < 1 << (4 + 8 * extra)) {
      const out = [(extra << 6) | (total & 0x0f)];
      for (let i = 0; i < extra; i++) out.push((total >>> (4 + 8 * i)) & 0xff);
      return out;
    }
  }
  throw new RangeError(`AML package of ${bodyLength} bytes is too long`);
}

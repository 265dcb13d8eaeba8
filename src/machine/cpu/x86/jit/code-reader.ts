/** Thrown when an instruction does not fit in the block's code page: the block ends before it. */
export const PAGE_END = new Error('x86 block: instruction crosses the code page');

/**
 * Reads instruction bytes of one 4 KiB code page for the block translator: `mem[base + pos]` is the
 * byte at page offset `pos`. Reading past the page end throws PAGE_END (the interpreter then fetches
 * the instruction itself, with its own page-crossing and limit checks).
 */
export class CodeReader {
  pos: number;

  constructor(readonly mem: Uint8Array, readonly base: number, start: number) {
    this.pos = start;
  }

  u8(): number {
    if (this.pos >= 0x1000) throw PAGE_END;
    return this.mem[this.base + this.pos++]!;
  }

  s8(): number {
    return (this.u8() << 24) >> 24;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  /** A 32-bit little-endian value as a signed int32 (as the interpreter's fetch32 returns it). */
  i32(): number {
    return this.u8() | (this.u8() << 8) | (this.u8() << 16) | (this.u8() << 24);
  }
}

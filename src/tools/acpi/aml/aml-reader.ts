/** Byte-level AML reading (ACPI 6.5 §20.2): package lengths and name strings. */

export class AmlDecodeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at AML offset 0x${offset.toString(16)}`);
  }
}

export class AmlReader {
  constructor(readonly b: Uint8Array, public pos: number, public end: number) {}

  get done(): boolean {
    return this.pos >= this.end;
  }
  peek(k = 0): number {
    return this.pos + k < this.end ? this.b[this.pos + k]! : -1;
  }
  u8(): number {
    if (this.pos >= this.end) throw new AmlDecodeError('unexpected end of AML', this.pos);
    return this.b[this.pos++]!;
  }
  le(n: number): bigint {
    let v = 0n;
    for (let i = 0; i < n; i++) v |= BigInt(this.u8()) << BigInt(8 * i);
    return v;
  }

  /** PkgLength (§20.2.4); returns the absolute end offset of the package. */
  pkgEnd(): number {
    const start = this.pos;
    const lead = this.u8();
    const follow = lead >> 6;
    let len = follow === 0 ? lead & 0x3f : lead & 0x0f;
    for (let i = 0; i < follow; i++) len |= this.u8() << (4 + 8 * i);
    const end = start + len;
    if (end > this.end) throw new AmlDecodeError(`package of ${len} bytes runs past its parent`, start);
    return end;
  }

  private seg(): string {
    let s = '';
    for (let i = 0; i < 4; i++) s += String.fromCharCode(this.u8());
    return s.replace(/_+$/, '') || '_';
  }

  /** NameString (§20.2.2): root/parent prefixes, then nothing, one, two or N segments. */
  name(): string {
    let prefix = '';
    while (this.peek() === 0x5c || this.peek() === 0x5e) prefix += String.fromCharCode(this.u8());
    const lead = this.peek();
    const segs: string[] = [];
    if (lead === 0x00) this.u8();
    else if (lead === 0x2e) {
      this.u8();
      segs.push(this.seg(), this.seg());
    } else if (lead === 0x2f) {
      this.u8();
      const n = this.u8();
      for (let i = 0; i < n; i++) segs.push(this.seg());
    } else segs.push(this.seg());
    return prefix + segs.join('.');
  }
}

/** LeadNameChar / RootChar / ParentPrefixChar / Dual/MultiNamePrefix: a NameString starts here. */
export function startsName(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x5c || c === 0x5e || c === 0x2e || c === 0x2f;
}

/** Resolves `name` against `scope` the simple way (no search rules): absolute path string. */
export function absolutePath(scope: string, name: string): string {
  if (name.startsWith('\\')) return name === '\\' ? '\\' : name;
  let s = scope;
  let n = name;
  while (n.startsWith('^')) {
    s = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '\\';
    n = n.slice(1);
  }
  if (!n) return s;
  return s === '\\' ? `\\${n}` : `${s}.${n}`;
}

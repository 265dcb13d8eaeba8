/** Little- and big-endian field access on byte arrays (spec layouts are LE unless fw_cfg says BE). */

export function le16(b: Uint8Array, off: number): number {
  return b[off]! | (b[off + 1]! << 8);
}
export function le32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}
export function le64(b: Uint8Array, off: number): bigint {
  return BigInt(le32(b, off)) | (BigInt(le32(b, off + 4)) << 32n);
}
export function be16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}
export function be32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}
export function be64(b: Uint8Array, off: number): bigint {
  return (BigInt(be32(b, off)) << 32n) | BigInt(be32(b, off + 4));
}

export function setLe16(b: Uint8Array, off: number, v: number): void {
  b[off] = v & 0xff;
  b[off + 1] = (v >>> 8) & 0xff;
}
export function setLe32(b: Uint8Array, off: number, v: number): void {
  b[off] = v & 0xff;
  b[off + 1] = (v >>> 8) & 0xff;
  b[off + 2] = (v >>> 16) & 0xff;
  b[off + 3] = (v >>> 24) & 0xff;
}
export function setLe64(b: Uint8Array, off: number, v: bigint | number): void {
  const big = BigInt.asUintN(64, BigInt(v));
  setLe32(b, off, Number(big & 0xffffffffn));
  setLe32(b, off + 4, Number(big >> 32n));
}
export function setBe16(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 8) & 0xff;
  b[off + 1] = v & 0xff;
}
export function setBe32(b: Uint8Array, off: number, v: number): void {
  b[off] = (v >>> 24) & 0xff;
  b[off + 1] = (v >>> 16) & 0xff;
  b[off + 2] = (v >>> 8) & 0xff;
  b[off + 3] = v & 0xff;
}
export function setBe64(b: Uint8Array, off: number, v: bigint | number): void {
  const big = BigInt.asUintN(64, BigInt(v));
  setBe32(b, off, Number(big >> 32n));
  setBe32(b, off + 4, Number(big & 0xffffffffn));
}

/** Sum of bytes mod 256 (ACPI, SMBIOS and linker-loader checksums). */
export function byteSum(b: Uint8Array, start = 0, length = b.length - start): number {
  let s = 0;
  for (let i = start; i < start + length; i++) s = (s + b[i]!) & 0xff;
  return s;
}

export function asciiAt(b: Uint8Array, off: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(b[off + i]!);
  return s;
}

/** A NUL-terminated ASCII string from a fixed-size field. */
export function cString(b: Uint8Array, off: number, max: number): string {
  let s = '';
  for (let i = 0; i < max; i++) {
    const c = b[off + i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

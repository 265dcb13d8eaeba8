/** `0x` + lowercase hex, zero-padded to `digits`. Accepts numbers and bigints. */
export function hex(value: number | bigint, digits = 0): string {
  const v = typeof value === 'bigint' ? value : BigInt(value);
  return '0x' + v.toString(16).padStart(digits, '0');
}

export function hexBytes(data: Uint8Array, separator = ' '): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join(separator);
}

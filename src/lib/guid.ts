/**
 * GUIDs/UUIDs as 16 bytes. "Big-endian" is RFC 4122 byte order (the canonical string read
 * left to right); the Microsoft in-memory layout stores the first three fields
 * (u32 time_low, u16 time_mid, u16 time_hi_and_version) little-endian. Pure: no Node.
 */

const GUID_RE = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i;

export function isGuid(text: string): boolean {
  return GUID_RE.test(text);
}

/** The canonical string → 16 bytes in RFC 4122 (big-endian) order. Throws on malformed text. */
export function parseGuid(text: string): Uint8Array {
  if (!GUID_RE.test(text)) throw new RangeError(`not a GUID: '${text}'`);
  const hex = text.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** 16 RFC 4122-order bytes → "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (lowercase). */
export function formatGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a GUID is 16 bytes, got ${bytes.length}`);
  const h = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Swap the first three fields: RFC 4122 order ↔ Microsoft mixed-endian order (its own inverse). */
export function swapGuidFields(bytes: Uint8Array): Uint8Array {
  if (bytes.length !== 16) throw new RangeError(`a GUID is 16 bytes, got ${bytes.length}`);
  const out = bytes.slice();
  out[0] = bytes[3]!;
  out[1] = bytes[2]!;
  out[2] = bytes[1]!;
  out[3] = bytes[0]!;
  out[4] = bytes[5]!;
  out[5] = bytes[4]!;
  out[6] = bytes[7]!;
  out[7] = bytes[6]!;
  return out;
}

/** The canonical string → the 16 bytes as Microsoft/UEFI store a GUID in memory. */
export function guidToMicrosoftBytes(text: string): Uint8Array {
  return swapGuidFields(parseGuid(text));
}

/** 16 bytes in Microsoft memory order → the canonical string. */
export function guidFromMicrosoftBytes(bytes: Uint8Array): string {
  return formatGuid(swapGuidFields(bytes));
}

/**
 * A version-4-shaped GUID derived deterministically from `seed` (FNV-1a, then a
 * xorshift stream): the same seed always gives the same GUID. Not for secrets.
 */
export function guidFromSeed(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let x = h || 0x9e3779b9;
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  out[6] = (out[6]! & 0x0f) | 0x40;
  out[8] = (out[8]! & 0x3f) | 0x80;
  return formatGuid(out);
}

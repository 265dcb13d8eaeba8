import { buffer, int } from './term.js';
import type { Aml } from './term.js';

/** EISAID("PNP0A03") → the compressed 32-bit id (3 letters × 5 bits + 4 hex digits), byte-swapped. */
export function eisaIdValue(id: string): number {
  if (!/^[A-Z]{3}[0-9A-F]{4}$/.test(id)) throw new Error(`bad EISA id '${id}'`);
  const c = (i: number) => id.charCodeAt(i) - 0x40;
  const hi = (c(0) << 10) | (c(1) << 5) | c(2);
  const product = parseInt(id.slice(3), 16);
  const be = ((hi << 16) | product) >>> 0;
  return (((be & 0xff) << 24) | ((be & 0xff00) << 8) | ((be >>> 8) & 0xff00) | (be >>> 24)) >>> 0;
}

export function eisaId(id: string): Aml {
  return int(eisaIdValue(id));
}

/** ToUUID("aabbccdd-eeff-gghh-iijj-kkllmmnnoopp"): a 16-byte buffer, first three fields little-endian. */
export function uuidBytes(uuid: string): number[] {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i.exec(uuid);
  if (!m) throw new Error(`bad UUID '${uuid}'`);
  const hexPairs = (s: string) => Array.from({ length: s.length / 2 }, (_, i) => parseInt(s.slice(2 * i, 2 * i + 2), 16));
  return [...hexPairs(m[1]!).reverse(), ...hexPairs(m[2]!).reverse(), ...hexPairs(m[3]!).reverse(),
    ...hexPairs(m[4]!), ...hexPairs(m[5]!)];
}

export function toUuid(uuid: string): Aml {
  return buffer(uuidBytes(uuid));
}

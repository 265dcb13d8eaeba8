/** Decoding _CRS resource templates (ACPI 6.5 §6.4) into short summaries. */

export interface Resource {
  readonly kind: 'io' | 'mem' | 'bus' | 'irq' | 'dma' | 'other';
  readonly min: bigint;
  readonly max: bigint;
}

const u16 = (b: Uint8Array, o: number) => BigInt(b[o]! | (b[o + 1]! << 8));
const u32 = (b: Uint8Array, o: number) => BigInt((b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0);
const u64 = (b: Uint8Array, o: number) => u32(b, o) | (u32(b, o + 4) << 32n);

function bits(mask: number, kind: 'irq' | 'dma', out: Resource[]): void {
  for (let i = 0; i < 16; i++) if (mask & (1 << i)) out.push({ kind, min: BigInt(i), max: BigInt(i) });
}

function addressSpace(type: number, min: bigint, len: bigint, max: bigint, out: Resource[]): void {
  const kind = type === 0 ? 'mem' : type === 1 ? 'io' : type === 2 ? 'bus' : 'other';
  out.push({ kind, min, max: len > 0n ? min + len - 1n : max });
}

/** Decode a resource template; stops at the End Tag or at a malformed descriptor. */
export function decodeResources(b: Uint8Array): Resource[] {
  const out: Resource[] = [];
  let o = 0;
  while (o < b.length) {
    const tag = b[o]!;
    if ((tag & 0x80) === 0) {
      const type = (tag >> 3) & 0x0f;
      const len = tag & 7;
      const d = o + 1;
      if (d + len > b.length) break;
      switch (type) {
        case 0x04: bits(b[d]! | (b[d + 1]! << 8), 'irq', out); break;
        case 0x05: bits(b[d]!, 'dma', out); break;
        case 0x08: {
          const min = u16(b, d + 1);
          const n = BigInt(b[d + 6]!);
          out.push({ kind: 'io', min, max: n ? min + n - 1n : min });
          break;
        }
        case 0x09: {
          const base = u16(b, d) & 0x3ffn;
          const n = BigInt(b[d + 2]!);
          out.push({ kind: 'io', min: base, max: n ? base + n - 1n : base });
          break;
        }
        case 0x0f: return out;
        default: break;
      }
      o = d + len;
      continue;
    }
    if (o + 3 > b.length) break;
    const type = tag & 0x7f;
    const len = b[o + 1]! | (b[o + 2]! << 8);
    const d = o + 3;
    if (d + len > b.length) break;
    switch (type) {
      case 0x01: out.push({ kind: 'mem', min: u16(b, d + 1) << 8n, max: (u16(b, d + 1) << 8n) + (u16(b, d + 7) << 8n) - 1n }); break;
      case 0x05: out.push({ kind: 'mem', min: u32(b, d + 1), max: u32(b, d + 1) + u32(b, d + 13) - 1n }); break;
      case 0x06: out.push({ kind: 'mem', min: u32(b, d + 1), max: u32(b, d + 1) + u32(b, d + 5) - 1n }); break;
      case 0x07: addressSpace(b[d]!, u32(b, d + 7), u32(b, d + 19), u32(b, d + 11), out); break;
      case 0x08: addressSpace(b[d]!, u16(b, d + 5), u16(b, d + 11), u16(b, d + 7), out); break;
      case 0x0a: addressSpace(b[d]!, u64(b, d + 11), u64(b, d + 35), u64(b, d + 19), out); break;
      case 0x0b: addressSpace(b[d]!, u64(b, d + 13), u64(b, d + 37), u64(b, d + 21), out); break;
      case 0x09: {
        const n = b[d + 1]!;
        for (let i = 0; i < n; i++) out.push({ kind: 'irq', min: u32(b, d + 2 + 4 * i), max: u32(b, d + 2 + 4 * i) });
        break;
      }
      default: break;
    }
    o = d + len;
  }
  return out;
}

/** `io:0xcf8-0xcff,mem:0xa0000-0xbffff,irq:8` */
export function formatResources(rs: readonly Resource[]): string {
  return rs.map((r) => `${r.kind}:0x${r.min.toString(16)}${r.max !== r.min ? '-0x' + r.max.toString(16) : ''}`).join(',');
}

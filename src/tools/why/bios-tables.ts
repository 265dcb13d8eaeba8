/**
 * `fwlab why` for the legacy BIOS tables an OS finds by scanning the F-segment: the $PIR
 * (PCI IRQ Routing Table Specification 1.0), the MP floating pointer and configuration table
 * (MultiProcessor Specification 1.4 §4) and SMBIOS (SMBIOS 3.x §5.2 entry points, §6.1 structures).
 * Host-side: it reads guest memory and fw_cfg's etc/smbios/* to say which byte came from where.
 */
import { hex } from '../../lib/hex.js';

export interface BiosTableAnswer {
  /** '$PIR' | 'MP floating pointer' | 'MP configuration table' | 'SMBIOS 2.1 entry point' | 'SMBIOS 3.0 entry point' | 'SMBIOS structures' */
  readonly table: string;
  readonly address: string;
  readonly offset: number;
  /** The part holding the byte (an MP entry, an SMBIOS structure, an entry-point field). */
  readonly part: string;
  /** Where the byte's original came from (a fw_cfg file and offset), or why the firmware made it. */
  readonly origin: string;
}

type Read = (addr: number, length: number) => Uint8Array;

const SCAN_START = 0xf0000;
const SCAN_END = 0x100000;
const ANCHOR_FILE = 'etc/smbios/smbios-anchor';
const TABLES_FILE = 'etc/smbios/smbios-tables';
const MP_ENTRY_NAMES = ['processor', 'bus', 'I/O APIC', 'I/O interrupt', 'local interrupt'];
/** Entry-point fields the firmware rewrites (SMBIOS 3.x tables 1 and 2). */
type Field = readonly [offset: number, width: number, name: string];
const EP21_PATCHED: readonly Field[] = [[0x04, 1, 'checksum'], [0x08, 2, 'maximum structure size'], [0x15, 1, 'intermediate checksum'],
  [0x16, 2, 'structure table length'], [0x18, 4, 'structure table address'], [0x1c, 2, 'number of structures']];
const EP30_PATCHED: readonly Field[] = [[0x05, 1, 'checksum'], [0x0c, 4, 'structure table maximum size'], [0x10, 8, 'structure table address']];

const text = (b: Uint8Array, o: number, n: number): string => String.fromCharCode(...b.subarray(o, o + n));
/** Every anchor ($PIR, _MP_, _SM_, _SM3_) starts with '$' or '_': most paragraphs need no string. */
const mayAnchor = (b: Uint8Array, o: number): boolean => b[o] === 0x24 || b[o] === 0x5f;
const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) | (u16(b, o + 2) << 16)) >>> 0;

/** Offsets of the structures in `t` (formatted area, then strings up to a double NUL). */
function structures(t: Uint8Array): number[] {
  const out: number[] = [];
  for (let o = 0; o + 4 <= t.length && t[o + 1]! >= 4;) {
    out.push(o);
    let p = o + t[o + 1]! + 2;
    while (p <= t.length && (t[p - 1] !== 0 || t[p - 2] !== 0)) p++;
    if (t[o] === 127) break;
    o = p;
  }
  return out;
}

function fieldName(patched: readonly Field[], rel: number): string | undefined {
  return patched.find(([o, width]) => rel >= o && rel < o + width)?.[2];
}

export function biosTableAt(read: Read, addr: number, files: ReadonlyMap<string, { readonly data: Uint8Array }>): BiosTableAnswer | null {
  const area = read(SCAN_START, SCAN_END - SCAN_START);
  for (let o = 0; o + 16 <= area.length; o += 16) {
    if (!mayAnchor(area, o)) continue;
    const at = SCAN_START + o;
    const sig = text(area, o, 4);
    if (sig === '$PIR') {
      const size = u16(area, o + 6);
      if (addr >= at && addr < at + size) {
        const rel = addr - at;
        return { table: '$PIR', address: hex(at), offset: rel, part: rel < 32 ? 'header' : `slot entry ${(rel - 32) >> 4}`, origin: 'built by the firmware: SeaBIOS\'s fixed PIIX routing table (links 0x60-0x63)' };
      }
    } else if (sig === '_MP_') {
      const config = u32(area, o + 4);
      if (addr >= at && addr < at + 16) return { table: 'MP floating pointer', address: hex(at), offset: addr - at, part: 'floating pointer', origin: 'built by the firmware (SeaBIOS mptable_setup)' };
      const head = read(config, 44);
      const length = u16(head, 4);
      if (config && text(head, 0, 4) === 'PCMP' && addr >= config && addr < config + length) {
        const t = read(config, length);
        let part = 'header';
        let e = 44;
        for (let i = 0; e < length && addr - config >= e; i++) {
          const size = t[e] === 0 ? 20 : 8;
          if (addr - config < e + size) part = `entry ${i}: ${MP_ENTRY_NAMES[t[e]!] ?? `type ${t[e]}`}`;
          e += size;
        }
        return { table: 'MP configuration table', address: hex(config), offset: addr - config, part, origin: 'built by the firmware from fw_cfg CPU counts, the CPU hot-plug bitmap and PCI interrupt pins' };
      }
    } else if (sig === '_SM_' || text(area, o, 5) === '_SM3_') {
      const v3 = sig !== '_SM_';
      const len = v3 ? area[o + 6]! : area[o + 5]!;
      const anchor = files.get(ANCHOR_FILE)?.data;
      if (addr >= at && addr < at + len) {
        const rel = addr - at;
        const field = fieldName(v3 ? EP30_PATCHED : EP21_PATCHED, rel);
        return {
          table: `SMBIOS ${v3 ? '3.0' : '2.1'} entry point`, address: hex(at), offset: rel, part: field ?? 'as QEMU built it',
          origin: field ? `${ANCHOR_FILE}+0x${rel.toString(16)}, rewritten by the firmware` : anchor ? `${ANCHOR_FILE}+0x${rel.toString(16)}` : 'firmware',
        };
      }
      const tAddr = v3 ? Number(u32(area, o + 0x10)) + u32(area, o + 0x14) * 2 ** 32 : u32(area, o + 0x18);
      const tLen = v3 ? u32(area, o + 0x0c) : u16(area, o + 0x16);
      if (addr < tAddr || addr >= tAddr + tLen) continue;
      const mem = read(tAddr, Math.min(tLen, 0x100000));
      const file = files.get(TABLES_FILE)?.data;
      // The firmware's own type 0 sits in front when QEMU gave none: the file's bytes follow it.
      const shift = file ? tLen - file.length : 0;
      const rel = addr - tAddr;
      const starts = structures(mem);
      const s = [...starts].reverse().find((x) => x <= rel) ?? 0;
      const part = `type ${mem[s]} handle ${hex(u16(mem, s + 2))}, +${rel - s}${rel - s < mem[s + 1]! ? ' (formatted area)' : ' (strings)'}`;
      const origin = rel < shift ? 'type 0 added by the firmware (QEMU gave no BIOS Information)' : `${TABLES_FILE}+0x${(rel - shift).toString(16)}`;
      return { table: 'SMBIOS structures', address: hex(tAddr), offset: rel, part, origin };
    }
  }
  return null;
}

export interface LegacyTable {
  readonly table: '$PIR' | 'MP floating pointer' | 'MP configuration table' | 'SMBIOS 2.1 entry point' | 'SMBIOS 3.0 entry point' | 'SMBIOS structures';
  readonly address: string;
  readonly length: number;
  readonly checksum: 'ok' | 'BAD' | 'none';
}

const sum8 = (b: Uint8Array): number => b.reduce((a, x) => (a + x) & 0xff, 0);

/** Every legacy table the F-segment scan finds (what an OS without ACPI or EFI would read), in address order. */
export function legacyTables(read: Read): LegacyTable[] {
  const area = read(SCAN_START, SCAN_END - SCAN_START);
  const out: LegacyTable[] = [];
  const ck = (b: Uint8Array): 'ok' | 'BAD' => (sum8(b) === 0 ? 'ok' : 'BAD');
  for (let o = 0; o + 16 <= area.length; o += 16) {
    if (!mayAnchor(area, o)) continue;
    const at = SCAN_START + o;
    const sig = text(area, o, 4);
    if (sig === '$PIR') {
      const size = u16(area, o + 6);
      if (size >= 32 && o + size <= area.length) out.push({ table: '$PIR', address: hex(at), length: size, checksum: ck(area.subarray(o, o + size)) });
    } else if (sig === '_MP_') {
      out.push({ table: 'MP floating pointer', address: hex(at), length: 16, checksum: ck(area.subarray(o, o + 16)) });
      const config = u32(area, o + 4);
      const head = config ? read(config, 8) : new Uint8Array(8);
      if (text(head, 0, 4) === 'PCMP') {
        const len = u16(head, 4);
        out.push({ table: 'MP configuration table', address: hex(config), length: len, checksum: ck(read(config, len)) });
      }
    } else if (sig === '_SM_' || text(area, o, 5) === '_SM3_') {
      const v3 = sig !== '_SM_';
      const len = Math.min(v3 ? area[o + 6]! : area[o + 5]!, 0x20);
      const ep = area.subarray(o, o + len);
      const epOk = v3 ? sum8(ep) === 0 : sum8(ep.subarray(0, 0x10)) === 0 && sum8(ep.subarray(0x10)) === 0;
      out.push({ table: v3 ? 'SMBIOS 3.0 entry point' : 'SMBIOS 2.1 entry point', address: hex(at), length: len, checksum: epOk ? 'ok' : 'BAD' });
      const tAddr = v3 ? u32(area, o + 0x10) + u32(area, o + 0x14) * 2 ** 32 : u32(area, o + 0x18);
      out.push({ table: 'SMBIOS structures', address: hex(tAddr), length: v3 ? u32(area, o + 0x0c) : u16(area, o + 0x16), checksum: 'none' });
    }
  }
  return out.sort((a, b) => Number(a.address) - Number(b.address));
}

/**
 * The OS side of SMBIOS (SMBIOS 3.x §5.2): find the entry point on a 16-byte boundary in
 * 0xF0000-0xFFFFF (`_SM3_` preferred over `_SM_`, as current OSes do) or, after a UEFI firmware,
 * in its SMBIOS3 / SMBIOS configuration tables (here the fwlab hand-over record's two fields, in
 * that order, as Linux's dmi_scan_machine takes efi.smbios3 before efi.smbios), check its
 * checksums, and walk the structure table; type 1 gives the system identity (UUID in the 2.6+ byte order).
 */
import type { CpuWire } from '../../spec/cpu-wire.js';
import { HANDOVER_ADDR, HANDOVER_OFFSETS, HANDOVER_SIGNATURE } from '../../spec/handover.js';

export interface SmbiosInfo {
  readonly entryPoint: number;
  readonly version: string;
  readonly checksumOk: boolean;
  readonly table: number;
  readonly length: number;
  readonly structures: number;
  readonly system: Readonly<Record<'manufacturer' | 'product' | 'version' | 'serial' | 'uuid', string>> | undefined;
}

const SCAN_START = 0xf0000;
const SCAN_END = 0x100000;
/** A 3.0 entry point's size field is 32 bits; read no more than this of a (bad) table. */
const MAX_TABLE = 0x100000;

const sum = (b: Uint8Array): number => b.reduce((a, x) => (a + x) & 0xff, 0);
const text = (b: Uint8Array, o: number, n: number): string => String.fromCharCode(...b.subarray(o, o + n));
const hex2 = (b: Uint8Array, idx: readonly number[]): string => idx.map((i) => b[i]!.toString(16).padStart(2, '0')).join('');

/** The entry points in the BIOS area: the 3.0 one if any, else the 2.1 one; then the firmware's configuration tables. */
function findEntryPoint(wire: CpuWire): { addr: number; v3: boolean } | undefined {
  const area = wire.readBytes(SCAN_START, SCAN_END - SCAN_START);
  let v2: number | undefined;
  for (let o = 0; o + 0x20 <= area.length; o += 16) {
    if (area[o] !== 0x5f) continue;
    if (text(area, o, 5) === '_SM3_') return { addr: SCAN_START + o, v3: true };
    if (v2 === undefined && text(area, o, 4) === '_SM_') v2 = SCAN_START + o;
  }
  if (v2 !== undefined) return { addr: v2, v3: false };
  const ho = wire.readBytes(HANDOVER_ADDR, 64);
  if (text(ho, 0, 8) !== HANDOVER_SIGNATURE) return undefined;
  const hdv = new DataView(ho.buffer, ho.byteOffset, ho.byteLength);
  const ep3 = hdv.getUint32(HANDOVER_OFFSETS.smbios3, true);
  if (ep3 && text(wire.readBytes(ep3, 5), 0, 5) === '_SM3_') return { addr: ep3, v3: true };
  const ep2 = hdv.getUint32(HANDOVER_OFFSETS.smbios, true);
  if (ep2 && text(wire.readBytes(ep2, 4), 0, 4) === '_SM_') return { addr: ep2, v3: false };
  return undefined;
}

/** The strings of the structure at `o` (1-based numbering: strings[0] is string 1). */
function stringsOf(t: Uint8Array, o: number): { strings: string[]; next: number } {
  let p = o + t[o + 1]!;
  const strings: string[] = [];
  if (t[p] === 0 && t[p + 1] === 0) return { strings, next: p + 2 };
  while (p < t.length && t[p] !== 0) {
    const end = t.indexOf(0, p);
    if (end < 0) return { strings, next: t.length };
    strings.push(text(t, p, end - p));
    p = end + 1;
  }
  return { strings, next: p + 1 };
}

export function readSmbios(wire: CpuWire): SmbiosInfo | undefined {
  const found = findEntryPoint(wire);
  if (!found) return undefined;
  const ep = wire.readBytes(found.addr, 0x20);
  const dv = new DataView(ep.buffer, ep.byteOffset, ep.byteLength);
  let version: string;
  let checksumOk: boolean;
  let table: number;
  let length: number;
  if (found.v3) {
    version = `${ep[7]}.${ep[8]}`;
    checksumOk = ep[6]! <= 0x20 && sum(ep.subarray(0, ep[6])) === 0;
    table = Number(dv.getBigUint64(0x10, true));
    length = dv.getUint32(0x0c, true);
  } else {
    version = `${ep[6]}.${ep[7]}`;
    checksumOk = ep[5]! <= 0x20 && sum(ep.subarray(0, ep[5])) === 0 && sum(ep.subarray(0x10, ep[5])) === 0 && text(ep, 0x10, 5) === '_DMI_';
    table = dv.getUint32(0x18, true);
    length = dv.getUint16(0x16, true);
  }
  const t = wire.readBytes(table, Math.min(length, MAX_TABLE));
  let structures = 0;
  let system: SmbiosInfo['system'];
  for (let o = 0; o + 4 <= t.length && t[o + 1]! >= 4;) {
    const { strings, next } = stringsOf(t, o);
    structures++;
    if (t[o] === 1 && t[o + 1]! >= 0x19 && !system) {
      const s = (i: number): string => strings[t[o + i]! - 1] ?? '';
      const u = t.subarray(o + 8, o + 24);
      const uuid = `${hex2(u, [3, 2, 1, 0])}-${hex2(u, [5, 4])}-${hex2(u, [7, 6])}-${hex2(u, [8, 9])}-${hex2(u, [10, 11, 12, 13, 14, 15])}`;
      system = { manufacturer: s(4), product: s(5), version: s(6), serial: s(7), uuid };
    }
    if (t[o] === 127) break;
    o = next;
  }
  return { entryPoint: found.addr, version, checksumOk, table, length, structures, system };
}

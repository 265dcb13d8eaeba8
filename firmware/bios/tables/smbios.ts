/**
 * SMBIOS from fw_cfg as SeaBIOS 1.16.2 installs it (src/fw/biostables.c): etc/smbios/smbios-anchor
 * is a 2.1 (`_SM_`, 31 bytes) or 3.0 (`_SM3_`, 24 bytes) entry point whose table length must equal
 * the size of etc/smbios/smbios-tables; without a type 0 in the tables the firmware puts its own in
 * front (SMBIOS 3.x §7.1); the tables go to the F-segment up to 600 bytes (BUILD_MAX_SMBIOS_FSEG),
 * to ZoneHigh beyond; the entry point gets the address, length, count and checksums and is copied
 * into the F-segment. Entry point layouts: SMBIOS 3.x §5.2.1 and §5.2.2.
 */
import type { FwCfg } from '../../drivers/fw-cfg.js';
import { copyToFseg, fixChecksum } from './fseg-copy.js';
import type { TableSink } from './fseg-copy.js';

export const SMBIOS_ANCHOR_FILE = 'etc/smbios/smbios-anchor';
export const SMBIOS_TABLES_FILE = 'etc/smbios/smbios-tables';
const EP21_SIZE = 31;
const EP30_SIZE = 24;
const MAX_FSEG_TABLES = 600;
const TYPE0_FORMATTED = 0x18;

/** What the BIOS says about itself in its type 0 (SeaBIOS: "SeaBIOS", its VERSION, 04/01/2014). */
export interface BiosIdentity {
  readonly vendor: string;
  readonly version: string;
  readonly date: string;
}

export interface SmbiosPlacement {
  readonly entryPoint: number;
  readonly tables: number;
  readonly length: number;
  readonly version: '2.1' | '3.0';
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0) & 0xff);

/** Offsets of the structures in `t`, walking the formatted areas and the string sets (a truncated last one ends the walk). */
export function smbiosStructures(t: Uint8Array): number[] {
  const out: number[] = [];
  let o = 0;
  while (o + 4 < t.length && o + t[o + 1]! < t.length) {
    out.push(o);
    let p = o + t[o + 1]! + 2;
    while (p < t.length && (t[p - 1] !== 0 || t[p - 2] !== 0)) p++;
    o = p;
  }
  return out;
}

/** The firmware's type 0: vendor, version and date strings, BIOS segment 0xE800, "BIOS characteristics not supported", TCD. */
export function biosType0(id: BiosIdentity): Uint8Array {
  const f = new Array<number>(TYPE0_FORMATTED).fill(0);
  f[1] = TYPE0_FORMATTED;
  f[4] = 1; f[5] = 2; f[6] = 0x00; f[7] = 0xe8; f[8] = 3;
  f[10] = 0x08;
  f[19] = 0x04;
  f[22] = 0xff; f[23] = 0xff;
  return new Uint8Array([...f, ...ascii(id.vendor), 0, ...ascii(id.version), 0, ...ascii(id.date), 0, 0]);
}

/** Install SMBIOS; logs and returns undefined when fw_cfg has no usable anchor. */
export function installSmbios(sink: TableSink, fwcfg: FwCfg, id: BiosIdentity): SmbiosPlacement | undefined {
  const fa = fwcfg.find(SMBIOS_ANCHOR_FILE);
  const ft = fwcfg.find(SMBIOS_TABLES_FILE);
  if (!fa || !ft || fa.size > EP21_SIZE) return undefined;
  const ep = fwcfg.read(fa.select, fa.size);
  const dv = new DataView(ep.buffer, ep.byteOffset, ep.byteLength);
  const sig = String.fromCharCode(...ep.subarray(0, 5));
  const v21 = fa.size === EP21_SIZE && sig.startsWith('_SM_');
  const v30 = fa.size === EP30_SIZE && sig === '_SM3_';
  if (!v21 && !v30) {
    sink.log(`Invalid SMBIOS signature at ${SMBIOS_ANCHOR_FILE}`);
    return undefined;
  }
  const declared = v21 ? dv.getUint16(0x16, true) : dv.getUint32(0x0c, true);
  if (declared !== ft.size) return undefined;
  const qtables = fwcfg.read(ft.select, ft.size);
  const hasType0 = smbiosStructures(qtables).some((o) => qtables[o] === 0);
  let type0: Uint8Array = new Uint8Array(0);
  if (!hasType0) {
    const t0 = biosType0(id);
    if (t0.length > 0xffff - ft.size) {
      sink.log(`Insufficient space (${0xffff - ft.size} bytes) to add SMBIOS type 0 table (${t0.length} bytes)`);
    } else type0 = t0;
  }
  const length = ft.size + type0.length;
  const zone = length > MAX_FSEG_TABLES ? sink.high : sink.fseg;
  const addr = zone.alloc(length, 16);
  if (addr === undefined) {
    sink.log('WARNING - Unable to allocate resource for SMBIOS tables!');
    return undefined;
  }
  const tables = new Uint8Array(length);
  tables.set(type0, 0);
  tables.set(qtables, type0.length);
  sink.wire.writeBytes(addr, tables);
  if (v21) {
    if (type0.length) {
      dv.setUint16(0x08, Math.max(dv.getUint16(0x08, true), type0.length), true);
      dv.setUint16(0x1c, dv.getUint16(0x1c, true) + 1, true);
    }
    dv.setUint32(0x18, addr, true);
    dv.setUint16(0x16, length, true);
    // Checksums of the 16-byte head and of the intermediate (_DMI_) part up to the entry point's length.
    fixChecksum(ep, 0x04, 0, 0x10);
    fixChecksum(ep, 0x15, 0x10, ep[5]!);
  } else {
    dv.setBigUint64(0x10, BigInt(addr), true);
    dv.setUint32(0x0c, length, true);
    fixChecksum(ep, 0x05, 0, EP30_SIZE);
  }
  const at = copyToFseg(sink, v21 ? 'SMBIOS' : 'SMBIOS 3.0', ep.subarray(0, v21 ? ep[5]! : ep[6]!));
  if (at === undefined) return undefined;
  return { entryPoint: at, tables: addr, length, version: v21 ? '2.1' : '3.0' };
}

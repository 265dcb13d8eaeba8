/**
 * SMBIOS as OVMF edk2-stable202211 installs it from fw_cfg (decision 0053):
 * - DetectSmbiosVersionLib accepts QEMU's anchor only when it is a 2.x `_SM_`/`_DMI_` (31 bytes) or
 *   a 3.x `_SM3_` (24 bytes) one whose table length equals the size of etc/smbios/smbios-tables;
 *   it sets the SMBIOS version (and the 3.x DocRev) from it. Otherwise nothing is installed.
 * - SmbiosPlatformDxe adds QEMU's structures in order, keeping their handles, up to the first
 *   type 127; without a type 0 it adds OVMF's own (handle: the lowest one free, from 0).
 * - SmbiosDxe builds the table: the structures in the order added, then an end-of-table (type 127)
 *   with handle 0xFEFF; a 32-bit (`_SM_`) entry point always, a 64-bit (`_SM3_`) one as well from
 *   version 3.0 (PcdSmbiosEntryPointProvideMethod = both). Each entry point takes a page, each table
 *   copy its own pages, allocated top-down below 4 GiB in that order: EP32, table, EP64, table
 *   (EfiRuntimeServicesData: e820 reserved). Both are published as EFI configuration tables.
 * Layouts: SMBIOS 3.x §5.2.1 (32-bit) and §5.2.2 (64-bit entry point).
 */
import type { FwCfg } from '../drivers/fw-cfg.js';
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { E820_RESERVED } from '../../src/spec/e820.js';
import type { Zone } from '../memory/zone.js';
import { fixChecksum } from '../bios/tables/fseg-copy.js';
import { SMBIOS_ANCHOR_FILE, SMBIOS_TABLES_FILE, smbiosStructures } from '../bios/tables/smbios.js';

const PAGE = 4096;
const EP21_SIZE = 0x1f;
const EP30_SIZE = 0x18;
const END_OF_TABLE_HANDLE = 0xfeff;
const END_OF_TABLE = new Uint8Array([127, 4, END_OF_TABLE_HANDLE & 0xff, END_OF_TABLE_HANDLE >> 8, 0, 0]);

/** OvmfPkg/SmbiosPlatformDxe's default type 0: its strings, BIOS segment 0xE800, "characteristics not supported", ext. byte 2 = 1Ch. */
const OVMF_TYPE0_STRINGS = ['EFI Development Kit II / OVMF', '0.0.0', '02/06/2015'];
function ovmfType0(handle: number): Uint8Array {
  const f = new Uint8Array(0x1a);
  f[0] = 0; f[1] = 0x1a; f[2] = handle & 0xff; f[3] = handle >> 8;
  f[4] = 1; f[5] = 2; f[6] = 0x00; f[7] = 0xe8; f[8] = 3;
  f[10] = 0x08;
  f[19] = 0x1c;
  f[22] = 0xff; f[23] = 0xff;
  const strings = OVMF_TYPE0_STRINGS.flatMap((s) => [...[...s].map((c) => c.charCodeAt(0)), 0]);
  return new Uint8Array([...f, ...strings, 0]);
}

export interface OvmfSmbios {
  /** The SMBIOS (32-bit) and SMBIOS3 (64-bit) configuration tables' entry points (0 = none). */
  readonly entryPoint32: number;
  readonly entryPoint64: number;
  readonly regions: readonly { readonly addr: number; readonly size: number; readonly type: number }[];
}

/** The structures to install (QEMU's up to type 127, OVMF's type 0 when missing), each a copy. */
export function ovmfStructures(tables: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const offsets = smbiosStructures(tables);
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i]!;
    if (tables[o] === 127) break;
    out.push(tables.slice(o, offsets[i + 1] ?? tables.length));
  }
  if (!out.some((s) => s[0] === 0)) {
    const used = new Set(out.map((s) => s[2]! | (s[3]! << 8)));
    let handle = 0;
    while (used.has(handle)) handle++;
    out.push(ovmfType0(handle));
  }
  return out;
}

export function installOvmfSmbios(wire: CpuWire, fwcfg: FwCfg, high: Zone, log: (l: string) => void): OvmfSmbios {
  const none: OvmfSmbios = { entryPoint32: 0, entryPoint64: 0, regions: [] };
  const fa = fwcfg.find(SMBIOS_ANCHOR_FILE);
  const ft = fwcfg.find(SMBIOS_TABLES_FILE);
  if (!fa || !ft || ft.size === 0 || (fa.size !== EP21_SIZE && fa.size !== EP30_SIZE)) return none;
  const anchor = fwcfg.read(fa.select, fa.size);
  const adv = new DataView(anchor.buffer, anchor.byteOffset, anchor.byteLength);
  const text = (o: number, n: number): string => String.fromCharCode(...anchor.subarray(o, o + n));
  let major: number;
  let minor: number;
  let docRev = 0;
  if (fa.size === EP21_SIZE) {
    if (anchor[6] !== 2 || adv.getUint16(0x16, true) !== ft.size || text(0, 4) !== '_SM_' || text(0x10, 5) !== '_DMI_') return none;
    [major, minor] = [anchor[6]!, anchor[7]!];
  } else {
    if (anchor[7] !== 3 || adv.getUint32(0x0c, true) !== ft.size || text(0, 5) !== '_SM3_') return none;
    [major, minor, docRev] = [anchor[7]!, anchor[8]!, anchor[9]!];
  }
  const structures = [...ovmfStructures(fwcfg.read(ft.select, ft.size)), END_OF_TABLE];
  const table = new Uint8Array(structures.reduce((n, s) => n + s.length, 0));
  structures.reduce((o, s) => (table.set(s, o), o + s.length), 0);
  const maxStructure = Math.max(...structures.map((s) => s.length));

  const regions: { addr: number; size: number; type: number }[] = [];
  const pages = (size: number): number | undefined => {
    const len = Math.ceil(size / PAGE) * PAGE;
    const addr = high.alloc(len, PAGE);
    if (addr !== undefined) regions.push({ addr, size: len, type: E820_RESERVED });
    return addr;
  };
  const hx = (v: number): string => '0x' + v.toString(16);

  const ep32 = pages(EP21_SIZE);
  const t32 = pages(table.length);
  if (ep32 === undefined || t32 === undefined) return { ...none, regions };
  const ep = new Uint8Array(EP21_SIZE);
  const dv = new DataView(ep.buffer);
  ep.set([0x5f, 0x53, 0x4d, 0x5f], 0);
  ep[5] = EP21_SIZE; ep[6] = major; ep[7] = minor;
  dv.setUint16(0x08, maxStructure, true);
  ep.set([0x5f, 0x44, 0x4d, 0x49, 0x5f], 0x10);
  dv.setUint16(0x16, table.length, true);
  dv.setUint32(0x18, t32, true);
  dv.setUint16(0x1c, structures.length, true);
  ep[0x1e] = major < 10 && minor < 10 ? (major << 4) | minor : 0;
  fixChecksum(ep, 0x15, 0x10, EP21_SIZE);
  fixChecksum(ep, 0x04, 0, EP21_SIZE);
  wire.writeBytes(t32, table);
  wire.writeBytes(ep32, ep);
  log(`OVMF: SMBIOS ${major}.${minor} entry point at ${hx(ep32)}, table at ${hx(t32)} (${table.length} bytes, ${structures.length} structures)`);
  if (major < 3) return { entryPoint32: ep32, entryPoint64: 0, regions };

  const ep64 = pages(EP30_SIZE);
  const t64 = pages(table.length);
  if (ep64 === undefined || t64 === undefined) return { entryPoint32: ep32, entryPoint64: 0, regions };
  const e3 = new Uint8Array(EP30_SIZE);
  const d3 = new DataView(e3.buffer);
  e3.set([0x5f, 0x53, 0x4d, 0x33, 0x5f], 0);
  e3[6] = EP30_SIZE; e3[7] = major; e3[8] = minor; e3[9] = docRev; e3[10] = 1;
  d3.setUint32(0x0c, table.length, true);
  d3.setBigUint64(0x10, BigInt(t64), true);
  fixChecksum(e3, 0x05, 0, EP30_SIZE);
  wire.writeBytes(t64, table);
  wire.writeBytes(ep64, e3);
  log(`OVMF: SMBIOS3 entry point at ${hx(ep64)}, table at ${hx(t64)}`);
  return { entryPoint32: ep32, entryPoint64: ep64, regions };
}

/**
 * OVMF's way of installing the loader's tables (seabios-ovmf.md §4.6, §7): every detected
 * table is copied (AcpiTableDxe), one page each, checksums recomputed; the FADT is re-pointed
 * at the copies of FACS and DSDT; a new RSDT and XSDT list the rest in install order; a
 * revision-2 RSDP carries the FADT's OEM ID. Blobs that only held tables are freed.
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { E820_ACPI, E820_NVS, E820_RAM } from '../../src/spec/e820.js';
import type { LoaderResult } from '../loader/execute.js';
import type { LoaderHost } from '../loader/host.js';
import type { Zone } from '../memory/zone.js';
import { sum8 } from '../loader/tables.js';

const PAGE = 4096;
/** AcpiTableDxe's creator fields as OVMF builds them (observed in ovmf/acpi-installed/rsdt.dat). */
const CREATOR_ID = '    ';
const CREATOR_REVISION = 0x01000013;
const FOUR_GIB = 2 ** 32;

export interface OvmfInstall {
  readonly rsdp: number | undefined;
  /** The installed FACS copy (the one the FADT points at). */
  readonly facs?: number;
  readonly regions: readonly { readonly addr: number; readonly size: number; readonly type: number }[];
}

function setChecksum(b: Uint8Array, at: number, length = b.length): void {
  b[at] = 0;
  b[at] = (0x100 - sum8(b.subarray(0, length))) & 0xff;
}

export function installOvmfTables(wire: CpuWire, r: LoaderResult, host: LoaderHost, high: Zone, log: (l: string) => void): OvmfInstall {
  const regions: { addr: number; size: number; type: number }[] = [];
  const pages = (size: number, type: number): number | undefined => {
    const len = Math.ceil(size / PAGE) * PAGE;
    const addr = high.alloc(len, PAGE);
    if (addr !== undefined) {
      regions.push({ addr, size: len, type });
      wire.writeBytes(addr, new Uint8Array(len));
    }
    return addr;
  };
  const head = pages(PAGE, E820_ACPI);
  if (head === undefined) return { rsdp: undefined, regions };
  const copies = new Map<number, number>();
  const installed: { sig: string; addr: number }[] = [];
  for (const t of r.tables) {
    if (copies.has(t.addr)) continue;
    const addr = pages(t.length, t.signature === 'FACS' ? E820_NVS : E820_ACPI);
    if (addr === undefined) return { rsdp: undefined, regions };
    const bytes = host.readBytes(t.addr, t.length);
    if (t.signature !== 'FACS') setChecksum(bytes, 9);
    wire.writeBytes(addr, bytes);
    copies.set(t.addr, addr);
    installed.push({ sig: t.signature, addr });
    log(`OVMF: installed ${t.signature} at 0x${addr.toString(16)} (${t.length} bytes)`);
  }
  const facs = installed.find((t) => t.sig === 'FACS');
  const dsdt = installed.find((t) => t.sig === 'DSDT');
  const fadt = installed.find((t) => t.sig === 'FACP');
  const oem = new Uint8Array(18);
  if (fadt) {
    const len = wire.read32(fadt.addr + 4);
    const b = wire.readBytes(fadt.addr, len);
    const dv = new DataView(b.buffer);
    if (facs) {
      dv.setUint32(36, facs.addr < FOUR_GIB ? facs.addr : 0, true);
      if (len >= 140) dv.setBigUint64(132, facs.addr < FOUR_GIB ? 0n : BigInt(facs.addr), true);
    }
    if (dsdt) {
      dv.setUint32(40, dsdt.addr < FOUR_GIB ? dsdt.addr : 0, true);
      if (len >= 148) dv.setBigUint64(140, BigInt(dsdt.addr), true);
    }
    setChecksum(b, 9);
    wire.writeBytes(fadt.addr, b);
    oem.set(b.subarray(10, 28));
  } else oem.set(new TextEncoder().encode('INTEL '));
  const listed = installed.filter((t) => t.sig !== 'FACS' && t.sig !== 'DSDT');
  const sdt = (sig: string, entry: 4 | 8): Uint8Array => {
    const b = new Uint8Array(36 + entry * listed.length);
    const dv = new DataView(b.buffer);
    b.set(new TextEncoder().encode(sig), 0);
    dv.setUint32(4, b.length, true);
    b[8] = 1;
    b.set(oem, 10);
    b.set(new TextEncoder().encode(CREATOR_ID), 28);
    dv.setUint32(32, CREATOR_REVISION, true);
    listed.forEach((t, i) => {
      if (entry === 4) dv.setUint32(36 + 4 * i, t.addr, true);
      else dv.setBigUint64(36 + 8 * i, BigInt(t.addr), true);
    });
    setChecksum(b, 9);
    return b;
  };
  const rsdpAddr = head;
  const rsdtAddr = head + 0x40;
  const rsdt = sdt('RSDT', 4);
  const xsdtAddr = rsdtAddr + Math.ceil(rsdt.length / 16) * 16;
  const xsdt = sdt('XSDT', 8);
  const rsdp = new Uint8Array(36);
  const dv = new DataView(rsdp.buffer);
  rsdp.set(new TextEncoder().encode('RSD PTR '), 0);
  rsdp.set(oem.subarray(0, 6), 9);
  rsdp[15] = 2;
  dv.setUint32(16, rsdtAddr, true);
  dv.setUint32(20, 36, true);
  dv.setBigUint64(24, BigInt(xsdtAddr), true);
  setChecksum(rsdp, 8, 20);
  setChecksum(rsdp, 32, 36);
  wire.writeBytes(rsdpAddr, rsdp);
  wire.writeBytes(rsdtAddr, rsdt);
  wire.writeBytes(xsdtAddr, xsdt);
  log(`OVMF: RSDP (rev 2) at 0x${rsdpAddr.toString(16)}, RSDT 0x${rsdtAddr.toString(16)}, XSDT 0x${xsdtAddr.toString(16)}, ${listed.length} entries`);
  // Blobs that only hosted tables are freed (AcpiTableDxe has copies); opaque ones stay, as NVS.
  for (const b of r.blobs) {
    if (b.permanent) {
      regions.push({ addr: b.addr, size: Math.ceil(b.size / PAGE) * PAGE, type: E820_NVS });
      continue;
    }
    host.writeBytes(b.addr, new Uint8Array(b.size));
    host.free(b.addr, b.size);
    regions.push({ addr: b.addr, size: Math.ceil(b.size / PAGE) * PAGE, type: E820_RAM });
    log(`OVMF: freed ${b.name}`);
  }
  return { rsdp: rsdpAddr, regions, ...(facs ? { facs: facs.addr } : {}) };
}

import { setLe16, setLe32, setLe64 } from '../../lib/bytes.js';
import { swapGuidFields, parseGuid } from '../../lib/guid.js';
import { E820_RAM } from '../../spec/e820.js';
import type { E820Entry } from '../../spec/e820.js';
import { GiB, KiB, MiB } from '../../lib/size.js';

/**
 * The SMBIOS 2.8 structures a QEMU 7.2 pc/q35 machine hands the firmware by default
 * (etc/smbios/smbios-tables + the 31-byte `_SM_` anchor), written from the SMBIOS 3.x
 * spec's layouts and the values QEMU shows: types 1, 3, 4 (per socket), 16, 17 (16 GiB
 * per DIMM), 19 (per e820 RAM range), 32 and 127. Type 0 is the firmware's. Checksums
 * and the table address are left 0 for the firmware to fill in, as QEMU does.
 */
export interface SmbiosInput {
  readonly manufacturer: string;
  /** Machine description ("Standard PC (Q35 + ICH9, 2009)"). */
  readonly product: string;
  /** Versioned machine type ("pc-q35-7.2"). */
  readonly version: string;
  readonly uuid: string | undefined;
  readonly ramSize: number;
  /** One type 4 per socket, with the cores (× dies) and threads of a socket. */
  readonly sockets: number;
  readonly coresPerSocket: number;
  readonly threadsPerSocket: number;
  /** CPUID leaf 1 EAX and EDX of the CPU model (qemu64: 0x00060fb1, 0x078bfbfd). */
  readonly cpuSignature: number;
  readonly cpuFeatures: number;
  readonly e820: readonly E820Entry[];
}

export interface SmbiosBlobs {
  readonly anchor: Uint8Array;
  readonly tables: Uint8Array;
}

/** SMBIOS 3.x §7.18 note: QEMU splits RAM into DIMMs of at most 16 GiB. */
const MAX_DIMM_SIZE = 16 * GiB;
const HANDLE_TYPE = (type: number, i: number) => type * 0x100 + i;
const UNKNOWN_HANDLE = 0xfffe;
const NO_HANDLE = 0xffff;

class StructWriter {
  readonly parts: Uint8Array[] = [];
  count = 0;
  maxSize = 0;

  add(type: number, handle: number, formatted: number[], strings: string[]): void {
    const len = 4 + formatted.length;
    const strBytes: number[] = [];
    for (const s of strings) {
      for (let i = 0; i < s.length; i++) strBytes.push(s.charCodeAt(i) & 0xff);
      strBytes.push(0);
    }
    if (strings.length === 0) strBytes.push(0);
    strBytes.push(0);
    const out = new Uint8Array(len + strBytes.length);
    out[0] = type;
    out[1] = len;
    setLe16(out, 2, handle);
    out.set(formatted, 4);
    out.set(strBytes, len);
    this.parts.push(out);
    this.count++;
    this.maxSize = Math.max(this.maxSize, out.length);
  }

  concat(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of this.parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}

const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const u64 = (v: number): number[] => {
  const b = new Uint8Array(8);
  setLe64(b, 0, v);
  return [...b];
};

export function buildSmbios(input: SmbiosInput): SmbiosBlobs {
  const w = new StructWriter();
  // Type 1, System Information: strings manufacturer, product, version; wake-up type 6 (power switch).
  const uuid = input.uuid ? [...swapGuidFields(parseGuid(input.uuid))] : new Array<number>(16).fill(0);
  w.add(1, HANDLE_TYPE(1, 0), [1, 2, 3, 0, ...uuid, 0x06, 0, 0], [input.manufacturer, input.product, input.version]);
  // Type 3, Chassis: type 1 (other), states "safe", security unknown (2).
  w.add(3, HANDLE_TYPE(3, 0), [1, 0x01, 2, 0, 0, 3, 3, 3, 2, ...u32(0), 0, 0, 0, 0, 0], [input.manufacturer, input.version]);
  // Type 4, Processor, one per socket: central processor, family "other", 2000 MHz, populated+enabled.
  const cores = Math.min(input.coresPerSocket, 0xff);
  const threads = Math.min(input.threadsPerSocket, 0xff);
  for (let i = 0; i < input.sockets; i++) {
    w.add(4, HANDLE_TYPE(4, i), [
      1, 0x03, 0x01, 2, ...u32(input.cpuSignature), ...u32(input.cpuFeatures), 3, 0, ...u16(0), ...u16(2000), ...u16(2000),
      0x41, 0x01, ...u16(NO_HANDLE), ...u16(NO_HANDLE), ...u16(NO_HANDLE), 0, 0, 0, cores, cores, threads, ...u16(0x0002), ...u16(0x0001),
    ], [`CPU ${i}`, input.manufacturer, input.version]);
  }
  // Type 16, Physical Memory Array: system memory, multi-bit ECC, capacity in KiB.
  const dimms = Math.max(1, Math.ceil(input.ramSize / MAX_DIMM_SIZE));
  const capKiB = input.ramSize / KiB;
  const capField = capKiB < 0x80000000 ? capKiB : 0x80000000;
  w.add(16, HANDLE_TYPE(16, 0), [0x01, 0x03, 0x06, ...u32(capField), ...u16(UNKNOWN_HANDLE), ...u16(dimms),
    ...u64(capKiB < 0x80000000 ? 0 : input.ramSize)], []);
  // Type 17, Memory Device, one per DIMM: size in MiB (0x7fff + extended size when larger), DIMM, RAM.
  for (let i = 0; i < dimms; i++) {
    const size = Math.min(MAX_DIMM_SIZE, input.ramSize - i * MAX_DIMM_SIZE);
    const mib = size / MiB;
    const sizeField = mib < 0x7fff ? mib : 0x7fff;
    w.add(17, HANDLE_TYPE(17, i), [
      ...u16(HANDLE_TYPE(16, 0)), ...u16(UNKNOWN_HANDLE), ...u16(0xffff), ...u16(0xffff), ...u16(sizeField), 0x09, 0, 1, 0,
      0x07, ...u16(0x0002), ...u16(0), 2, 0, 0, 0, 0, ...u32(mib < 0x7fff ? 0 : mib), ...u16(0), ...u16(0), ...u16(0), ...u16(0),
    ], [`DIMM ${i}`, input.manufacturer]);
  }
  // Type 19, Memory Array Mapped Address, one per e820 RAM range (KiB; extended fields past 4 TiB).
  input.e820.filter((e) => e.type === E820_RAM).forEach((e, i) => {
    const startK = e.address / KiB;
    const endK = (e.address + e.length) / KiB - 1;
    const fits = endK < 0xffffffff;
    w.add(19, HANDLE_TYPE(19, i), [
      ...u32(fits ? startK : 0xffffffff), ...u32(fits ? endK : 0xffffffff), ...u16(HANDLE_TYPE(16, 0)), 1,
      ...u64(fits ? 0 : e.address), ...u64(fits ? 0 : e.address + e.length - 1),
    ], []);
  });
  // Type 32, System Boot Information: no errors. Type 127: end of table.
  w.add(32, HANDLE_TYPE(32, 0), [0, 0, 0, 0, 0, 0, 0], []);
  w.add(127, HANDLE_TYPE(127, 0), [], []);
  const tables = w.concat();

  // The 2.1-style entry point, version 2.8 (SMBIOS 3.x §5.2.1).
  const anchor = new Uint8Array(0x1f);
  anchor.set([0x5f, 0x53, 0x4d, 0x5f], 0);
  anchor[5] = 0x1f;
  anchor[6] = 2;
  anchor[7] = 8;
  setLe16(anchor, 8, w.maxSize);
  anchor.set([0x5f, 0x44, 0x4d, 0x49, 0x5f], 0x10);
  setLe16(anchor, 0x16, tables.length);
  setLe32(anchor, 0x18, 0);
  setLe16(anchor, 0x1c, w.count);
  anchor[0x1e] = 0x28;
  return { anchor, tables };
}

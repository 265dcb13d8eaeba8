import { setLe16, setLe32, setLe64 } from '../../lib/bytes.js';
import { swapGuidFields, parseGuid } from '../../lib/guid.js';
import { E820_RAM } from '../../spec/e820.js';
import type { E820Entry } from '../../spec/e820.js';
import { GiB, KiB, MiB } from '../../lib/size.js';
import { UsageError } from '../../lib/errors.js';
import { parseRelease } from '../options/smbios-opts.js';
import type { SmbiosOptions } from '../options/smbios-opts.js';

/**
 * The SMBIOS 2.8 structures a QEMU 7.2 pc/q35 machine hands the firmware by default
 * (etc/smbios/smbios-tables + the 31-byte `_SM_` anchor), written from the SMBIOS 3.x
 * spec's layouts and the values QEMU shows: types 1, 3, 4 (per socket), 16, 17 (16 GiB
 * per DIMM), 19 (per e820 RAM range), 32 and 127; type 0, 2 and 11 when -smbios gives them
 * fields, file= blobs first and instead of the type they carry. Type 0 is otherwise the
 * firmware's. Checksums and the table address are left 0 for the firmware to fill in, as QEMU does.
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
  /** -smbios fields, type 11 strings and file= blobs. */
  readonly options: SmbiosOptions;
  /** smbios-entry-point-type=64: the 3.0 entry point (and the longer type 4 of SMBIOS 3.0). */
  readonly entryPoint64: boolean;
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

/** The string field holding the structure's i-th string (0-based in the `strings` list). */
interface StringRef { readonly i: number }
const str = (i: number): StringRef => ({ i });

class StructWriter {
  readonly parts: Uint8Array[] = [];
  count = 0;
  maxSize = 0;

  /** A structure whose string fields hold `str(...)` indexes: absent or empty strings are index 0 and take no space. */
  add(type: number, handle: number, formatted: (number | StringRef)[], strings: (string | undefined)[] = []): void {
    const len = 4 + formatted.length;
    const strBytes: number[] = [];
    const index = new Map<number, number>();
    let n = 0;
    strings.forEach((s, i) => {
      if (!s) return;
      index.set(i, ++n);
      for (let c = 0; c < s.length; c++) strBytes.push(s.charCodeAt(c) & 0xff);
      strBytes.push(0);
    });
    if (n === 0) strBytes.push(0);
    strBytes.push(0);
    const out = new Uint8Array(len + strBytes.length);
    out[0] = type;
    out[1] = len;
    setLe16(out, 2, handle);
    out.set(formatted.map((f) => (typeof f === 'number' ? f : index.get(f.i) ?? 0)), 4);
    out.set(strBytes, len);
    this.parts.push(out);
    this.count++;
    this.maxSize = Math.max(this.maxSize, out.length);
  }

  /** A file= blob as given (QEMU counts it and its size like a structure it built). */
  addBlob(blob: Uint8Array): void {
    this.parts.push(blob);
    this.count++;
    this.maxSize = Math.max(this.maxSize, blob.length);
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
  const { options } = input;
  const w = new StructWriter();
  const blobTypes = new Set(options.blobs.map((b) => b[0]!));
  const t4Blobs = options.blobs.filter((b) => b[0] === 4).length;
  if (t4Blobs && t4Blobs !== input.sockets) throw new UsageError(`Expected ${input.sockets} SMBIOS Type 4 tables, got ${t4Blobs} instead`);
  for (const b of options.blobs) w.addBlob(b);
  const f = (type: number, key: string): string | undefined => options.fields.get(type)?.get(key);
  /** QEMU builds a type unless a blob carries it; the optional ones (0, 2) only with fields given. */
  const wanted = (type: number, required: boolean): boolean => !blobTypes.has(type) && (required || options.fields.has(type));
  const m = input.manufacturer;

  if (wanted(0, false)) {
    // Type 0, BIOS Information: segment 0xE800 and ROM size 0 as SeaBIOS has them, characteristics "not supported",
    // extension byte 2: targeted content distribution + VM (+ UEFI).
    const release = f(0, 'release') !== undefined ? parseRelease(f(0, 'release')!) : undefined;
    const uefi = ['on', 'yes', 'true'].includes(f(0, 'uefi') ?? 'off');
    w.add(0, HANDLE_TYPE(0, 0), [str(0), str(1), ...u16(0xe800), str(2), 0, ...u64(0x08), 0, 0x14 | (uefi ? 0x08 : 0),
      release?.[0] ?? 0, release?.[1] ?? 0, 0xff, 0xff], [f(0, 'vendor'), f(0, 'version'), f(0, 'date')]);
  }
  if (wanted(1, true)) {
    // Type 1, System Information: UUID in SMBIOS 2.6 wire order, wake-up type 6 (power switch).
    const uuid = input.uuid ? [...swapGuidFields(parseGuid(input.uuid))] : new Array<number>(16).fill(0);
    w.add(1, HANDLE_TYPE(1, 0), [str(0), str(1), str(2), str(3), ...uuid, 0x06, str(4), str(5)],
      [f(1, 'manufacturer') ?? m, f(1, 'product') ?? input.product, f(1, 'version') ?? input.version, f(1, 'serial'), f(1, 'sku'), f(1, 'family')]);
  }
  if (wanted(2, false)) {
    // Type 2, Baseboard: hosting board, in chassis handle 0x300, type motherboard (0x0A), nothing contained.
    w.add(2, HANDLE_TYPE(2, 0), [str(0), str(1), str(2), str(3), str(4), 0x01, str(5), ...u16(HANDLE_TYPE(3, 0)), 0x0a, 0],
      [f(2, 'manufacturer') ?? m, f(2, 'product') ?? input.product, f(2, 'version') ?? input.version, f(2, 'serial'), f(2, 'asset'), f(2, 'location')]);
  }
  if (wanted(3, true)) {
    // Type 3, Chassis: type 1 (other), states "safe", security unknown (2).
    w.add(3, HANDLE_TYPE(3, 0), [str(0), 0x01, str(1), str(2), str(3), 3, 3, 3, 2, ...u32(0), 0, 0, 0, 0, str(4)],
      [f(3, 'manufacturer') ?? m, f(3, 'version') ?? input.version, f(3, 'serial'), f(3, 'asset'), f(3, 'sku')]);
  }
  if (wanted(4, true)) {
    // Type 4, Processor, one per socket: central processor, family "other", 2000 MHz, populated+enabled;
    // with the 3.0 entry point also Core Count 2, Core Enabled 2, Thread Count 2 (SMBIOS 3.x §7.5).
    const cores = Math.min(input.coresPerSocket, 0xff);
    const threads = Math.min(input.threadsPerSocket, 0xff);
    const v30 = input.entryPoint64 ? [...u16(input.coresPerSocket), ...u16(input.coresPerSocket), ...u16(input.threadsPerSocket)] : [];
    for (let i = 0; i < input.sockets; i++) {
      w.add(4, HANDLE_TYPE(4, i), [
        str(0), 0x03, 0x01, str(1), ...u32(input.cpuSignature), ...u32(input.cpuFeatures), str(2), 0, ...u16(0), ...u16(2000), ...u16(2000),
        0x41, 0x01, ...u16(NO_HANDLE), ...u16(NO_HANDLE), ...u16(NO_HANDLE), str(3), str(4), str(5), cores, cores, threads, ...u16(0x0002), ...u16(0x0001),
        ...v30,
      ], [`${f(4, 'sock_pfx') ?? 'CPU'}${i.toString(16).padStart(2, ' ')}`, f(4, 'manufacturer') ?? m, f(4, 'version') ?? input.version,
        f(4, 'serial'), f(4, 'asset'), f(4, 'part')]);
    }
  }
  if (!blobTypes.has(11) && options.oemStrings.length > 0) {
    // Type 11, OEM Strings (QEMU's handle 0xE00).
    w.add(11, 0xe00, [options.oemStrings.length], [...options.oemStrings]);
  }
  const dimms = Math.max(1, Math.ceil(input.ramSize / MAX_DIMM_SIZE));
  if (wanted(16, true)) {
    // Type 16, Physical Memory Array: system memory, multi-bit ECC, capacity in KiB.
    const capKiB = input.ramSize / KiB;
    const capField = capKiB < 0x80000000 ? capKiB : 0x80000000;
    w.add(16, HANDLE_TYPE(16, 0), [0x01, 0x03, 0x06, ...u32(capField), ...u16(UNKNOWN_HANDLE), ...u16(dimms),
      ...u64(capKiB < 0x80000000 ? 0 : input.ramSize)]);
  }
  if (wanted(17, true)) {
    // Type 17, Memory Device, one per DIMM: size in MiB (0x7fff + extended size when larger), DIMM, RAM.
    const speed = Number(f(17, 'speed') ?? 0) & 0xffff;
    for (let i = 0; i < dimms; i++) {
      const size = Math.min(MAX_DIMM_SIZE, input.ramSize - i * MAX_DIMM_SIZE);
      const mib = size / MiB;
      const sizeField = mib < 0x7fff ? mib : 0x7fff;
      w.add(17, HANDLE_TYPE(17, i), [
        ...u16(HANDLE_TYPE(16, 0)), ...u16(UNKNOWN_HANDLE), ...u16(0xffff), ...u16(0xffff), ...u16(sizeField), 0x09, 0, str(0), str(1),
        0x07, ...u16(0x0002), ...u16(speed), str(2), str(3), str(4), str(5), 0, ...u32(mib < 0x7fff ? 0 : mib), ...u16(speed), ...u16(0), ...u16(0), ...u16(0),
      ], [`${f(17, 'loc_pfx') ?? 'DIMM'} ${i}`, f(17, 'bank'), f(17, 'manufacturer') ?? m, f(17, 'serial'), f(17, 'asset'), f(17, 'part')]);
    }
  }
  if (wanted(19, true)) {
    // Type 19, Memory Array Mapped Address, one per e820 RAM range (KiB; extended fields past 4 TiB).
    input.e820.filter((e) => e.type === E820_RAM).forEach((e, i) => {
      const startK = e.address / KiB;
      const endK = (e.address + e.length) / KiB - 1;
      const fits = endK < 0xffffffff;
      w.add(19, HANDLE_TYPE(19, i), [
        ...u32(fits ? startK : 0xffffffff), ...u32(fits ? endK : 0xffffffff), ...u16(HANDLE_TYPE(16, 0)), 1,
        ...u64(fits ? 0 : e.address), ...u64(fits ? 0 : e.address + e.length - 1),
      ]);
    });
  }
  // Type 32, System Boot Information: no errors. Type 127: end of table.
  if (wanted(32, true)) w.add(32, HANDLE_TYPE(32, 0), [0, 0, 0, 0, 0, 0, 0]);
  if (wanted(127, true)) w.add(127, HANDLE_TYPE(127, 0), []);
  const tables = w.concat();
  return { anchor: input.entryPoint64 ? anchor30(tables.length) : anchor21(tables.length, w.maxSize, w.count), tables };
}

/** The 2.1-style entry point, version 2.8 (SMBIOS 3.x §5.2.1); checksums and address for the firmware. */
function anchor21(length: number, maxSize: number, count: number): Uint8Array {
  const a = new Uint8Array(0x1f);
  a.set([0x5f, 0x53, 0x4d, 0x5f], 0);
  a[5] = 0x1f;
  a[6] = 2;
  a[7] = 8;
  setLe16(a, 8, maxSize);
  a.set([0x5f, 0x44, 0x4d, 0x49, 0x5f], 0x10);
  setLe16(a, 0x16, length);
  setLe32(a, 0x18, 0);
  setLe16(a, 0x1c, count);
  a[0x1e] = 0x28;
  return a;
}

/** The 3.0 entry point (SMBIOS 3.x §5.2.2): version 3.0, revision 1, the tables' size as the maximum. */
function anchor30(length: number): Uint8Array {
  const a = new Uint8Array(0x18);
  a.set([0x5f, 0x53, 0x4d, 0x33, 0x5f], 0);
  a[6] = 0x18;
  a[7] = 3;
  a[8] = 0;
  a[10] = 1;
  setLe32(a, 0x0c, length);
  return a;
}

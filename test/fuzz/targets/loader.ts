/**
 * loader: a real `etc/table-loader` (every QEMU 7.2 capture in test/fixtures) with its 128-byte
 * entries edited field by field (command, names, offsets, sizes, zone, the NUL at byte 55) and as
 * raw bytes, run by the firmware's executor under a SeaBIOS, OVMF or strict policy against the
 * capture's own fw_cfg files. The host is a guard: every memory access and fw_cfg write must stay
 * inside a blob the executor allocated (and has not freed) or a file's bounds. Typed outcome: the
 * executor's findings.
 */
import fc from 'fast-check';
import { executeLoader } from '../../../firmware/loader/index.js';
import type { LoaderFile, LoaderHost, LoaderPolicy, LoaderZone } from '../../../firmware/loader/index.js';
import { Zone } from '../../../firmware/memory/zone.js';
import { LINKER_LOADER_FILE, LOADER_ENTRY_SIZE } from '../../../src/spec/linker-loader.js';
import { readFwCfgDir } from '../../../src/tools/fw-cfg-dir/fw-cfg-dir.js';
import { applyMutations, describeMutations, mutationArb } from '../mutate.js';
import type { Mutation } from '../mutate.js';
import { loaderCaptureDirs } from '../seeds.js';
import { OracleViolation } from '../target.js';
import type { FuzzCase, FuzzTarget } from '../target.js';

const HIGH_TOP = 0x10000000;
const FSEG: [number, number] = [0xe0000, 0x100000];

interface Seed {
  readonly name: string;
  readonly script: Uint8Array;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** A field edit of entry `entry`: `at` is a byte offset in the entry, `width` 1 or 4, or a name. */
type FieldEdit =
  | { readonly entry: number; readonly at: number; readonly width: 1 | 4; readonly value: number }
  | { readonly entry: number; readonly at: 4 | 60; readonly name: number | string }
  | { readonly entry: number; readonly copyTo: number };

export interface LoaderCase {
  readonly seed: number;
  readonly policy: LoaderPolicy;
  readonly edits: readonly FieldEdit[];
  readonly raw: readonly Mutation[];
  /** HIGH zone size in KiB (small: allocations fail). */
  readonly highKiB: number;
  readonly dma: boolean;
}

const FIELD_OFFSETS = [0, 60, 64, 68, 116, 120, 124] as const;
const INTERESTING_U32 = [0, 1, 2, 3, 4, 7, 8, 16, 35, 36, 40, 55, 56, 0x7f, 0x80, 0xff, 0x1000, 0x1001, 0xffff, 0x10000,
  0x7fffffff, 0x80000000, 0xfffffff0, 0xfffffffe, 0xffffffff];

const editArb: fc.Arbitrary<FieldEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ entry: fc.nat(), at: fc.constantFrom(...FIELD_OFFSETS), width: fc.constant(4 as const), value: fc.oneof(fc.constantFrom(...INTERESTING_U32), fc.nat()) }) },
  { weight: 2, arbitrary: fc.record({ entry: fc.nat(), at: fc.constantFrom(64, 120, 124), width: fc.constant(1 as const), value: fc.constantFrom(0, 1, 2, 3, 4, 5, 8, 16, 0x80, 0xff) }) },
  { weight: 3, arbitrary: fc.record({ entry: fc.nat(), at: fc.constantFrom(4 as const, 60 as const), name: fc.oneof(fc.nat(), fc.constantFrom('', 'etc/nope', 'x'.repeat(55), 'y'.repeat(56), 'etc/acpi/tables\u0000junk')) }) },
  { weight: 1, arbitrary: fc.record({ entry: fc.nat(), copyTo: fc.nat() }) },
);

function u32le(b: Uint8Array, o: number, v: number): void {
  new DataView(b.buffer, b.byteOffset).setUint32(o, v >>> 0, true);
}

/** The script a case runs. Names given as numbers pick one of the capture's file names. */
export function buildScript(seed: Seed, c: LoaderCase): Uint8Array {
  let s: Uint8Array = seed.script.slice();
  const n = Math.max(1, Math.floor(s.length / LOADER_ENTRY_SIZE));
  const names = [...seed.files.keys()];
  for (const e of c.edits) {
    const base = (e.entry % n) * LOADER_ENTRY_SIZE;
    if (base + LOADER_ENTRY_SIZE > s.length) continue;
    if ('copyTo' in e) {
      const to = (e.copyTo % n) * LOADER_ENTRY_SIZE;
      s.copyWithin(to, base, base + LOADER_ENTRY_SIZE);
    } else if ('name' in e) {
      const text = typeof e.name === 'number' ? names[e.name % names.length]! : e.name;
      const field = new Uint8Array(56);
      for (let i = 0; i < Math.min(56, text.length); i++) field[i] = text.charCodeAt(i) & 0xff;
      s.set(field, base + e.at);
    } else if (e.width === 4) u32le(s, base + e.at, e.value);
    else s[base + e.at] = e.value;
  }
  if (c.raw.length) s = applyMutations(s, c.raw, []);
  return s;
}

/** A loader host that lets the executor touch only what it allocated, and files within their bounds. */
export function guardHost(files: ReadonlyMap<string, Uint8Array>, highBytes: number, dma: boolean): LoaderHost {
  const zones: Record<LoaderZone, Zone> = { HIGH: new Zone('high'), FSEG: new Zone('fseg') };
  zones.HIGH.addRange(HIGH_TOP - highBytes, HIGH_TOP);
  zones.FSEG.addRange(...FSEG);
  // Memory exists only inside live blobs: each blob is its own buffer.
  const live = new Map<number, { bytes: Uint8Array; zone: LoaderZone }>();
  const keys = new Map<number, string>();
  let key = 0x20;
  for (const name of files.keys()) keys.set(key++, name);
  const select = new Map([...keys].map(([k, n]) => [n, k]));
  const blobAt = (addr: number, len: number, what: string): Uint8Array => {
    for (const [a, b] of live) if (addr >= a && addr + len <= a + b.bytes.length) return b.bytes.subarray(addr - a, addr - a + len);
    throw new OracleViolation(`${what} of ${len} bytes at 0x${addr.toString(16)} is outside every allocated blob`);
  };
  const fileOf = (f: LoaderFile): Uint8Array => {
    const data = files.get(keys.get(f.key) ?? '');
    if (!data || data.length !== f.size) throw new OracleViolation(`file key 0x${f.key.toString(16)} (size ${f.size}) is not one the host gave`);
    return data;
  };
  return {
    findFile: (name) => {
      const data = files.get(name);
      return data ? { key: select.get(name)!, size: data.length } : undefined;
    },
    loadFile: (file, addr) => {
      const data = fileOf(file);
      blobAt(addr, data.length, 'loadFile').set(data);
      return data.length;
    },
    writeFile: (file, offset, data) => {
      const target = fileOf(file);
      if (offset + data.length > target.length) throw new OracleViolation(`writeFile ${offset}+${data.length} past the file's ${target.length} bytes`);
      return dma;
    },
    alloc: (zone, size, align) => {
      if (!Number.isSafeInteger(size) || size <= 0) throw new OracleViolation(`alloc of ${size} bytes`);
      const addr = zones[zone].alloc(size, align);
      if (addr !== undefined) live.set(addr, { bytes: new Uint8Array(size), zone });
      return addr;
    },
    free: (addr, size) => {
      const b = live.get(addr);
      if (!b || b.bytes.length !== size) throw new OracleViolation(`free(0x${addr.toString(16)}, ${size}) of no such blob`);
      live.delete(addr);
      zones[b.zone].freeBlock(addr);
    },
    readBytes: (addr, length) => blobAt(addr, length, 'readBytes').slice(),
    writeBytes: (addr, data) => blobAt(addr, data.length, 'writeBytes').set(data),
  };
}

export function loadSeeds(): Seed[] {
  return loaderCaptureDirs().map((dir) => {
    const files = readFwCfgDir(dir);
    const script = files.get(LINKER_LOADER_FILE)!.data;
    return { name: dir.slice(dir.indexOf('qemu-7.2')), script, files: new Map([...files].map(([n, f]) => [n, f.data])) };
  });
}

export function runLoaderCase(seeds: readonly Seed[], c: LoaderCase): number {
  const seed = seeds[c.seed % seeds.length]!;
  const script = buildScript(seed, c);
  const result = executeLoader(guardHost(seed.files, c.highKiB * 1024, c.dma), script, c.policy);
  return result.findings.length;
}

export const target: FuzzTarget<LoaderCase> = {
  name: 'loader',
  summary: 'edited real table-loader scripts run by the firmware executor (3 policies) on a guard host',
  batchSize: 100_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<LoaderCase>> {
    const seeds = loadSeeds();
    const arbitrary = fc.record({
      seed: fc.nat({ max: seeds.length - 1 }),
      policy: fc.constantFrom<LoaderPolicy>('seabios', 'ovmf', 'strict'),
      edits: fc.array(editArb, { maxLength: 6 }),
      raw: fc.array(mutationArb([0, 1, 2, 3, 4, 0xff], 4), { maxLength: 2 }),
      highKiB: fc.oneof(fc.constant(1024), fc.integer({ min: 0, max: 1024 })),
      dma: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    });
    return {
      arbitrary,
      run: (c) => ({ typed: runLoaderCase(seeds, c) }),
      describe: (c) => `seed ${seeds[c.seed % seeds.length]!.name}, policy ${c.policy}, HIGH ${c.highKiB} KiB, dma ${c.dma}, edits ${JSON.stringify(c.edits)}, raw ${describeMutations(c.raw)}`,
    };
  },
};

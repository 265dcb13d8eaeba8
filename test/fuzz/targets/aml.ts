/**
 * aml: a real definition block (QEMU's DSDT/SSDTs, the AML suite, ../shared/corpus) with byte edits,
 * loaded by a fresh interpreter, initialized (_REG, _STA/_INI), then \MAIN and up to three other
 * methods evaluated with arbitrary arguments. Typed outcome: AmlError. A case keeps no reference
 * to its interpreter, so memory is what one case needs.
 */
import fc from 'fast-check';
import { AmlBuffer, AmlError, AmlInterpreter, AmlString } from '../../../src/guest/aml/index.js';
import type { AmlValue } from '../../../src/guest/aml/index.js';
import { applyMutations, describeMutations, mutationArb } from '../mutate.js';
import type { Mutation } from '../mutate.js';
import { amlSeeds } from '../seeds.js';
import type { SeedFile } from '../seeds.js';
import type { FuzzCase, FuzzTarget } from '../target.js';

const HEADER = 36;
/** Seeds above this size cost too much per case for a 10^6 campaign. */
const MAX_SEED_BYTES = 16 * 1024;

/** Opcodes and PkgLength lead bytes that steer a decoder into its less travelled paths. */
const INTERESTING = [
  0x00, 0x01, 0x06, 0x08, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x2e, 0x2f, 0x5b, 0x5c, 0x5e,
  0x60, 0x68, 0x70, 0x71, 0x72, 0x79, 0x83, 0x86, 0x87, 0x88, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x96, 0x99, 0x9d,
  0xa0, 0xa1, 0xa2, 0xa4, 0xa5, 0xcc, 0xff, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xc0,
  // ExtOpPrefix followers: Mutex, Event, CondRefOf, CreateField, Load, Stall, Sleep, Acquire, Release, Region, Field, Device...
  0x01, 0x02, 0x12, 0x13, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x27, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88,
];

export interface AmlCase {
  readonly seed: number;
  readonly muts: readonly Mutation[];
  readonly revision: number | null;
  readonly calls: ReadonlyArray<{ readonly method: number; readonly args: readonly ArgSpec[] }>;
}

type ArgSpec = { readonly int: bigint } | { readonly str: string } | { readonly buf: readonly number[] };

const argArb: fc.Arbitrary<ArgSpec> = fc.oneof(
  fc.record({ int: fc.oneof(fc.constantFrom(0n, 1n, 0xffn, 0xffffffffn, 0xffffffffffffffffn), fc.bigInt({ min: 0n, max: 0xffffffffffffffffn })) }),
  fc.record({ str: fc.string({ maxLength: 12 }) }),
  fc.record({ buf: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }) }),
);

const toValue = (a: ArgSpec): AmlValue =>
  'int' in a ? a.int : 'str' in a ? new AmlString(a.str) : new AmlBuffer(Uint8Array.from(a.buf));

/** The table a case loads: the seed with its body edited, length and checksum fixed. */
export function buildTable(seeds: readonly SeedFile[], c: AmlCase): Uint8Array {
  const seed = seeds[c.seed % seeds.length]!.bytes;
  const body = applyMutations(seed.subarray(HEADER), c.muts, seeds.map((s) => s.bytes.subarray(HEADER)));
  const t = new Uint8Array(HEADER + body.length);
  t.set(seed.subarray(0, HEADER));
  t.set(body, HEADER);
  new DataView(t.buffer).setUint32(4, t.length, true);
  if (c.revision !== null) t[8] = c.revision;
  t[9] = 0;
  let sum = 0;
  for (const b of t) sum = (sum + b) & 0xff;
  t[9] = (0x100 - sum) & 0xff;
  return t;
}

/** Runs one table: load, initialize, evaluate. Returns the number of AML errors met; throws anything else. */
export function runAmlTable(table: Uint8Array, calls: AmlCase['calls']): number {
  // Limits well under ACPICA's (30 s loops, unbounded calls): a fuzzed While spins a few thousand
  // times at most, and a mutated recursion (fib (n) with a large n) stops after 20000 calls.
  const aml = new AmlInterpreter({}, { loopTimeoutSeconds: 0.02, maxCallDepth: 48, maxMethodCalls: 20_000 });
  let typed = 0;
  const guarded = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      typed++;
    }
  };
  guarded(() => aml.loadTable(table));
  guarded(() => aml.initialize());
  const methods = aml.namespace().filter((n) => n.type === 'Method').map((n) => n.path);
  const main = methods.find((p) => p === '\\MAIN');
  if (main) guarded(() => aml.evaluate(main));
  for (const call of calls) {
    if (methods.length === 0) break;
    const path = methods[call.method % methods.length]!;
    guarded(() => aml.evaluate(path, call.args.map(toValue)));
  }
  return typed + aml.loadErrors.length;
}

export const target: FuzzTarget<AmlCase> = {
  name: 'aml',
  summary: `mutated real DSDT/SSDT (≤ ${MAX_SEED_BYTES / 1024} KiB seeds), load + initialize + evaluate`,
  batchSize: 25_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<AmlCase>> {
    const seeds = amlSeeds(MAX_SEED_BYTES);
    const arbitrary = fc.record({
      seed: fc.nat({ max: seeds.length - 1 }),
      muts: fc.array(mutationArb(INTERESTING), { maxLength: 6 }),
      revision: fc.option(fc.constantFrom(1, 2), { freq: 8 }),
      calls: fc.array(fc.record({ method: fc.nat(), args: fc.array(argArb, { maxLength: 7 }) }), { maxLength: 3 }),
    });
    return {
      arbitrary,
      run: (c) => ({ typed: runAmlTable(buildTable(seeds, c), c.calls) }),
      describe: (c) => `seed ${seeds[c.seed % seeds.length]!.name} (${seeds.length} seeds), ${describeMutations(c.muts)}, revision ${c.revision ?? 'kept'}, calls ${JSON.stringify(c.calls, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))}`,
    };
  },
};

/**
 * x86: random instruction streams (raw bytes, weighted toward prefixes, 0F-escapes, system and x87
 * opcodes, far transfers, INT/IRET) with random general registers, run by the x86 core on a bare
 * 16 MiB machine in real mode and in flat 32-bit protected mode, and in ring 0, ring 3 and
 * virtual-8086 mode under no, 32-bit, PSE or PAE paging with gates to a random handler
 * (x86-system.ts), for a bounded virtual time. Every
 * stop reason (halt, shutdown after a triple fault, budget) is a designed outcome; anything thrown
 * out of `run` (X86InternalError, TypeError...) is a finding: a guest never crashes the machine.
 */
import fc from 'fast-check';
import { createFlatMachine, enterFlat32 } from '../../../src/machine/cpu/x86/flat.js';
import { CS } from '../../../src/machine/cpu/x86/constants.js';
import type { FuzzCase, FuzzTarget } from '../target.js';
import { runX86System } from './x86-system.js';
import type { X86SystemCase } from './x86-system.js';

const AT = 0x7c00;
/** Virtual time per case: 200k instructions at most. */
const BUDGET_NS = 200_000;

const CHUNKS: readonly (readonly number[])[] = [
  [0x66], [0x67], [0xf0], [0xf2], [0xf3], [0x26], [0x2e], [0x36], [0x3e], [0x64], [0x65],
  [0x0f, 0x00], [0x0f, 0x01], [0x0f, 0x20], [0x0f, 0x22], [0x0f, 0x06], [0x0f, 0x0b], [0x0f, 0xa2], [0x0f, 0x30], [0x0f, 0x32],
  [0x0f, 0xb0], [0x0f, 0xc7], [0x0f, 0xba], [0x0f, 0x80], [0xcd, 0x10], [0xcd, 0x00], [0xcc], [0xce], [0xcf], [0xea], [0x9a],
  [0xc4], [0xc5], [0x8e], [0x8c], [0xd8], [0xd9], [0xdb], [0xdd], [0xdf], [0xf4], [0xfa], [0xfb], [0x9d], [0x9c], [0xe4], [0xec],
  [0xe6], [0xee], [0x6c], [0x6e], [0xa4], [0xa5], [0xaa], [0xab], [0xf6], [0xf7], [0xfe], [0xff], [0xd4, 0x00], [0xd5], [0x62],
  [0x63], [0xc8], [0xc9], [0xe0], [0xe2], [0xe3], [0xeb, 0xfe], [0x8d], [0x0f, 0x01, 0xd8], [0xb8, 0x11, 0x00], [0x0f, 0x22, 0xc0],
];

export interface X86BareCase {
  readonly mode: 'real' | 'flat32';
  readonly code: readonly (readonly number[])[];
  readonly regs: readonly number[];
}

export type X86Case = X86BareCase | (X86SystemCase & { readonly system: true });

export function runX86(c: X86Case): string {
  if ('system' in c) return runX86System(c);
  const m = createFlatMachine({ ramBytes: 16 << 20 });
  const code = Uint8Array.from(c.code.flat());
  m.memory.writeBytes(AT, code);
  const { cpu } = m;
  if (c.mode === 'flat32') {
    enterFlat32(cpu);
    cpu.eip = AT;
  } else {
    cpu.setCache(CS, AT >> 4, (AT >> 4) << 4, 0xffff, 0x9b);
    cpu.eip = 0;
  }
  c.regs.forEach((v, i) => { cpu.r32[i] = v >>> 0; });
  if (c.mode === 'real') cpu.r32[4] = 0xfffe;
  else cpu.r32[4] = 0x90000;
  return cpu.run(BUDGET_NS);
}

export const target: FuzzTarget<X86Case> = {
  name: 'x86',
  summary: 'random instruction streams on the x86 core (bare 16 MiB machine): real, flat 32-bit, ring 0/3 and v86 under no/32-bit/PSE/PAE paging',
  batchSize: 50_000,
  unavailable: () => undefined,
  async prepare(): Promise<FuzzCase<X86Case>> {
    const chunk = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...CHUNKS) },
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => [b]) },
    );
    const regs = fc.array(fc.oneof(fc.constantFrom(0, 1, 0xffff, 0x7c00, 0x80000000, 0xffffffff), fc.nat({ max: 0xffffffff })), { minLength: 8, maxLength: 8 });
    const bare = fc.record({
      mode: fc.constantFrom<'real' | 'flat32'>('real', 'flat32'),
      code: fc.array(chunk, { minLength: 1, maxLength: 40 }),
      regs,
    });
    const system = fc.record({
      system: fc.constant(true as const),
      mode: fc.constantFrom<'ring0' | 'ring3' | 'v86'>('ring0', 'ring3', 'v86'),
      paging: fc.constantFrom<'none' | 'paged' | 'pse' | 'pae'>('none', 'paged', 'pse', 'pae'),
      seed: fc.nat({ max: 0xffffffff }),
      code: fc.array(chunk, { minLength: 1, maxLength: 40 }).map((a) => a.flat()),
      handler: fc.array(chunk, { maxLength: 8 }).map((a) => a.flat()),
      regs,
    });
    const arbitrary: fc.Arbitrary<X86Case> = fc.oneof(bare, system);
    return {
      arbitrary,
      run: (c) => {
        runX86(c);
        return { typed: 0 };
      },
      describe: (c) => {
        const hex = (b: readonly number[]): string => b.map((x) => x.toString(16).padStart(2, '0')).join(' ');
        const regs = c.regs.map((r) => r.toString(16)).join(',');
        if ('system' in c) return `${c.mode}/${c.paging} seed ${c.seed}: [${hex(c.code)}] handler [${hex(c.handler)}] regs ${regs}`;
        return `${c.mode}: [${hex(c.code.flat())}] regs ${regs}`;
      },
    };
  },
};

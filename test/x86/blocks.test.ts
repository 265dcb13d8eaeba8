import test from 'ava';
import { createFlatMachine } from '../../src/machine/cpu/x86/flat.js';
import { enablePaging, prng, program, setUp, state } from '../helpers/x86-random-program.js';

/**
 * Translated blocks (src/machine/cpu/x86/jit/) against the interpreter: the same random programs run
 * on two machines, one with blocks and one without, must leave the same registers, flags, EIP,
 * instruction count and RAM. The programs mix the forms the translator specialises with ones it
 * leaves to the interpreter, memory operands anywhere (including the code itself: self-modifying
 * code), faults and short branches.
 */

type Generator = (rnd: () => number, code32: boolean, count: number) => number[];

function compare(t: import('ava').ExecutionContext, code32: boolean, programs: number, seed: number, blockHeat: number, paging = false, gen: Generator = program): void {
  let differing = 0;
  let firstDiff = '';
  // One pair of machines for all programs: a reset and cleared RAM between them, so the blocks of
  // one program sit at the addresses of the next one's different code (the cache must notice).
  const a = createFlatMachine({ ramBytes: 1 << 20, blocks: true, blockHeat });
  const b = createFlatMachine({ ramBytes: 1 << 20, blocks: false });
  for (let n = 0; n < programs; n++) {
    const code = gen(prng(seed + n), code32, 40);
    for (const m of [a, b]) {
      m.cpu.reset();
      m.memory.zeroFill(0, 1 << 20);
      setUp(m, code, code32, prng(seed + n + 1e6));
      if (paging) enablePaging(m, prng(seed + n + 2e6));
    }
    for (let slice = 0; slice < 20; slice++) {
      a.cpu.run(97);
      b.cpu.run(97);
    }
    const sa = state(a);
    const sb = state(b);
    if (sa !== sb) {
      differing++;
      firstDiff ||= `program ${n}: ${Buffer.from(code).toString('hex')}\nblocks:  ${sa}\ninterp:  ${sb}`;
    }
  }
  t.is(differing, 0, firstDiff);
  t.true(a.cpu.blocksTranslated > programs, `${a.cpu.blocksTranslated} blocks translated`);
}

test('translated blocks leave the interpreter\'s state: 300 random 16-bit real-mode programs, every block translated at once', (t) => {
  compare(t, false, 300, 1, 0);
});

test('translated blocks leave the interpreter\'s state: 300 random 32-bit flat protected-mode programs, every block translated at once', (t) => {
  compare(t, true, 300, 5000, 0);
});

test('translated blocks leave the interpreter\'s state: 200 random programs of each mode with the default heat (cold code interpreted, hot code in blocks)', (t) => {
  compare(t, false, 200, 9000, 24);
  compare(t, true, 200, 9500, 24);
});

test('translated blocks leave the interpreter\'s state: 300 random 32-bit programs under paging with absent and read-only pages (page faults inside blocks)', (t) => {
  compare(t, true, 300, 12000, 0, true);
});

/**
 * Deferred flags (jit/block-flags.ts): register-only arithmetic whose flags the next flag-writing
 * instruction overwrites, with moves to or from memory between them. The block computes those flags
 * only in the moves' slow paths; here the moves page-fault (absent pages, no IDT: a shutdown at that
 * instruction), so EFLAGS at the fault shows whether the slow path computed them.
 */
function flagsThenMoves(rnd: () => number, _code32: boolean, count: number): number[] {
  const out: number[] = [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Arithmetic on EAX ECX EDX EBP; EBX ESI EDI stay pointers into the data pages.
  const reg = (): number => pick([0, 1, 2, 5]);
  const base = (): number => pick([3, 6, 7]);
  for (let i = 0; i < count; i++) {
    const x = rnd();
    if (x < 0.5) {
      const kind = Math.floor(rnd() * 6);
      if (kind === 0) out.push(pick([0x01, 0x09, 0x21, 0x29, 0x31, 0x39, 0x03, 0x2b]), 0xc0 | (reg() << 3) | reg());
      else if (kind === 1) out.push(0x83, 0xc0 | (pick([0, 1, 4, 5, 6, 7]) << 3) | reg(), Math.floor(rnd() * 256));
      else if (kind === 2) out.push(0xc1, 0xc0 | (pick([4, 5, 7]) << 3) | reg(), 1 + Math.floor(rnd() * 31));
      else if (kind === 3) out.push(0x0f, 0xaf, 0xc0 | (reg() << 3) | reg());
      else if (kind === 4) out.push(pick([0x40, 0x41, 0x42, 0x45, 0x48, 0x49, 0x4a, 0x4d]));
      else out.push(0x85, 0xc0 | (reg() << 3) | reg());
    } else {
      const kind = Math.floor(rnd() * 4);
      const disp = Math.floor(rnd() * 256);
      if (kind === 0) out.push(0x8b, 0x40 | (reg() << 3) | base(), disp);
      else if (kind === 1) out.push(0x89, 0x40 | (reg() << 3) | base(), disp);
      else if (kind === 2) out.push(0xc7, 0x40 | base(), disp, ...[0, 1, 2, 3].map(() => Math.floor(rnd() * 256)));
      else out.push(0x0f, 0xb6, 0x40 | (reg() << 3) | base(), disp);
    }
  }
  return out;
}

test('translated blocks leave the interpreter\'s state: 300 programs of arithmetic and moves that page-fault (deferred flags)', (t) => {
  compare(t, true, 300, 15000, 0, true, flagsThenMoves);
});

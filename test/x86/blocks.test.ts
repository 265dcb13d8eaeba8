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

function compare(t: import('ava').ExecutionContext, code32: boolean, programs: number, seed: number, blockHeat: number, paging = false): void {
  let differing = 0;
  let firstDiff = '';
  // One pair of machines for all programs: a reset and cleared RAM between them, so the blocks of
  // one program sit at the addresses of the next one's different code (the cache must notice).
  const a = createFlatMachine({ ramBytes: 1 << 20, blocks: true, blockHeat });
  const b = createFlatMachine({ ramBytes: 1 << 20, blocks: false });
  for (let n = 0; n < programs; n++) {
    const code = program(prng(seed + n), code32, 40);
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

// Findings of `npm run fuzz -- --target x86`, minimised: a guest never hangs or crashes the machine.
import test from 'ava';
import { runFlat } from '../../src/machine/cpu/x86/flat.js';

test('fuzz regression: REPNE STOSB over 2 GiB spends the run budget one iteration at a time', (t) => {
  // flat32, EDI 0xFFFF, ECX 0x80000000: a run of 10^6 ns of budget stops with 'budget' after about 10^6 stores.
  const r = runFlat(Uint8Array.of(0xf2, 0xaa, 0xf4), {
    mode: 'flat32', at: 0x7c00, budgetNs: 1_000_000,
    setup: (m) => { m.cpu.r32[1] = 0x80000000; m.cpu.r32[7] = 0xffff; },
  });
  t.is(r.stop, 'budget');
  const done = 0x80000000 - (r.machine.cpu.r32[1]! >>> 0);
  t.true(done > 0 && done <= 1_000_000 + 1024, `${done} iterations for 10^6 ns`);
});

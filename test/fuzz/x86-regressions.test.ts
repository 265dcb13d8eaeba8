// Findings of `npm run fuzz -- --target x86`, minimised: a guest never hangs or crashes the machine.
import test from 'ava';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { join } from 'node:path';
import { createFlatMachine, runFlat } from '../../src/machine/cpu/x86/flat.js';
import { CS } from '../../src/machine/cpu/x86/constants.js';
import { PROLOGUE, systemMachine } from './targets/x86-system.js';
import { repoRoot } from '../helpers/paths.js';

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

test('fuzz harness: the system prologue is prologue.asm assembled', (t) => {
  t.deepEqual(PROLOGUE, new Uint8Array(readFileSync(join(repoRoot(), 'test/fuzz/x86/prologue.bin'))));
});

for (const mode of ['ring0', 'ring3', 'v86'] as const) {
  for (const paging of ['none', 'paged', 'pse', 'pae'] as const) {
    test(`fuzz harness: ${mode} under ${paging} paging reaches the case's code`, (t) => {
      // The case's code is `jmp $`: the whole budget spins on it, in the mode and privilege asked for.
      const m = systemMachine({ mode, paging, seed: 12345, code: [0xeb, 0xfe], handler: [], regs: [1, 2, 3, 4, 5, 6, 7, 8] });
      t.is(m.cpu.run(50_000), 'budget');
      t.is(m.cpu.eip, mode === 'v86' ? 0 : 0x7c00);
      t.is(m.cpu.cpl, mode === 'ring0' ? 0 : 3);
      t.is((m.cpu.flags >>> 17) & 1, mode === 'v86' ? 1 : 0);
      t.is(m.cpu.cr0 >>> 31, paging === 'none' ? 0 : 1);
      t.is(m.cpu.r32[0], 1);
      t.is(m.cpu.r32[7], 8);
    });
  }
}

test('fuzz regression: x86 machines made one after another in one synchronous loop are collected', (t) => {
  // Found by the system modes (child killed at the heap limit): the code-page registry held each CPU
  // through a WeakRef, whose target ECMAScript keeps alive to the end of the current job, so a
  // synchronous loop kept every CPU (8 MiB of TLB each) until it returned.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 30; i++) {
    const r = runFlat(Uint8Array.of(0x00, 0x00, 0xeb, 0xfc), { mode: 'flat32', budgetNs: 20_000, setup: (m) => { m.cpu.r32[0] = 0x100000; } });
    t.is(r.stop, 'budget');
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  t.true(grown < 60e6, `heap grew ${(grown / 1e6).toFixed(1)} MB over 30 machines`);
});

test('fuzz regression: real-mode code that keeps adding into its own page is left to the interpreter, with the same outcome', (t) => {
  // real: [0f 22 c0 e4 a5 db 46] with these registers runs on into zeroed memory at CS base 0 and
  // DS = CS (`add [bx+si], al` over its own code): each retranslation cost ~1.5 ms, 1,571 of them for
  // 200,000 instructions (the hang watchdog's 10 s). Now a page retranslated after writes more than
  // 32 times in 2^20 instructions is interpreted for the rest of that window.
  const regs = [0xffffffe6, 0, 0x4956b2f7, 0xcdea6c61, 0, 0xffffffff, 0xd9ace14d, 0xfbb819a2];
  const runs = [true, false].map((blocks) => {
    const m = createFlatMachine({ ramBytes: 16 << 20, blocks });
    m.memory.writeBytes(0x7c00, Uint8Array.of(0x0f, 0x22, 0xc0, 0xe4, 0xa5, 0xdb, 0x46));
    m.cpu.setCache(CS, 0x7c0, 0x7c00, 0xffff, 0x9b);
    m.cpu.eip = 0;
    regs.forEach((v, i) => { m.cpu.r32[i] = v >>> 0; });
    m.cpu.r32[4] = 0xfffe;
    const stop = m.cpu.run(200_000);
    return { stop, icount: m.cpu.icount, eip: m.cpu.eip, regs: [...m.cpu.r32], ram: Buffer.from(m.memory.readBytes(0, 0x20000)).toString('hex'), translated: m.cpu.blocksTranslated };
  });
  t.is(runs[0]!.stop, 'halted');
  t.true(runs[0]!.translated < 400, `${runs[0]!.translated} blocks translated`);
  t.deepEqual({ ...runs[0]!, translated: 0 }, { ...runs[1]!, translated: 0 });
});

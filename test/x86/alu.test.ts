import test from 'ava';
import { alu, alu32 } from '../../src/machine/cpu/x86/alu.js';
import { prng } from '../helpers/prng.js';

/**
 * The 32-bit fast path must agree with the size-generic ALU (which the SingleStepTests captures check
 * at 8 and 16 bits) on every result and flag, including the edge values around carry and overflow.
 */
test('alu32 equals the size-generic alu on results and EFLAGS for all eight operations', (t) => {
  const rnd = prng(23);
  const edges = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x80000001, 0x0000ffff];
  const values: number[] = [...edges];
  for (let i = 0; i < 200; i++) values.push(Math.floor(rnd() * 0x100000000) >>> 0);
  let mismatches = 0;
  for (let op = 0; op < 8; op++) {
    for (const a of values) {
      for (let j = 0; j < 20; j++) {
        const b = values[Math.floor(rnd() * values.length)]!;
        for (const cf of [0, 1]) {
          const x = { flags: 0x202 | cf | 0x800 };
          const y = { flags: 0x202 | cf | 0x800 };
          const r1 = alu(x, op, a, b, 4);
          const r2 = alu32(y, op, a, b);
          if (r1 !== r2 || x.flags !== y.flags) mismatches++;
        }
      }
    }
  }
  t.is(mismatches, 0);
  // One worked case from the SDM's definitions: 0x7fffffff + 1 sets OF, SF, AF, PF; clears CF, ZF.
  const f = { flags: 2 };
  t.is(alu32(f, 0, 0x7fffffff, 1), 0x80000000);
  t.is(f.flags, 2 | 0x800 | 0x80 | 0x10 | 0x4);
});

test('INC/DEC r32 and ROL r/m32 fast paths: results and EFLAGS as the SDM defines them', async (t) => {
  const { runFlat } = await import('../../src/machine/cpu/x86/flat.js');
  const run = (code: number[], eax: number, flags: number) => {
    const r = runFlat(new Uint8Array([...code, 0xf4]), { mode: 'flat32', at: 0x1000, setup: (m) => { m.cpu.r32[0] = eax; m.cpu.flags = flags; } });
    return { eax: r.machine.cpu.r32[0]! >>> 0, flags: r.machine.cpu.flags & 0x8d5 };
  };
  // INC 0x7FFFFFFF: OF SF AF PF set, ZF clear, CF kept (set here).
  t.deepEqual(run([0x40], 0x7fffffff, 3), { eax: 0x80000000, flags: 0x800 | 0x80 | 0x10 | 0x4 | 0x1 });
  // DEC 0x80000000: OF AF PF set (0xFF has even parity), SF ZF clear, CF kept (clear).
  t.deepEqual(run([0x48], 0x80000000, 2), { eax: 0x7fffffff, flags: 0x800 | 0x10 | 0x4 });
  // DEC 1 → 0: ZF PF.
  t.deepEqual(run([0x48], 1, 2), { eax: 0, flags: 0x40 | 0x4 });
  // ROL EAX,1 of 0x80000001 → 3: CF = 1, OF = CF XOR bit 31 = 1; other flags kept.
  t.deepEqual(run([0xd1, 0xc0], 0x80000001, 2), { eax: 3, flags: 0x800 | 0x1 });
});

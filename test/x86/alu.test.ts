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

/**
 * SHR/SAR in 32-bit integer arithmetic (the Linux decompressor's hot path) against the SDM's
 * definitions (vol. 2 "SAL/SAR/SHL/SHR"): CF is the last bit shifted out, SAR fills with the sign,
 * OF for a count of 1 is the original sign (SHR) or 0 (SAR); ZF/SF/PF from the result.
 */
test('SHR and SAR on 8, 16 and 32 bits: results and CF/OF/ZF/SF as the SDM defines them', async (t) => {
  const { shift } = await import('../../src/machine/cpu/x86/alu.js');
  const CF = 1, ZF = 0x40, SF = 0x80, OF = 0x800;
  const rnd = prng(34);
  let bad = 0;
  for (const size of [1, 2, 4]) {
    const bits = size * 8;
    for (let i = 0; i < 3000; i++) {
      const a = Math.floor(rnd() * 2 ** bits);
      const count = 1 + Math.floor(rnd() * 31);
      const big = BigInt(a);
      const signed = a >= 2 ** (bits - 1) ? big - (1n << BigInt(bits)) : big;
      const mask = (1n << BigInt(bits)) - 1n;
      for (const [op, want, cfBit] of [
        [5, count >= bits + 1 ? 0n : big >> BigInt(count), count > bits ? 0n : (big >> BigInt(count - 1)) & 1n],
        [7, (signed >> BigInt(Math.min(count, bits - 1))) & mask, (signed >> BigInt(Math.min(count - 1, bits - 1))) & 1n],
      ] as const) {
        const c = { flags: 0x202 };
        const r = shift(c, op, a, count, size);
        const exp = Number(want);
        if (r !== exp || (c.flags & CF) !== Number(cfBit) || ((c.flags & ZF) !== 0) !== (exp === 0) || ((c.flags & SF) !== 0) !== (exp >= 2 ** (bits - 1))) bad++;
        if (count === 1 && ((c.flags & OF) !== 0) !== (op === 5 && a >= 2 ** (bits - 1))) bad++;
      }
    }
  }
  t.is(bad, 0);
  // SDM example values: SHR 0x80000000 by 31 = 1 (CF 0); SAR 0x80000000 by 31 = 0xffffffff (CF 0); SAR 0xfffffffe by 1 = 0xffffffff, CF 0.
  const f = { flags: 0 };
  t.is(shift(f, 5, 0x80000000, 31, 4), 1);
  t.is(shift(f, 7, 0x80000000, 31, 4), 0xffffffff);
  t.is(shift(f, 7, 0xfffffffe, 1, 4), 0xffffffff);
  t.is(f.flags & CF, 0);
});

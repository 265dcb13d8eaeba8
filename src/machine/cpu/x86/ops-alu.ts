import { AF, CF, OF, PF, SF, UD_VEC, ZF, DE_VEC } from './constants.js';
import { PARITY, alu, alu32, dec, inc, szp, trunc, SIGN } from './alu.js';
import { div, idiv, imul1, imul2, mul } from './muldiv.js';
import { type Op, getReg, loadE, regField, setReg, sext, storeE, vsize } from './ops-common.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** Arithmetic and logic: ADD…CMP in all forms, INC/DEC, TEST, NOT/NEG/MUL/IMUL/DIV/IDIV, XADD, CMPXCHG(8B), BCD adjusts. */
export function installAlu(t: Op[]): void {
  for (let op = 0; op < 8; op++) {
    const write = op !== 7;
    t[op * 8] = (c) => { c.decodeModrm(); const r = alu(c, op, loadE(c, 1, write), c.get8(regField(c)), 1); if (write) storeE(c, 1, r); };
    t[op * 8 + 1] = (c) => {
      c.decodeModrm();
      const m = c.modrm;
      if (m >= 0xc0 && c.os32) {
        const r = alu32(c, op, c.r32[m & 7]! >>> 0, c.r32[(m >> 3) & 7]! >>> 0);
        if (write) c.r32[m & 7] = r;
        return;
      }
      const s = vsize(c);
      const r = alu(c, op, loadE(c, s, write), getReg(c, regField(c), s), s);
      if (write) storeE(c, s, r);
    };
    t[op * 8 + 2] = (c) => { c.decodeModrm(); const g = regField(c); const r = alu(c, op, c.get8(g), loadE(c, 1, false), 1); if (write) c.set8(g, r); };
    t[op * 8 + 3] = (c) => {
      c.decodeModrm();
      const g = regField(c);
      if (c.os32) {
        const r = alu32(c, op, c.r32[g]! >>> 0, c.modrm >= 0xc0 ? c.r32[c.modrm & 7]! >>> 0 : c.rd32(c.eaLinear(4, false)) >>> 0);
        if (write) c.r32[g] = r;
        return;
      }
      const s = vsize(c);
      const r = alu(c, op, getReg(c, g, s), loadE(c, s, false), s);
      if (write) setReg(c, g, s, r);
    };
    t[op * 8 + 4] = (c) => { const r = alu(c, op, c.r8[0]!, c.fetch8(), 1); if (write) c.r8[0] = r; };
    t[op * 8 + 5] = (c) => { const s = vsize(c); const r = alu(c, op, getReg(c, 0, s), trunc(c.fetchImm(), s), s); if (write) setReg(c, 0, s, r); };
  }
  for (let n = 0; n < 8; n++) {
    t[0x40 + n] = (c) => {
      if (c.os32) {
        const a = c.r32[n]!;
        const r = (a + 1) | 0;
        c.r32[n] = r;
        // INC keeps CF (SDM vol. 2 INC): OF when 0x7FFFFFFF → 0x80000000.
        c.flags = (c.flags & ~0x8d4) | ((a ^ r) & AF) | (r === -0x80000000 ? OF : 0) | (r === 0 ? ZF : 0) | (r < 0 ? SF : 0) | PARITY[r & 0xff]!;
        return;
      }
      c.r16[n << 1] = inc(c, c.r16[n << 1]!, 2);
    };
    t[0x48 + n] = (c) => {
      if (c.os32) {
        const a = c.r32[n]!;
        const r = (a - 1) | 0;
        c.r32[n] = r;
        c.flags = (c.flags & ~0x8d4) | ((a ^ r) & AF) | (a === -0x80000000 ? OF : 0) | (r === 0 ? ZF : 0) | (r < 0 ? SF : 0) | PARITY[r & 0xff]!;
        return;
      }
      c.r16[n << 1] = dec(c, c.r16[n << 1]!, 2);
    };
  }
  // Group 1: 80 Eb,Ib; 81 Ev,Iv; 82 Eb,Ib (alias of 80); 83 Ev,sign-extended Ib.
  const group1 = (size: (c: X86Cpu) => number, imm: (c: X86Cpu, s: number) => number): Op => (c) => {
    const s = size(c);
    c.decodeModrm();
    const op = regField(c);
    const a = loadE(c, s, op !== 7);
    const r = alu(c, op, a, imm(c, s), s);
    if (op !== 7) storeE(c, s, r);
  };
  t[0x80] = group1(() => 1, (c) => c.fetch8());
  t[0x81] = group1(vsize, (c, s) => trunc(c.fetchImm(), s));
  t[0x82] = t[0x80];
  t[0x83] = group1(vsize, (c, s) => trunc(c.fetchS8(), s));
  t[0x84] = (c) => { c.decodeModrm(); alu(c, 4, loadE(c, 1, false), c.get8(regField(c)), 1); };
  t[0x85] = (c) => { const s = vsize(c); c.decodeModrm(); alu(c, 4, loadE(c, s, false), getReg(c, regField(c), s), s); };
  t[0xa8] = (c) => { alu(c, 4, c.r8[0]!, c.fetch8(), 1); };
  t[0xa9] = (c) => { const s = vsize(c); alu(c, 4, getReg(c, 0, s), trunc(c.fetchImm(), s), s); };
  t[0xf6] = (c) => { c.decodeModrm(); group3(c, 1); };
  t[0xf7] = (c) => { c.decodeModrm(); group3(c, vsize(c)); };
  t[0xfe] = (c) => {
    c.decodeModrm();
    const op = regField(c);
    if (op > 1) c.fault(UD_VEC);
    const a = loadE(c, 1, true);
    storeE(c, 1, op === 0 ? inc(c, a, 1) : dec(c, a, 1));
  };
  t[0x69] = (c) => { const s = vsize(c); c.decodeModrm(); const g = regField(c); const a = loadE(c, s, false); setReg(c, g, s, imul2(c, a, trunc(c.fetchImm(), s), s)); };
  t[0x6b] = (c) => { const s = vsize(c); c.decodeModrm(); const g = regField(c); const a = loadE(c, s, false); setReg(c, g, s, imul2(c, a, trunc(c.fetchS8(), s), s)); };
  t[0x1af] = (c) => { const s = vsize(c); c.decodeModrm(); const g = regField(c); setReg(c, g, s, imul2(c, getReg(c, g, s), loadE(c, s, false), s)); };
  // XADD, CMPXCHG (486), CMPXCHG8B (Pentium).
  t[0x1c0] = (c) => { c.decodeModrm(); xadd(c, 1); };
  t[0x1c1] = (c) => { c.decodeModrm(); xadd(c, vsize(c)); };
  t[0x1b0] = (c) => { c.decodeModrm(); cmpxchg(c, 1); };
  t[0x1b1] = (c) => { c.decodeModrm(); cmpxchg(c, vsize(c)); };
  t[0x1c7] = cmpxchg8b;
  // BCD and ASCII adjusts.
  t[0x27] = (c) => decimalAdjust(c, false);
  t[0x2f] = (c) => decimalAdjust(c, true);
  t[0x37] = (c) => asciiAdjust(c, false);
  t[0x3f] = (c) => asciiAdjust(c, true);
  t[0xd4] = (c) => {
    const base = c.fetch8();
    if (base === 0) {
      // Both chips update the flags before the divide error (SingleStepTests captures, all AAM 0 cases):
      // the 8086 as for a zero result, the 80286 as for AL >> 1; OF, AF and CF cleared.
      if (c.model !== 'i686') c.flags = (c.flags & ~(CF | PF | AF | ZF | SF | OF)) | szp(c.model === '8086' ? 0 : c.r8[0]! >> 1, 1);
      c.eipAfterFault = c.eip;
      c.fault(DE_VEC);
    }
    const al = c.r8[0]!;
    c.r8[1] = Math.floor(al / base);
    c.r8[0] = al % base;
    c.flags = (c.flags & ~(CF | PF | AF | ZF | SF | OF)) | szp(c.r8[0]!, 1);
  };
  t[0xd5] = (c) => {
    const base = c.fetch8();
    const r = alu(c, 0, c.r8[0]!, (c.r8[1]! * base) & 0xff, 1);
    c.r16[0] = r;
  };
  t[0xd6] = (c) => { c.r8[0] = c.flags & CF ? 0xff : 0; }; // SALC (undocumented, every Intel CPU)
}

function group3(c: X86Cpu, s: number): void {
  const op = regField(c);
  switch (op) {
    case 0: case 1: { const a = loadE(c, s, false); alu(c, 4, a, s === 1 ? c.fetch8() : trunc(c.fetchImm(), s), s); return; }
    case 2: storeE(c, s, trunc(~loadE(c, s, true), s)); return;
    case 3: storeE(c, s, alu(c, 5, 0, loadE(c, s, true), s)); return;
    case 4: mul(c, loadE(c, s, false), s); return;
    case 5: imul1(c, loadE(c, s, false), s); return;
    case 6: div(c, loadE(c, s, false), s); return;
    default: idiv(c, loadE(c, s, false), s); return;
  }
}

function xadd(c: X86Cpu, s: number): void {
  const g = regField(c);
  const dst = loadE(c, s, true);
  const sum = alu(c, 0, dst, getReg(c, g, s), s);
  storeE(c, s, sum);
  setReg(c, g, s, dst);
}

function cmpxchg(c: X86Cpu, s: number): void {
  const dst = loadE(c, s, true);
  const acc = getReg(c, 0, s);
  alu(c, 7, acc, dst, s);
  if (acc === dst) storeE(c, s, getReg(c, regField(c), s));
  else {
    // The destination is written back unchanged (a locked cycle always writes); then the accumulator.
    storeE(c, s, dst);
    setReg(c, 0, s, dst);
  }
}

function cmpxchg8b(c: X86Cpu): void {
  c.decodeModrm();
  if (c.modrm >= 0xc0 || regField(c) !== 1) c.fault(UD_VEC);
  const lin = c.eaLinear(8, true);
  c.checkWritable(lin, 8);
  const lo = c.rd32(lin);
  const hi = c.rd32(lin + 4);
  if (lo === c.r32[0] && hi === c.r32[2]) {
    c.wr32(lin, c.r32[3]!);
    c.wr32(lin + 4, c.r32[1]!);
    c.flags |= ZF;
  } else {
    c.wr32(lin, lo);
    c.wr32(lin + 4, hi);
    c.r32[0] = lo;
    c.r32[2] = hi;
    c.flags &= ~ZF;
  }
}

/**
 * DAA / DAS (SDM vol. 2 pseudo-code). OF (undefined) is left as the last addition/subtraction of 6/0x60
 * gives it. The 8086 (SingleStepTests 8086 captures, every case of 27/2F) differs: with AF set the high
 * digit is adjusted only above 0x9F, not 0x99, and CF comes from that step alone (DAS's borrow out of the
 * low-digit step does not set it).
 */
function decimalAdjust(c: X86Cpu, subtract: boolean): void {
  const old = c.r8[0]!;
  const oldCf = c.flags & CF;
  const i8086 = c.model === '8086';
  const oldAf = c.flags & AF;
  let al = old;
  let cf = 0;
  let af = 0;
  if ((al & 0xf) > 9 || oldAf) {
    al = subtract ? al - 6 : al + 6;
    cf = oldCf || (!i8086 && (al < 0 || al > 0xff)) ? CF : 0;
    af = AF;
    al &= 0xff;
  }
  if (old > (i8086 && oldAf ? 0x9f : 0x99) || oldCf) {
    al = (subtract ? al - 0x60 : al + 0x60) & 0xff;
    cf = CF;
  }
  const of = subtract ? ((old ^ al) & old & 0x80) : ((old ^ al) & al & 0x80);
  c.r8[0] = al;
  c.flags = (c.flags & ~(CF | PF | AF | ZF | SF | OF)) | cf | af | szp(al, 1) | (of ? OF : 0);
}

/** AAA / AAS. The 80286 and later adjust AX as a whole; the 8086 adjusts AL and AH separately. */
function asciiAdjust(c: X86Cpu, subtract: boolean): void {
  let f = c.flags & ~(CF | AF);
  if ((c.r8[0]! & 0xf) > 9 || (c.flags & AF)) {
    if (c.model === '8086') {
      c.r8[0] = subtract ? c.r8[0]! - 6 : c.r8[0]! + 6;
      c.r8[1] = subtract ? c.r8[1]! - 1 : c.r8[1]! + 1;
    } else {
      c.r16[0] = subtract ? c.r16[0]! - 6 : c.r16[0]! + 0x106;
      if (subtract) c.r8[1] = c.r8[1]! - 1;
    }
    f |= CF | AF;
  }
  c.r8[0] = c.r8[0]! & 0xf;
  c.flags = (f & ~(PF | ZF | SF | OF)) | szp(c.r8[0]!, 1) | (f & (CF | AF));
  void SIGN;
  void sext;
}

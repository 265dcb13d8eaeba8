import { BP_VEC, BR_VEC, GP_VEC, OF, OF_VEC, SS, UD_VEC } from './constants.js';
import { dec, inc } from './alu.js';
import { farCall, farJump, farReturn, iret } from './far.js';
import { interrupt } from './interrupts.js';
import { type Op, cond, getCount, jumpTo, loadE, regField, setCount, storeE, vsize } from './ops-common.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** Control transfer: Jcc, JMP, CALL, RET, LOOP/JCXZ, INT/INTO/INT3/IRET, ENTER/LEAVE, BOUND, HLT, group 5, IN/OUT. */
export function installControl(t: Op[]): void {
  for (let cc = 0; cc < 16; cc++) {
    t[0x70 + cc] = (c) => { const d = c.fetchS8(); if (cond(c.flags, cc)) jumpTo(c, c.eip + d); };
    t[0x180 + cc] = (c) => { const d = c.os32 ? c.fetch32() : (c.fetch16() << 16) >> 16; if (cond(c.flags, cc)) jumpTo(c, c.eip + d); };
  }
  t[0xeb] = (c) => { const d = c.fetchS8(); jumpTo(c, c.eip + d); };
  t[0xe9] = (c) => { const d = c.os32 ? c.fetch32() : (c.fetch16() << 16) >> 16; jumpTo(c, c.eip + d); };
  t[0xe8] = (c) => {
    const d = c.os32 ? c.fetch32() : (c.fetch16() << 16) >> 16;
    c.push(c.eip);
    jumpTo(c, c.eip + d);
  };
  t[0xea] = (c) => { const off = c.fetchImm(); const sel = c.fetch16(); farJump(c, sel, c.os32 ? off >>> 0 : off); };
  t[0x9a] = (c) => { const off = c.fetchImm(); const sel = c.fetch16(); farCall(c, sel, c.os32 ? off >>> 0 : off); };
  t[0xc3] = (c) => { const ip = c.pop(); jumpTo(c, ip); };
  t[0xc2] = (c) => { const n = c.fetch16(); const ip = c.pop(); c.sp = c.sp + n; jumpTo(c, ip); };
  t[0xcb] = (c) => { farReturn(c, 0); };
  t[0xca] = (c) => { farReturn(c, c.fetch16()); };
  t[0xe0] = (c) => loop(c, 0);
  t[0xe1] = (c) => loop(c, 1);
  t[0xe2] = (c) => loop(c, 2);
  t[0xe3] = (c) => { const d = c.fetchS8(); if (getCount(c) === 0) jumpTo(c, c.eip + d); };
  t[0xcc] = (c) => { softInt(c, BP_VEC); };
  t[0xcd] = (c) => {
    const v = c.fetch8();
    // Only INT n is IOPL-sensitive in virtual-8086 mode (not INT3/INTO/INT1: SDM vol. 3 §20.2.7).
    if ((c.flags & 0x20000) && ((c.flags >> 12) & 3) !== 3) c.fault(GP_VEC, 0);
    softInt(c, v);
  };
  t[0xce] = (c) => { if (c.flags & OF) softInt(c, OF_VEC); };
  t[0xf1] = (c) => { softInt(c, 1); }; // INT1 / ICEBP
  t[0xcf] = (c) => { iret(c); };
  t[0xc8] = enter;
  t[0xc9] = (c) => {
    const bp = c.stack32 ? c.r32[5]! >>> 0 : c.r16[10]!;
    const v = c.os32 ? c.rdv32(SS, bp) : c.rdv16(SS, bp);
    c.sp = bp + (c.os32 ? 4 : 2);
    if (c.os32) c.r32[5] = v; else c.r16[10] = v;
  };
  t[0x62] = (c) => {
    c.decodeModrm();
    if (c.modrm >= 0xc0) c.fault(UD_VEC);
    const s = vsize(c);
    const idx = s === 4 ? c.r32[regField(c)]! : (c.r16[regField(c) << 1]! << 16) >> 16;
    const lo = s === 4 ? c.rdv32(c.eaSeg, c.eaOff) : (c.rdv16(c.eaSeg, c.eaOff) << 16) >> 16;
    const hi = s === 4 ? c.rdv32(c.eaSeg, (c.eaOff + 4) >>> 0) : (c.rdv16(c.eaSeg, (c.eaOff + 2) & 0xffff) << 16) >> 16;
    if (idx < lo || idx > hi) c.fault(BR_VEC);
  };
  t[0xf4] = (c) => {
    if ((c.cr0 & 1) && c.cpl !== 0) c.fault(GP_VEC, 0); // CPL 3 in virtual-8086 mode too
    c.halted = true;
    c.breakSlice = true;
  };
  t[0xff] = group5;
  t[0xe4] = (c) => { c.r8[0] = c.ioIn(c.fetch8(), 1); };
  t[0xe5] = (c) => { const p = c.fetch8(); if (c.os32) c.r32[0] = c.ioIn(p, 4); else c.r16[0] = c.ioIn(p, 2); };
  t[0xe6] = (c) => { c.ioOut(c.fetch8(), 1, c.r8[0]!); };
  t[0xe7] = (c) => { const p = c.fetch8(); if (c.os32) c.ioOut(p, 4, c.r32[0]!); else c.ioOut(p, 2, c.r16[0]!); };
  t[0xec] = (c) => { c.r8[0] = c.ioIn(c.r16[4]!, 1); };
  t[0xed] = (c) => { if (c.os32) c.r32[0] = c.ioIn(c.r16[4]!, 4); else c.r16[0] = c.ioIn(c.r16[4]!, 2); };
  t[0xee] = (c) => { c.ioOut(c.r16[4]!, 1, c.r8[0]!); };
  t[0xef] = (c) => { if (c.os32) c.ioOut(c.r16[4]!, 4, c.r32[0]!); else c.ioOut(c.r16[4]!, 2, c.r16[0]!); };
}

/** INT n, INT3, INTO: a trap (the pushed EIP is the next instruction). */
function softInt(c: X86Cpu, vector: number): void {
  interrupt(c, vector, -1, true, c.eip);
}

/** LOOPNE (0), LOOPE (1), LOOP (2): decrement CX/ECX, then branch. */
function loop(c: X86Cpu, kind: number): void {
  const d = c.fetchS8();
  const n = (getCount(c) - 1) & (c.as32 ? -1 : 0xffff);
  setCount(c, n);
  const zf = (c.flags & 0x40) !== 0;
  if (n !== 0 && (kind === 2 || (kind === 1 ? zf : !zf))) jumpTo(c, c.eip + d);
}

/** ENTER imm16, imm8 (SDM vol. 2 ENTER; the nesting level is taken modulo 32). */
function enter(c: X86Cpu): void {
  const size = c.fetch16();
  const level = c.fetch8() & 31;
  const s = vsize(c);
  const bp = c.stack32 ? c.r32[5]! : c.r16[10]!;
  c.push(bp);
  const frame = c.sp;
  let ebp = c.stack32 ? c.r32[5]! >>> 0 : c.r16[10]!;
  const mask = c.stack32 ? -1 : 0xffff;
  for (let i = 1; i < level; i++) {
    ebp = (ebp - s) & mask;
    const v = s === 4 ? c.rdv32(SS, c.stack32 ? ebp >>> 0 : ebp) : c.rdv16(SS, c.stack32 ? ebp >>> 0 : ebp);
    c.push(v);
  }
  if (level > 0) c.push(frame);
  const sp = (c.sp - size) & mask;
  // The final stack top must be writable (the 80386 and later check it before committing).
  if (size > 0 && !c.wrap16) c.linear(SS, c.stack32 ? sp >>> 0 : sp, 1, true);
  if (s === 4) c.r32[5] = frame; else c.r16[10] = frame;
  c.sp = sp;
}

/** FF /0 INC, /1 DEC, /2 CALL, /3 CALL far, /4 JMP, /5 JMP far, /6 PUSH. */
function group5(c: X86Cpu): void {
  c.decodeModrm();
  const op = regField(c);
  const s = vsize(c);
  switch (op) {
    case 0: storeE(c, s, inc(c, loadE(c, s, true), s)); return;
    case 1: storeE(c, s, dec(c, loadE(c, s, true), s)); return;
    case 2: { const target = loadE(c, s, false); c.push(c.eip); jumpTo(c, target); return; }
    case 4: jumpTo(c, loadE(c, s, false)); return;
    case 3: case 5: {
      if (c.modrm >= 0xc0) c.fault(UD_VEC);
      const off = s === 4 ? c.rdv32(c.eaSeg, c.eaOff) >>> 0 : c.rdv16(c.eaSeg, c.eaOff);
      const sel = c.rdv16(c.eaSeg, ((c.eaOff + s) & (c.as32 ? -1 : 0xffff)) >>> 0);
      if (op === 3) farCall(c, sel, off); else farJump(c, sel, off);
      return;
    }
    case 6: if (c.modrm === 0xf4 && c.model === '8086') { c.push16((c.r16[8]! - 2) & 0xffff); return; } c.push(loadE(c, s, false)); return;
    case 7: if (c.model === '8086') { if (c.modrm === 0xfc) c.push16((c.r16[8]! - 2) & 0xffff); else c.push(loadE(c, s, false)); return; } c.fault(UD_VEC); return; // the 8086 decodes FF /7 as PUSH
    default: c.fault(UD_VEC);
  }
}


import { AF, CF, CS, DF, DS, ES, FS, GP_VEC, GS, IF, IOPL, PF, SF, SS, UD_VEC, VM, ZF } from './constants.js';
import { type Op, cond, getReg, loadE, regField, setReg, sext, storeE, vsize } from './ops-common.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** Data movement: MOV forms, XCHG, LEA, MOVZX/MOVSX, CMOVcc, SETcc, BSWAP, XLAT, PUSH/POP, LxS, flag moves. */
export function installMove(t: Op[]): void {
  t[0x88] = (c) => { c.decodeModrm(); c.wrE8(c.get8(regField(c))); };
  t[0x89] = (c) => { c.decodeModrm(); if (c.os32) c.wrE32(c.r32[regField(c)]!); else c.wrE16(c.r16[regField(c) << 1]!); };
  t[0x8a] = (c) => { c.decodeModrm(); c.set8(regField(c), c.rdE8()); };
  t[0x8b] = (c) => { c.decodeModrm(); if (c.os32) c.r32[regField(c)] = c.rdE32(); else c.r16[regField(c) << 1] = c.rdE16(); };
  t[0x8c] = (c) => {
    c.decodeModrm();
    const s = c.model === '8086' ? regField(c) & 3 : regField(c);
    if (s > (c.model === 'i686' ? 5 : 3)) c.fault(UD_VEC);
    // A register destination takes the zero-extended selector with a 32-bit operand size.
    if (c.modrm >= 0xc0 && c.os32) c.r32[c.modrm & 7] = c.sel[s]!;
    else c.wrE16(c.sel[s]!);
  };
  t[0x8e] = (c) => {
    c.decodeModrm();
    const s = c.model === '8086' ? regField(c) & 3 : regField(c);
    if ((s === CS && c.model !== '8086') || s > (c.model === 'i686' ? 5 : 3)) c.fault(UD_VEC);
    c.loadSegment(s, c.rdE16());
    if (s === SS) c.shadowUntil = c.icount + 1;
  };
  t[0x8d] = (c) => {
    c.decodeModrm();
    if (c.modrm >= 0xc0) c.fault(UD_VEC);
    setReg(c, regField(c), vsize(c), c.eaOff);
  };
  t[0xc6] = (c) => { c.decodeModrm(); if (regField(c) !== 0 && c.model !== '8086') c.fault(UD_VEC); const lin = c.modrm >= 0xc0 ? 0 : c.eaLinear(1, true); const v = c.fetch8(); if (c.modrm >= 0xc0) c.set8(c.modrm & 7, v); else c.wr8(lin, v); };
  t[0xc7] = (c) => {
    c.decodeModrm();
    if (regField(c) !== 0 && c.model !== '8086') c.fault(UD_VEC);
    const v = c.fetchImm();
    if (c.os32) c.wrE32(v); else c.wrE16(v);
  };
  for (let n = 0; n < 8; n++) {
    t[0xb0 + n] = (c) => { c.set8(n, c.fetch8()); };
    t[0xb8 + n] = (c) => { if (c.os32) c.r32[n] = c.fetch32(); else c.r16[n << 1] = c.fetch16(); };
    t[0x50 + n] = (c) => {
      // PUSH SP: the 8086 pushes the decremented value, the 80286 and later the value before the push.
      if (n === 4 && c.model === '8086') { const sp = (c.r16[8]! - 2) & 0xffff; c.push16(sp); return; }
      c.push(c.os32 ? c.r32[n]! : c.r16[n << 1]!);
    };
    t[0x58 + n] = (c) => { const v = c.pop(); setReg(c, n, vsize(c), v); };
    if (n > 0) t[0x90 + n] = (c) => { const s = vsize(c); const a = getReg(c, 0, s); setReg(c, 0, s, getReg(c, n, s)); setReg(c, n, s, a); };
  }
  // NOP; PAUSE (F3 90) is a spin-wait hint: with other CPUs to run, this one yields its turn.
  t[0x90] = (c) => { if (c.rep === 0xf3 && c.pauseYields) { c.yieldRequested = true; c.breakSlice = true; } };
  t[0x86] = (c) => { c.decodeModrm(); const g = regField(c); const a = loadE(c, 1, true); storeE(c, 1, c.get8(g)); c.set8(g, a); };
  t[0x87] = (c) => { const s = vsize(c); c.decodeModrm(); const g = regField(c); const a = loadE(c, s, true); storeE(c, s, getReg(c, g, s)); setReg(c, g, s, a); };
  t[0xa0] = (c) => { c.r8[0] = c.rdv8(c.dataSeg(), moffs(c)); };
  t[0xa1] = (c) => { const o = moffs(c); if (c.os32) c.r32[0] = c.rdv32(c.dataSeg(), o); else c.r16[0] = c.rdv16(c.dataSeg(), o); };
  t[0xa2] = (c) => { c.wrv8(c.dataSeg(), moffs(c), c.r8[0]!); };
  t[0xa3] = (c) => { const o = moffs(c); if (c.os32) c.wrv32(c.dataSeg(), o, c.r32[0]!); else c.wrv16(c.dataSeg(), o, c.r16[0]!); };
  t[0x98] = (c) => { if (c.os32) c.r32[0] = (c.r32[0]! << 16) >> 16; else c.r16[0] = (c.r8[0]! << 24) >> 24; };
  t[0x99] = (c) => { if (c.os32) c.r32[2] = c.r32[0]! >> 31; else c.r16[4] = c.r16[0]! & 0x8000 ? 0xffff : 0; };
  t[0xd7] = (c) => { const off = c.as32 ? (c.r32[3]! + c.r8[0]!) >>> 0 : (c.r16[6]! + c.r8[0]!) & 0xffff; c.r8[0] = c.rdv8(c.dataSeg(), off); };
  t[0x9e] = (c) => { c.flags = (c.flags & ~(SF | ZF | AF | PF | CF)) | (c.r8[1]! & (SF | ZF | AF | PF | CF)); };
  t[0x9f] = (c) => { c.r8[1] = (c.readFlags() & 0xd5) | 2; };
  // Segment register pushes and pops.
  const pushSeg = (s: number): Op => (c) => { c.push(c.sel[s]!); };
  const popSeg = (s: number): Op => (c) => {
    const v = c.os32 ? c.peek32(0) & 0xffff : c.peek16(0);
    c.loadSegment(s, v);
    c.sp = c.sp + (c.os32 ? 4 : 2);
    if (s === SS) c.shadowUntil = c.icount + 1;
  };
  t[0x06] = pushSeg(ES); t[0x07] = popSeg(ES);
  t[0x0e] = pushSeg(CS);
  t[0x16] = pushSeg(SS); t[0x17] = popSeg(SS);
  t[0x1e] = pushSeg(DS); t[0x1f] = popSeg(DS);
  t[0x1a0] = pushSeg(FS); t[0x1a1] = popSeg(FS);
  t[0x1a8] = pushSeg(GS); t[0x1a9] = popSeg(GS);
  t[0x68] = (c) => { c.push(c.fetchImm()); };
  t[0x6a] = (c) => { c.push(c.fetchS8()); };
  t[0x8f] = (c) => {
    c.decodeModrm();
    if (regField(c) !== 0 && c.model !== '8086') c.fault(UD_VEC);
    const s = vsize(c);
    const v = s === 4 ? c.peek32(0) : c.peek16(0);
    // POP to memory: ESP is incremented before the address is used when ESP is the base.
    const sp = c.r32[4]!;
    c.sp = c.sp + s;
    if (c.modrm < 0xc0 && c.eaBase === 4) c.eaOff = (c.eaOff + s) >>> 0;
    // The 80286 keeps the popped SP when the memory write faults (SingleStepTests 80286 real mode, 8F at
    // offset 0xFFFF); the 386 and later restore it (SDM vol. 2 POP).
    try { storeDest(c, s, v); } catch (e) { if (c.model === '80286') c.startEsp = c.r32[4]!; else c.r32[4] = sp; throw e; }
  };
  t[0x60] = (c) => {
    const s = vsize(c);
    const sp = c.r32[4]!;
    const top = (c.sp - 8 * s) & (c.stack32 ? -1 : 0xffff);
    // PUSHA wraps within SP on the 8086 and 80286 (SingleStepTests 80286 captures); the 386 checks first.
    if (c.model === 'i686') c.linear(SS, c.stack32 ? top >>> 0 : top, 8 * s, true);
    for (let n = 0; n < 8; n++) c.push(n === 4 ? (s === 4 ? sp : sp & 0xffff) : getReg(c, n, s));
  };
  t[0x61] = (c) => {
    const s = vsize(c);
    const vals: number[] = [];
    for (let n = 7; n >= 0; n--) vals.push(s === 4 ? c.peek32((7 - n) * 4) : c.peek16((7 - n) * 2));
    for (let n = 7; n >= 0; n--) if (n !== 4) setReg(c, n, s, vals[7 - n]!);
    c.sp = c.sp + 8 * s;
  };
  t[0x9c] = (c) => {
    if ((c.flags & VM) && (c.flags & IOPL) !== IOPL) c.fault(GP_VEC, 0);
    if (c.os32) c.push32(c.readFlags() & 0x00fcffff); else c.push16(c.readFlags());
  };
  t[0x9d] = (c) => {
    if ((c.flags & VM) && (c.flags & IOPL) !== IOPL) c.fault(GP_VEC, 0);
    const v = c.os32 ? c.peek32(0) : c.peek16(0);
    c.sp = c.sp + (c.os32 ? 4 : 2);
    c.writeFlags(v, c.os32);
  };
  // LES, LDS, LSS, LFS, LGS: offset then selector.
  const loadFar = (s: number): Op => (c) => {
    c.decodeModrm();
    if (c.modrm >= 0xc0) c.fault(UD_VEC);
    const size = vsize(c);
    const off = size === 4 ? c.rdv32(c.eaSeg, c.eaOff) : c.rdv16(c.eaSeg, c.eaOff);
    const sel = c.rdv16(c.eaSeg, ((c.eaOff + size) & (c.as32 ? -1 : 0xffff)) >>> 0);
    c.loadSegment(s, sel);
    setReg(c, regField(c), size, off);
    if (s === SS) c.shadowUntil = c.icount + 1;
  };
  t[0xc4] = loadFar(ES); t[0xc5] = loadFar(DS);
  t[0x1b2] = loadFar(SS); t[0x1b4] = loadFar(FS); t[0x1b5] = loadFar(GS);
  t[0x1b6] = (c) => { c.decodeModrm(); setReg(c, regField(c), vsize(c), loadE(c, 1, false)); };
  t[0x1b7] = (c) => { c.decodeModrm(); setReg(c, regField(c), vsize(c), loadE(c, 2, false)); };
  t[0x1be] = (c) => { c.decodeModrm(); setReg(c, regField(c), vsize(c), sext(loadE(c, 1, false), 1)); };
  t[0x1bf] = (c) => { c.decodeModrm(); setReg(c, regField(c), vsize(c), sext(loadE(c, 2, false), 2)); };
  for (let cc = 0; cc < 16; cc++) {
    t[0x140 + cc] = (c) => {
      const s = vsize(c);
      c.decodeModrm();
      const v = loadE(c, s, false);
      if (cond(c.flags, cc)) setReg(c, regField(c), s, v);
      else if (s === 4) c.r32[regField(c)] = c.r32[regField(c)]!; // 32-bit destination is written either way
    };
    t[0x190 + cc] = (c) => { c.decodeModrm(); const lin = c.modrm >= 0xc0 ? 0 : c.eaLinear(1, true); const v = cond(c.flags, cc) ? 1 : 0; if (c.modrm >= 0xc0) c.set8(c.modrm & 7, v); else c.wr8(lin, v); };
  }
  for (let n = 0; n < 8; n++) {
    t[0x1c8 + n] = (c) => {
      const v = c.r32[n]!;
      c.r32[n] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
    };
  }
  t[0xf5] = (c) => { c.flags ^= CF; };
  t[0xf8] = (c) => { c.flags &= ~CF; };
  t[0xf9] = (c) => { c.flags |= CF; };
  t[0xfc] = (c) => { c.flags &= ~DF; };
  t[0xfd] = (c) => { c.flags |= DF; };
  t[0xfa] = (c) => { checkIopl(c); c.flags &= ~IF; };
  t[0xfb] = (c) => {
    checkIopl(c);
    if (!(c.flags & IF)) { c.flags |= IF; c.shadowUntil = c.icount + 1; c.breakSlice = true; }
  };
}

/** CLI/STI: IOPL-sensitive in protected mode. */
function checkIopl(c: X86Cpu): void {
  if ((c.protectedMode || (c.flags & VM)) && c.cpl > ((c.flags & IOPL) >> 12)) c.fault(GP_VEC, 0);
}

/** The moffs operand of A0-A3: a 16- or 32-bit offset by address size. */
function moffs(c: X86Cpu): number {
  return c.as32 ? c.fetch32() >>> 0 : c.fetch16();
}

function storeDest(c: X86Cpu, s: number, v: number): void {
  if (c.modrm >= 0xc0) { setReg(c, c.modrm & 7, s, v); return; }
  if (s === 4) c.wrv32(c.eaSeg, c.eaOff, v); else c.wrv16(c.eaSeg, c.eaOff, v);
}


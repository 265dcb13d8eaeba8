import {
  CR0_CD, CR0_EM, CR0_MP, CR0_NE, CR0_NW, CR0_PE, CR0_PG, CR0_TS, CR0_WP, CR4_PAE, CR4_PGE, CR4_PSE, CR4_SUPPORTED, CR4_TSD, CS, DESC_CODE,
  DESC_CONFORMING, DESC_P, DESC_RW, DESC_S, GP_VEC, IF, LDTR, MF_VEC, NM_VEC, NP_VEC, RF, SS, TR, UD_VEC, VM, ZF,
} from './constants.js';
import { EFLAGS_FCOMI_MASK, X87InvalidOpcode } from './fpu/x87.js';
import { cpuid } from './cpuid.js';
import { readMsr, writeMsr } from './msr.js';
import { type Op, loadE, regField, setReg, vsize } from './ops-common.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** System instructions: groups 6 and 7, LAR/LSL, ARPL, MOV CRn/DRn, CLTS, caches, MSRs, CPUID, SYSENTER/SYSEXIT, x87 escapes. */
export function installSystem(t: Op[]): void {
  t[0x100] = group6;
  t[0x101] = group7;
  t[0x102] = (c) => larLsl(c, true);
  t[0x103] = (c) => larLsl(c, false);
  t[0x106] = (c) => { privileged(c); c.cr0 &= ~CR0_TS; };
  t[0x108] = (c) => { privileged(c); };
  t[0x109] = (c) => { privileged(c); };
  t[0x10b] = (c) => { c.fault(UD_VEC); };
  for (let n = 0x118; n <= 0x11f; n++) t[n] = (c) => { c.decodeModrm(); }; // hint NOPs (NOP r/m on the P6)
  t[0x120] = (c) => { privileged(c); const m = c.fetch8(); c.r32[m & 7] = readCr(c, (m >> 3) & 7); };
  t[0x122] = (c) => { privileged(c); const m = c.fetch8(); writeCr(c, (m >> 3) & 7, c.r32[m & 7]!); };
  t[0x121] = (c) => { privileged(c); const m = c.fetch8(); const n = (m >> 3) & 7; c.r32[m & 7] = n === 4 || n === 5 ? c.dr[n + 2]! : c.dr[n]!; };
  t[0x123] = (c) => { privileged(c); const m = c.fetch8(); const n = (m >> 3) & 7; c.dr[n === 4 || n === 5 ? n + 2 : n] = c.r32[m & 7]!; };
  t[0x130] = (c) => { privileged(c); writeMsr(c, c.r32[1]! >>> 0, (BigInt(c.r32[2]! >>> 0) << 32n) | BigInt(c.r32[0]! >>> 0)); };
  t[0x132] = (c) => { privileged(c); const v = readMsr(c, c.r32[1]! >>> 0); c.r32[0] = Number(v & 0xffffffffn); c.r32[2] = Number(v >> 32n); };
  t[0x131] = (c) => {
    if ((c.cr4 & CR4_TSD) && c.cpl > 0 && (c.cr0 & CR0_PE)) c.fault(GP_VEC, 0);
    const v = c.tsc();
    c.r32[0] = Number(v & 0xffffffffn);
    c.r32[2] = Number((v >> 32n) & 0xffffffffn);
  };
  t[0x1a2] = (c) => { const r = cpuid(c, c.r32[0]! >>> 0); c.r32[0] = r[0]; c.r32[3] = r[1]; c.r32[1] = r[2]; c.r32[2] = r[3]; };
  t[0x134] = sysenter;
  t[0x135] = sysexit;
  t[0x63] = (c) => {
    if (!c.protectedMode) c.fault(UD_VEC);
    c.decodeModrm();
    const dst = loadE(c, 2, true);
    const src = c.r16[regField(c) << 1]!;
    if ((dst & 3) < (src & 3)) {
      const v = (dst & ~3) | (src & 3);
      if (c.modrm >= 0xc0) c.r16[(c.modrm & 7) << 1] = v; else c.wr16(c.eaLin, v);
      c.flags |= ZF;
    } else c.flags &= ~ZF;
  };
  for (let op = 0xd8; op <= 0xdf; op++) t[op] = (c) => x87(c, op);
  t[0x9b] = (c) => {
    if ((c.cr0 & (CR0_MP | CR0_TS)) === (CR0_MP | CR0_TS)) c.fault(NM_VEC);
    if (c.fpu.errorPending && (c.cr0 & CR0_NE)) c.fault(MF_VEC);
  };
}

/** CPL 0 required (real mode counts as CPL 0). */
function privileged(c: X86Cpu): void {
  if (c.cpl !== 0 && (c.cr0 & CR0_PE)) c.fault(GP_VEC, 0);
}

function readCr(c: X86Cpu, n: number): number {
  switch (n) {
    case 0: return c.cr0;
    case 2: return c.cr2;
    case 3: return c.cr3;
    case 4: return c.cr4;
    default: return c.fault(UD_VEC);
  }
}

function writeCr(c: X86Cpu, n: number, v: number): void {
  switch (n) {
    case 0: {
      if ((v & CR0_PG) && !(v & CR0_PE)) c.fault(GP_VEC, 0);
      const changed = c.cr0 ^ v;
      // PAE: turning paging on (or changing CD/NW with it on) loads the PDPTEs (SDM vol. 3 §4.4.1).
      if ((v & CR0_PG) && (c.cr4 & CR4_PAE) && (changed & (CR0_PG | CR0_CD | CR0_NW))) c.loadPdptes(c.cr3);
      c.cr0 = v | 0x10; // ET is hardwired to 1 on the P6
      if (changed & (CR0_PG | CR0_PE | CR0_WP)) c.flushTlb(true);
      if ((changed & CR0_PE) && !(v & CR0_PE)) c.segOk.fill(3, 0, 6);
      c.breakSlice = true;
      return;
    }
    case 2: c.cr2 = v >>> 0; return;
    case 3: c.writeCr3(v); return;
    case 4: {
      if (v & ~CR4_SUPPORTED) c.fault(GP_VEC, 0);
      const changed = c.cr4 ^ v;
      if ((c.cr0 & CR0_PG) && (v & CR4_PAE) && (changed & (CR4_PAE | CR4_PGE | CR4_PSE))) c.loadPdptes(c.cr3);
      c.cr4 = v;
      if (changed & (CR4_PSE | CR4_PGE | CR4_PAE)) c.flushTlb(true);
      return;
    }
    default: c.fault(UD_VEC);
  }
}

/** 0F 00: SLDT STR LLDT LTR VERR VERW (protected mode only). */
function group6(c: X86Cpu): void {
  if (!c.protectedMode) c.fault(UD_VEC);
  c.decodeModrm();
  const op = regField(c);
  switch (op) {
    case 0: case 1: {
      const v = c.sel[op === 0 ? LDTR : TR]!;
      if (c.modrm >= 0xc0) setReg(c, c.modrm & 7, vsize(c), v); else c.wrE16(v);
      return;
    }
    case 2: {
      privileged(c);
      const sel = c.rdE16();
      if ((sel & 0xfffc) === 0) { c.setCache(LDTR, sel, 0, 0, 0); return; }
      if (sel & 4) c.fault(GP_VEC, sel & 0xfffc);
      c.readDescriptor(sel);
      if ((c.descRights & 0x1f) !== 0x02) c.fault(GP_VEC, sel & 0xfffc);
      if (!(c.descRights & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
      c.setCache(LDTR, sel, c.descBase, c.descLimit, c.descRights);
      return;
    }
    case 3: {
      privileged(c);
      const sel = c.rdE16();
      if ((sel & 0xfffc) === 0 || (sel & 4)) c.fault(GP_VEC, sel & 0xfffc);
      c.readDescriptor(sel);
      const type = c.descRights & 0x1f;
      if (type !== 0x01 && type !== 0x09) c.fault(GP_VEC, sel & 0xfffc);
      if (!(c.descRights & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
      c.sysWr8(c.descAddr + 5, ((c.descHi >> 8) & 0xff) | 2); // busy
      c.setCache(TR, sel, c.descBase, c.descLimit, c.descRights | 2);
      return;
    }
    case 4: case 5: {
      const sel = c.rdE16();
      c.flags = verify(c, sel, op === 5) ? c.flags | ZF : c.flags & ~ZF;
      return;
    }
    default: c.fault(UD_VEC);
  }
}

/** VERR/VERW: readable/writable from CPL and RPL. */
function verify(c: X86Cpu, sel: number, write: boolean): boolean {
  if (!readableDescriptor(c, sel)) return false;
  const r = c.descRights;
  if (!(r & DESC_S)) return false;
  const code = (r & DESC_CODE) !== 0;
  if (!(code && (r & DESC_CONFORMING)) && c.descDpl < Math.max(c.cpl, sel & 3)) return false;
  if (write) return !code && (r & DESC_RW) !== 0;
  return !code || (r & DESC_RW) !== 0;
}

/** Reads `sel`'s descriptor without faulting; false when it is null or outside its table. */
function readableDescriptor(c: X86Cpu, sel: number): boolean {
  if ((sel & 0xfffc) === 0) return false;
  const ldt = (sel & 4) !== 0;
  const limit = ldt ? c.segLimit[LDTR]! : c.gdtLimit;
  if ((sel | 7) > limit || (ldt && !(c.segRights[LDTR]! & DESC_P))) return false;
  c.readDescriptor(sel);
  return true;
}

/** LAR (access rights) / LSL (limit): ZF=1 and the destination written when the descriptor is visible. */
function larLsl(c: X86Cpu, lar: boolean): void {
  if (!c.protectedMode) c.fault(UD_VEC);
  c.decodeModrm();
  const sel = c.rdE16();
  let ok = readableDescriptor(c, sel);
  if (ok) {
    const r = c.descRights;
    const type = r & 0x1f;
    if (!(r & DESC_S)) {
      const validLar = [1, 2, 3, 4, 5, 9, 0xb, 0xc];
      const validLsl = [1, 2, 3, 9, 0xb];
      ok = (lar ? validLar : validLsl).includes(type & 0xf);
    }
    const conformingCode = (r & (DESC_S | DESC_CODE | DESC_CONFORMING)) === (DESC_S | DESC_CODE | DESC_CONFORMING);
    if (ok && !conformingCode && c.descDpl < Math.max(c.cpl, sel & 3)) ok = false;
  }
  if (!ok) { c.flags &= ~ZF; return; }
  c.flags |= ZF;
  const s = vsize(c);
  const v = lar ? c.descHi & (s === 4 ? 0x00f0ff00 : 0xff00) : c.descLimit;
  setReg(c, regField(c), s, s === 4 ? v : v & 0xffff);
}

/** 0F 01: SGDT SIDT LGDT LIDT SMSW LMSW INVLPG. */
function group7(c: X86Cpu): void {
  c.decodeModrm();
  const op = regField(c);
  const mem = c.modrm < 0xc0;
  switch (op) {
    case 0: case 1: {
      if (!mem) c.fault(UD_VEC);
      const limit = op === 0 ? c.gdtLimit : c.idtLimit;
      let base = op === 0 ? c.gdtBase : c.idtBase;
      if (c.model === '80286') base = (base & 0xffffff) | 0xff000000;
      c.wrv16(c.eaSeg, c.eaOff, limit);
      c.wrv32(c.eaSeg, (c.eaOff + 2) >>> 0, base);
      return;
    }
    case 2: case 3: {
      if (!mem) c.fault(UD_VEC);
      privileged(c);
      const limit = c.rdv16(c.eaSeg, c.eaOff);
      let base = c.rdv32(c.eaSeg, (c.eaOff + 2) >>> 0);
      if (!c.os32) base &= 0xffffff;
      if (op === 2) { c.gdtBase = base; c.gdtLimit = limit; } else { c.idtBase = base; c.idtLimit = limit; }
      return;
    }
    case 4: {
      const msw = c.model === '80286' ? (c.cr0 & 0xf) | 0xfff0 : c.cr0;
      if (!mem && c.os32) c.r32[c.modrm & 7] = msw; else c.wrE16(msw & 0xffff);
      return;
    }
    case 6: {
      privileged(c);
      const v = c.rdE16();
      // LMSW loads PE, MP, EM, TS and cannot clear PE.
      c.cr0 = (c.cr0 & ~0xe) | (v & 0xf) | (c.cr0 & CR0_PE);
      c.breakSlice = true;
      return;
    }
    case 7: {
      if (!mem) c.fault(UD_VEC);
      privileged(c);
      c.invalidatePage((c.segBase[c.eaSeg]! + c.eaOff) | 0);
      return;
    }
    default: c.fault(UD_VEC);
  }
}

/** SYSENTER (SDM vol. 2): flat ring-0 CS/SS from IA32_SYSENTER_CS, ESP/EIP from the MSRs. */
function sysenter(c: X86Cpu): void {
  if (!(c.cr0 & CR0_PE) || (c.sysenterCs & 0xfffc) === 0) c.fault(GP_VEC, 0);
  c.flags &= ~(VM | IF | RF);
  const cs = c.sysenterCs & 0xfffc;
  c.setCache(CS, cs, 0, 0xffffffff, 0xc09b);
  c.setCache(SS, cs + 8, 0, 0xffffffff, 0xc093);
  c.setPrivilege(0);
  c.r32[4] = c.sysenterEsp;
  c.eip = c.sysenterEip >>> 0;
  c.breakSlice = true;
}

function sysexit(c: X86Cpu): void {
  if (!(c.cr0 & CR0_PE) || c.cpl !== 0 || (c.sysenterCs & 0xfffc) === 0) c.fault(GP_VEC, 0);
  const cs = c.sysenterCs & 0xfffc;
  c.setCache(CS, (cs + 16) | 3, 0, 0xffffffff, 0xc0fb);
  c.setCache(SS, (cs + 24) | 3, 0, 0xffffffff, 0xc0f3);
  c.setPrivilege(3);
  c.r32[4] = c.r32[1]!;
  c.eip = c.r32[2]! >>> 0;
  c.breakSlice = true;
}

/** The no-wait x87 control instructions, which do not take a pending unmasked exception first. */
function noWait(op: number, modrm: number): boolean {
  const reg = (modrm >> 3) & 7;
  if (op === 0xdb) return modrm === 0xe2 || modrm === 0xe3;
  if (op === 0xdf) return modrm === 0xe0;
  if (op === 0xd9) return modrm < 0xc0 && (reg === 6 || reg === 7);
  if (op === 0xdd) return modrm < 0xc0 && (reg === 6 || reg === 7);
  return false;
}

/** D8-DF: #NM when CR0.EM or CR0.TS, #MF for a pending unmasked exception with CR0.NE, #UD for undefined encodings. */
function x87(c: X86Cpu, op: number): void {
  if (c.cr0 & (CR0_EM | CR0_TS)) c.fault(NM_VEC);
  c.decodeModrm();
  const modrm = c.modrm;
  if (!noWait(op, modrm) && c.fpu.errorPending && (c.cr0 & CR0_NE)) c.fault(MF_VEC);
  if (op === 0xdf && modrm === 0xe0) { c.r16[0] = c.fpu.statusWord; return; }
  const lin = modrm < 0xc0 ? c.linear(c.eaSeg, c.eaOff, 1, false) : -1;
  try {
    c.fpu.execute(op, modrm, lin, c.fpuMemory, c.os32, c.protectedMode, c.flags);
  } catch (e) {
    if (e instanceof X87InvalidOpcode) c.fault(UD_VEC);
    throw e;
  }
  const ef = c.fpu.takeEflags();
  if (ef >= 0) c.flags = (c.flags & ~EFLAGS_FCOMI_MASK) | ef;
  const control = (op === 0xd9 && modrm < 0xc0 && ((modrm >> 3) & 7) >= 4) || noWait(op, modrm);
  if (!control) {
    c.fpu.setLastInstruction(c.sel[CS]!, c.startEip, c.sel[c.eaSeg]!, modrm < 0xc0 ? c.eaOff : 0, ((op & 7) << 8) | modrm);
  }
}

import {
  CR0_PE, CS, DESC_CODE, DESC_CONFORMING, DESC_P, DESC_RW, DESC_S, DS, ES, FS, GP_VEC, GS, IOPL, NP_VEC, NT, SS,
  SS_VEC, VM,
} from './constants.js';
import { tssStack } from './interrupts.js';
import { TASK_CALL, TASK_GATE, TASK_JMP, TSS16_AVAIL, TSS16_BUSY, TSS32_AVAIL, TSS32_BUSY, iretTask, jumpOrCallTask } from './task-switch.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/**
 * Far JMP, CALL, RET and IRET (SDM vol. 2 JMP/CALL/RET/IRET "protected mode" operation): code-segment
 * checks, call gates (with the stack switch and parameter copy for a call to inner privilege), returns
 * to outer privilege; TSS and task-gate targets and IRET with NT switch tasks (task-switch.ts); IRET
 * enters virtual-8086 mode from CPL 0 and, with IOPL 3, returns within it (SDM vol. 3 §20.2.7).
 */

function isTask(type: number): boolean {
  return type === TASK_GATE || type === TSS16_AVAIL || type === TSS32_AVAIL || type === TSS16_BUSY || type === TSS32_BUSY;
}

function isCode(r: number): boolean {
  return (r & (DESC_S | DESC_CODE)) === (DESC_S | DESC_CODE);
}

/** Checks a code segment reached directly (no gate) at privilege `cpl`; returns its cache fields. */
function directCode(c: X86Cpu, sel: number): void {
  const r = c.descRights;
  const dpl = c.descDpl;
  if (r & DESC_CONFORMING) {
    if (dpl > c.cpl) c.fault(GP_VEC, sel & 0xfffc);
  } else if ((sel & 3) > c.cpl || dpl !== c.cpl) c.fault(GP_VEC, sel & 0xfffc);
  if (!(r & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
}

function loadCode(c: X86Cpu, sel: number, cpl: number, base: number, limit: number, rights: number, eip: number): void {
  if (eip > limit) c.fault(GP_VEC, 0);
  c.setCache(CS, (sel & 0xfffc) | cpl, base, limit, rights);
  c.setPrivilege(cpl);
  c.eip = eip;
  c.breakSlice = true;
}

export function farJump(c: X86Cpu, sel: number, eip: number): void {
  if (!c.protectedMode) { c.loadReal(CS, sel); c.eip = eip; c.breakSlice = true; return; }
  if ((sel & 0xfffc) === 0) c.fault(GP_VEC, 0);
  c.readDescriptor(sel);
  const r = c.descRights;
  if (isCode(r)) {
    directCode(c, sel);
    c.markAccessed();
    loadCode(c, sel, c.cpl, c.descBase, c.descLimit, r, eip);
    return;
  }
  const type = r & 0x1f;
  if (type === 0x04 || type === 0x0c) {
    const gate = callGate(c, sel);
    c.readDescriptor(gate.sel);
    const tr = c.descRights;
    if (!isCode(tr)) c.fault(GP_VEC, gate.sel & 0xfffc);
    const dpl = c.descDpl;
    if ((tr & DESC_CONFORMING) ? dpl > c.cpl : dpl !== c.cpl) c.fault(GP_VEC, gate.sel & 0xfffc);
    if (!(tr & DESC_P)) c.fault(NP_VEC, gate.sel & 0xfffc);
    c.markAccessed();
    loadCode(c, gate.sel, c.cpl, c.descBase, c.descLimit, tr, gate.eip);
    return;
  }
  if (!isTask(type)) c.fault(GP_VEC, sel & 0xfffc);
  jumpOrCallTask(c, sel, TASK_JMP, c.eip);
}

interface Gate { sel: number; eip: number; count: number; is32: boolean }

/** Reads the call gate just loaded into desc*: DPL ≥ max(CPL, RPL), present. */
function callGate(c: X86Cpu, sel: number): Gate {
  const dpl = c.descDpl;
  if (dpl < c.cpl || dpl < (sel & 3)) c.fault(GP_VEC, sel & 0xfffc);
  if (!(c.descRights & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
  const is32 = (c.descRights & 8) !== 0;
  const eip = is32 ? ((c.descLo & 0xffff) | (c.descHi & 0xffff0000)) >>> 0 : c.descLo & 0xffff;
  const target = c.descLo >>> 16;
  if ((target & 0xfffc) === 0) c.fault(GP_VEC, 0);
  return { sel: target, eip, count: c.descHi & 0x1f, is32 };
}

export function farCall(c: X86Cpu, sel: number, eip: number): void {
  const retCs = c.sel[CS]!;
  const retEip = c.eip;
  if (!c.protectedMode) {
    if (c.os32) { c.push32(retCs); c.push32(retEip); } else { c.push16(retCs); c.push16(retEip); }
    c.loadReal(CS, sel);
    c.eip = eip;
    c.breakSlice = true;
    return;
  }
  if ((sel & 0xfffc) === 0) c.fault(GP_VEC, 0);
  c.readDescriptor(sel);
  const r = c.descRights;
  if (isCode(r)) {
    directCode(c, sel);
    const base = c.descBase;
    const limit = c.descLimit;
    if (eip > limit) c.fault(GP_VEC, 0);
    c.markAccessed();
    pushFrame(c, c.os32, [retCs, retEip]);
    loadCode(c, sel, c.cpl, base, limit, r, eip);
    return;
  }
  const type = r & 0x1f;
  if (isTask(type)) { jumpOrCallTask(c, sel, TASK_CALL, c.eip); return; }
  if (type !== 0x04 && type !== 0x0c) c.fault(GP_VEC, sel & 0xfffc);
  const gate = callGate(c, sel);
  c.readDescriptor(gate.sel);
  const tr = c.descRights;
  const dpl = c.descDpl;
  if (!isCode(tr) || dpl > c.cpl) c.fault(GP_VEC, gate.sel & 0xfffc);
  if (!(tr & DESC_P)) c.fault(NP_VEC, gate.sel & 0xfffc);
  const base = c.descBase;
  const limit = c.descLimit;
  if (gate.eip > limit) c.fault(GP_VEC, 0);
  c.markAccessed();
  if ((tr & DESC_CONFORMING) || dpl === c.cpl) {
    pushFrame(c, gate.is32, [retCs, retEip]);
    loadCode(c, gate.sel, c.cpl, base, limit, tr, gate.eip);
    return;
  }
  // To inner privilege: new stack from the TSS, old SS:ESP, `count` parameters copied, return address.
  const stack = tssStack(c, dpl);
  const ssSel = stack.ss;
  if ((ssSel & 0xfffc) === 0 || (ssSel & 3) !== dpl) c.fault(10, ssSel & 0xfffc);
  c.readDescriptor(ssSel, 10);
  const sr = c.descRights;
  if (c.descDpl !== dpl || (sr & (DESC_S | DESC_CODE | DESC_RW)) !== (DESC_S | DESC_RW)) c.fault(10, ssSel & 0xfffc);
  if (!(sr & DESC_P)) c.fault(SS_VEC, ssSel & 0xfffc);
  const size = gate.is32 ? 4 : 2;
  const params: number[] = [];
  for (let i = gate.count - 1; i >= 0; i--) params.push(size === 4 ? c.peek32(i * 4) : c.peek16(i * 2));
  const oldSs = c.sel[SS]!;
  const oldEsp = c.r32[4]!;
  const ssBase = c.descBase;
  const ssLimit = c.descLimit;
  const saved = saveStack(c);
  c.setCache(SS, ssSel, ssBase, ssLimit, sr);
  if (c.stack32) c.r32[4] = stack.sp; else c.r16[8] = stack.sp;
  const cpl = c.cpl;
  c.setPrivilege(dpl);
  try {
    pushFrame(c, gate.is32, [oldSs, oldEsp, ...params, retCs, retEip]);
  } catch (e) {
    restoreStack(c, saved);
    c.setPrivilege(cpl);
    throw e;
  }
  loadCode(c, gate.sel, dpl, base, limit, tr, gate.eip);
}

function saveStack(c: X86Cpu): number[] {
  return [c.sel[SS]!, c.segBase[SS]!, c.segLimit[SS]!, c.segRights[SS]!, c.r32[4]!];
}
function restoreStack(c: X86Cpu, s: number[]): void {
  c.setCache(SS, s[0]!, s[1]!, s[2]!, s[3]!);
  c.r32[4] = s[4]!;
}

/** Pushes values in order after checking the whole frame fits (restartable). */
function pushFrame(c: X86Cpu, size32: boolean, values: number[]): void {
  const size = size32 ? 4 : 2;
  const need = values.length * size;
  const top = (c.sp - need) & (c.stack32 ? -1 : 0xffff);
  c.linear(SS, c.stack32 ? top >>> 0 : top, need, true);
  for (const v of values) if (size32) c.push32(v); else c.push16(v);
}

/** RETF imm16 (`extra` bytes of parameters released). */
export function farReturn(c: X86Cpu, extra: number): void {
  const size = c.os32 ? 4 : 2;
  const eip = size === 4 ? c.peek32(0) >>> 0 : c.peek16(0);
  const sel = size === 4 ? c.peek32(4) & 0xffff : c.peek16(2);
  if (!c.protectedMode) {
    c.sp = c.sp + 2 * size + extra;
    c.loadReal(CS, sel);
    c.eip = eip;
    c.breakSlice = true;
    return;
  }
  returnTo(c, sel, eip, size, 2 * size + extra, extra, -1);
}

/**
 * The common tail of RETF and IRET in protected mode: `popped` bytes of the frame consumed, then for a
 * return to outer privilege ESP and SS are read after it. `flags` (≥ 0 for IRET) is written with the old
 * CPL's rules before the privilege changes.
 */
function returnTo(c: X86Cpu, sel: number, eip: number, size: number, popped: number, extra: number, flags: number): void {
  if ((sel & 0xfffc) === 0) c.fault(GP_VEC, 0);
  const rpl = sel & 3;
  if (rpl < c.cpl) c.fault(GP_VEC, sel & 0xfffc);
  c.readDescriptor(sel);
  const r = c.descRights;
  if (!isCode(r)) c.fault(GP_VEC, sel & 0xfffc);
  const dpl = c.descDpl;
  if ((r & DESC_CONFORMING) ? dpl > rpl : dpl !== rpl) c.fault(GP_VEC, sel & 0xfffc);
  if (!(r & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
  const base = c.descBase;
  const limit = c.descLimit;
  if (eip > limit) c.fault(GP_VEC, 0);
  if (rpl === c.cpl) {
    c.markAccessed();
    c.sp = c.sp + popped;
    if (flags >= 0) c.writeFlags(flags, size === 4);
    loadCode(c, sel, rpl, base, limit, r, eip);
    return;
  }
  const newEsp = size === 4 ? c.peek32(popped) >>> 0 : c.peek16(popped);
  const ssSel = size === 4 ? c.peek32(popped + 4) & 0xffff : c.peek16(popped + 2);
  if ((ssSel & 0xfffc) === 0) c.fault(GP_VEC, 0);
  if ((ssSel & 3) !== rpl) c.fault(GP_VEC, ssSel & 0xfffc);
  c.readDescriptor(ssSel);
  const sr = c.descRights;
  if (c.descDpl !== rpl || (sr & (DESC_S | DESC_CODE | DESC_RW)) !== (DESC_S | DESC_RW)) c.fault(GP_VEC, ssSel & 0xfffc);
  if (!(sr & DESC_P)) c.fault(SS_VEC, ssSel & 0xfffc);
  c.markAccessed();
  const ssBase = c.descBase;
  const ssLimit = c.descLimit;
  c.markAccessedAt(sel);
  if (flags >= 0) c.writeFlags(flags, size === 4);
  loadCode(c, sel, rpl, base, limit, r, eip);
  c.setCache(SS, ssSel, ssBase, ssLimit, sr);
  c.sp = newEsp + extra;
  // Data segments the outer level may not use become null (SDM vol. 2 RET, "RETURN-TO-OUTER-PRIVILEGE-LEVEL").
  for (const s of [ES, DS, FS, GS]) {
    const segRights = c.segRights[s]!;
    const conformingCode = (segRights & (DESC_CODE | DESC_CONFORMING)) === (DESC_CODE | DESC_CONFORMING);
    if (c.segOk[s] && !conformingCode && ((segRights >> 5) & 3) < rpl) c.loadNull(s, 0);
  }
}

export function iret(c: X86Cpu): void {
  const size = c.os32 ? 4 : 2;
  const pe = (c.cr0 & CR0_PE) !== 0;
  // Virtual-8086 mode: IRET is IOPL-sensitive; a nested task returns through its TSS link.
  if (pe && (c.flags & VM) && (c.flags & IOPL) !== IOPL) c.fault(GP_VEC, 0);
  if (pe && !(c.flags & VM) && (c.flags & NT)) { c.unblockNmi(); iretTask(c); return; }
  const eip = size === 4 ? c.peek32(0) >>> 0 : c.peek16(0);
  const sel = size === 4 ? c.peek32(4) & 0xffff : c.peek16(2);
  const flags = size === 4 ? c.peek32(8) : c.peek16(4);
  c.unblockNmi();
  if (!pe || (c.flags & VM)) {
    // Real mode, or virtual-8086 mode with IOPL 3 (VM and IOPL are kept: writeFlags never writes VM).
    c.sp = c.sp + 3 * size;
    c.writeFlags(flags, size === 4);
    c.loadReal(CS, sel);
    c.eip = eip;
    c.breakSlice = true;
    return;
  }
  if (size === 4 && (flags & VM) && c.cpl === 0) { returnToV86(c, eip, sel, flags); return; }
  returnTo(c, sel, eip, size, 3 * size, 0, flags);
}

/**
 * IRET from CPL 0 with VM = 1 in the popped EFLAGS (SDM vol. 2 IRET "RETURN-TO-VIRTUAL-8086-MODE"):
 * ESP, SS, ES, DS, FS, GS follow EIP, CS, EFLAGS on the stack; every segment gets a real-mode style
 * cache and CPL becomes 3.
 */
function returnToV86(c: X86Cpu, eip: number, cs: number, flags: number): void {
  const esp = c.peek32(12);
  const seg = [c.peek32(16), c.peek32(20), c.peek32(24), c.peek32(28), c.peek32(32)].map((v) => v & 0xffff);
  c.flags = (flags & (0x3f7fd5 | VM)) | 2;
  c.breakSlice = true;
  c.setCache(CS, cs, cs << 4, 0xffff, 0xf3);
  const order = [SS, ES, DS, FS, GS];
  for (let i = 0; i < 5; i++) c.setCache(order[i]!, seg[i]!, seg[i]! << 4, 0xffff, 0xf3);
  c.r32[4] = esp;
  c.setPrivilege(3);
  c.eip = eip & 0xffff;
}

import {
  AC, CR0_PE, CS, DESC_CODE, DESC_CONFORMING, DESC_P, DESC_RW, DESC_S, DS, ES, FS, GP_VEC, GS, IF, NP_VEC, NT, RF,
  SS, SS_VEC, TF, TR, TS_VEC, VM,
} from './constants.js';
import type { X86Core as X86Cpu } from './x86-core.js';
import { TASK_CALL, TASK_GATE, TSS16_AVAIL, TSS32_AVAIL, taskSwitch } from './task-switch.js';

/**
 * Delivers interrupt/exception `vector` (SDM vol. 3 §6.12): through the IVT in real mode, through an
 * interrupt or trap gate in protected mode with the privilege checks and the stack switch through the
 * TSS, or through a task gate (a nested task switch). From virtual-8086 mode only a gate to a
 * non-conforming DPL 0 code segment is allowed; GS FS DS ES are pushed before SS:ESP and then nulled
 * (SDM vol. 3 §20.3.1.1). `soft` is INT n/INT3/INTO (gate DPL checked against CPL). `ret` is the EIP
 * pushed. Writes registers only after every check and push succeeded, so a fault here leaves the
 * interrupted state as it was (a task switch: up to its commit).
 */
export function interrupt(c: X86Cpu, vector: number, errorCode: number, soft: boolean, ret: number): void {
  if (!(c.cr0 & CR0_PE)) { realMode(c, vector, ret); return; }
  const ext = soft ? 0 : 1;
  const gateErr = vector * 8 + 2 + ext;
  if (vector * 8 + 7 > c.idtLimit) c.fault(GP_VEC, gateErr);
  const lo = c.sysRd32((c.idtBase + vector * 8) | 0);
  const hi = c.sysRd32((c.idtBase + vector * 8 + 4) | 0);
  const type = (hi >> 8) & 0x1f;
  if (type !== 0x06 && type !== 0x07 && type !== 0x0e && type !== 0x0f && type !== TASK_GATE) c.fault(GP_VEC, gateErr);
  if (soft && ((hi >> 13) & 3) < c.cpl) c.fault(GP_VEC, gateErr);
  if (!(hi & 0x8000)) c.fault(NP_VEC, gateErr);
  if (type === TASK_GATE) { taskGate(c, lo >>> 16, ext, errorCode, ret); return; }
  const v86 = (c.flags & VM) !== 0;
  const is32 = (type & 8) !== 0;
  const trap = (type & 1) !== 0;
  const sel = lo >>> 16;
  const offset = is32 ? ((lo & 0xffff) | (hi & 0xffff0000)) >>> 0 : lo & 0xffff;
  if ((sel & 0xfffc) === 0) c.fault(GP_VEC, ext);
  c.readDescriptor(sel, GP_VEC);
  const rights = c.descRights;
  const dpl = c.descDpl;
  if ((rights & (DESC_S | DESC_CODE)) !== (DESC_S | DESC_CODE) || dpl > c.cpl) c.fault(GP_VEC, (sel & 0xfffc) + ext);
  if (!(rights & DESC_P)) c.fault(NP_VEC, (sel & 0xfffc) + ext);
  const csBase = c.descBase;
  const csLimit = c.descLimit;
  if (offset > csLimit) c.fault(GP_VEC, ext);
  const flags = c.readFlags() | (c.flags & VM);
  const oldCs = c.sel[CS]!;
  const size = is32 ? 4 : 2;
  const inner = !(rights & DESC_CONFORMING) && dpl < c.cpl;
  if (v86 && (!inner || dpl !== 0)) c.fault(GP_VEC, (sel & 0xfffc) + ext);
  if (inner) {
    const stack = tssStack(c, dpl);
    const ssSel = stack.ss;
    if ((ssSel & 0xfffc) === 0) c.fault(TS_VEC, ext);
    if ((ssSel & 3) !== dpl) c.fault(TS_VEC, (ssSel & 0xfffc) + ext);
    c.readDescriptor(ssSel, TS_VEC);
    const ssRights = c.descRights;
    if (c.descDpl !== dpl || (ssRights & (DESC_S | DESC_CODE | DESC_RW)) !== (DESC_S | DESC_RW)) c.fault(TS_VEC, (ssSel & 0xfffc) + ext);
    if (!(ssRights & DESC_P)) c.fault(SS_VEC, (ssSel & 0xfffc) + ext);
    c.markAccessed();
    const ssBase = c.descBase;
    const ssLimit = c.descLimit;
    // Push on the new stack through a scratch view of it: SS, ESP, EFLAGS, CS, EIP, error code.
    const big = (ssRights & 0x4000) !== 0;
    const frame = [c.sel[SS]!, c.r32[4]!, flags, oldCs, ret];
    if (v86) frame.unshift(c.sel[GS]!, c.sel[FS]!, c.sel[DS]!, c.sel[ES]!);
    if (errorCode >= 0) frame.push(errorCode);
    let sp = stack.sp;
    const mask = big ? -1 : 0xffff;
    for (const v of frame) {
      sp = (sp - size) & mask;
      const off = big ? sp >>> 0 : sp;
      if (off + size - 1 > ssLimit) c.fault(SS_VEC, (ssSel & 0xfffc) + ext);
      const lin = (ssBase + off) | 0;
      if (size === 4) sysWrite32(c, lin, v, dpl); else sysWrite16(c, lin, v, dpl);
    }
    if (v86) for (const s of [ES, DS, FS, GS]) c.loadNull(s, 0);
    c.setCache(SS, ssSel, ssBase, ssLimit, ssRights);
    if (big) c.r32[4] = sp; else c.r16[8] = sp;
  } else {
    if (!(rights & DESC_CONFORMING) && dpl !== c.cpl) c.fault(GP_VEC, (sel & 0xfffc) + ext);
    const frame = errorCode >= 0 ? [flags, oldCs, ret, errorCode] : [flags, oldCs, ret];
    // Check the whole frame fits before writing (restartable).
    const need = frame.length * size;
    const sp = c.sp;
    const top = (sp - need) & (c.stack32 ? -1 : 0xffff);
    c.linear(SS, c.stack32 ? top >>> 0 : top, need, true);
    for (const v of frame) {
      if (size === 4) c.push32(v); else c.push16(v);
    }
  }
  c.markAccessedAt(sel);
  const newCpl = inner ? dpl : c.cpl;
  c.setCache(CS, (sel & 0xfffc) | newCpl, csBase, csLimit, rights);
  c.setPrivilege(newCpl);
  c.eip = offset;
  c.flags &= ~(TF | NT | RF | VM | (trap ? 0 : IF));
  c.breakSlice = true;
}

/**
 * Interrupt or exception through a task gate (SDM vol. 2 INT n "TASK-GATE"): the TSS selector must
 * name an available TSS in the GDT (#GP(TSS selector + EXT) otherwise), then a nested task switch;
 * an exception's error code is pushed on the new task's stack.
 */
function taskGate(c: X86Cpu, tss: number, ext: number, errorCode: number, ret: number): void {
  if (tss & 4) c.fault(GP_VEC, (tss & 0xfffc) + ext);
  c.readDescriptor(tss & ~4);
  const t = c.descRights & 0x1f;
  if (t !== TSS16_AVAIL && t !== TSS32_AVAIL) c.fault(GP_VEC, (tss & 0xfffc) + ext);
  const is32 = taskSwitch(c, tss, TASK_CALL, ret);
  if (errorCode >= 0) {
    if (is32) c.push32(errorCode); else c.push16(errorCode);
    c.startEsp = c.r32[4]!;
  }
}

/** Real-address mode: the IVT at IDTR.base, FLAGS/CS/IP pushed, IF/TF/AC cleared. */
function realMode(c: X86Cpu, vector: number, ret: number): void {
  const at = vector * 4;
  if (at + 3 > c.idtLimit) c.fault(GP_VEC, 0);
  const ip = c.sysRd16((c.idtBase + at) | 0);
  const cs = c.sysRd16((c.idtBase + at + 2) | 0);
  const sp = c.sp;
  if (!c.wrap16) c.linear(SS, ((sp - 6) & (c.stack32 ? -1 : 0xffff)) >>> 0, 6, true);
  c.push16(c.readFlags());
  c.push16(c.sel[CS]!);
  c.push16(ret);
  c.flags &= ~(IF | TF | AC | RF);
  c.loadReal(CS, cs);
  c.eip = ip;
  c.breakSlice = true;
}

/** SS:ESP for privilege `dpl` from the current TSS (32-bit or 16-bit); #TS when outside its limit. */
export function tssStack(c: X86Cpu, dpl: number): { ss: number; sp: number } {
  const type = c.segRights[TR]! & 0xf;
  const base = c.segBase[TR]!;
  const limit = c.segLimit[TR]!;
  if (type === 0x9 || type === 0xb) {
    const at = 4 + dpl * 8;
    if (at + 5 > limit) c.fault(TS_VEC, c.sel[TR]! & 0xfffc);
    return { sp: c.sysRd32((base + at) | 0) >>> 0, ss: c.sysRd16((base + at + 4) | 0) };
  }
  if (type === 0x1 || type === 0x3) {
    const at = 2 + dpl * 4;
    if (at + 3 > limit) c.fault(TS_VEC, c.sel[TR]! & 0xfffc);
    return { sp: c.sysRd16((base + at) | 0), ss: c.sysRd16((base + at + 2) | 0) };
  }
  return c.fault(TS_VEC, c.sel[TR]! & 0xfffc);
}

/** A stack write at the new privilege (supervisor unless the new level is 3). */
function sysWrite32(c: X86Cpu, lin: number, v: number, dpl: number): void {
  if (dpl === 3) c.wr32(lin, v); else c.sysWr32(lin, v);
}
function sysWrite16(c: X86Cpu, lin: number, v: number, dpl: number): void {
  if (dpl === 3) c.wr16(lin, v); else c.sysWr16(lin, v);
}

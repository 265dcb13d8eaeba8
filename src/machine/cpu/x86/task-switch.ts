import {
  CR0_TS, CS, DESC_CODE, DESC_CONFORMING, DESC_P, DESC_RW, DESC_S, DS, ES, FS, GP_VEC, GS, LDTR,
  NP_VEC, NT, RF, SS, SS_VEC, TR, TS_VEC, VM,
} from './constants.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** What started the switch (SDM vol. 3 §7.3): busy bits and the NT flag / back link differ. */
export const TASK_JMP = 0;
export const TASK_IRET = 1;
/** CALL, and interrupts/exceptions through a task gate ("with nesting"). */
export const TASK_CALL = 2;

/** The TSS descriptor types (system descriptors, S = 0): available / busy, 16- and 32-bit. */
export const TSS16_AVAIL = 0x01;
export const TSS16_BUSY = 0x03;
export const TSS32_AVAIL = 0x09;
export const TSS32_BUSY = 0x0b;
export const TASK_GATE = 0x05;

/** The segment registers in TSS order (ES CS SS DS FS GS), and the order the switch qualifies them in. */
const TSS_SEGS = [ES, CS, SS, DS, FS, GS];
const LOAD_ORDER = [CS, SS, ES, DS, FS, GS];

/**
 * The task switch of SDM vol. 3 §7.3, with the TSS descriptor `sel` just read into c.desc* (a busy
 * TSS for IRET, an available one otherwise: the callers checked types, privilege and busy bits).
 * `nextEip` is the EIP saved in the outgoing TSS. Everything up to saving the old state is
 * restartable; from the commit on, a fault is raised in the new task's context (SDM §7.3 step 13).
 * Returns whether the new TSS is a 32-bit one (an error code is then pushed as a dword).
 */
export function taskSwitch(c: X86Cpu, sel: number, source: number, nextEip: number): boolean {
  const rights = c.descRights;
  const is32 = (rights & 8) !== 0;
  if (!(rights & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
  const limit = c.descLimit;
  if (limit < (is32 ? 0x67 : 0x2b)) c.fault(TS_VEC, sel & 0xfffc);
  const base = c.descBase;
  const descAddr = c.descAddr;
  const descHi = c.descHi;

  // The new task's state (read first: a fault here leaves everything as it was).
  const regs: number[] = [];
  const segs: number[] = [];
  let cr3 = -1;
  let eip: number;
  let flags: number;
  let ldt: number;
  let trap = 0;
  if (is32) {
    cr3 = c.sysRd32(base + 0x1c);
    eip = c.sysRd32(base + 0x20) >>> 0;
    flags = c.sysRd32(base + 0x24);
    for (let i = 0; i < 8; i++) regs.push(c.sysRd32(base + 0x28 + i * 4));
    for (let i = 0; i < 6; i++) segs.push(c.sysRd16(base + 0x48 + i * 4));
    ldt = c.sysRd16(base + 0x60);
    trap = c.sysRd16(base + 0x64) & 1;
  } else {
    eip = c.sysRd16(base + 0x0e);
    flags = c.sysRd16(base + 0x10);
    for (let i = 0; i < 8; i++) regs.push(c.sysRd16(base + 0x12 + i * 2));
    for (let i = 0; i < 4; i++) segs.push(c.sysRd16(base + 0x22 + i * 2));
    segs.push(0, 0);
    ldt = c.sysRd16(base + 0x2a);
  }

  // The outgoing TSS must be writable before anything is written (restartable up to the commit).
  const oldBase = c.segBase[TR]!;
  const old32 = (c.segRights[TR]! & 8) !== 0;
  c.translate(oldBase | 0, true, false);
  c.translate((oldBase + (old32 ? 0x5f : 0x29)) | 0, true, false);
  if (source === TASK_CALL) c.translate(base | 0, true, false);

  if (source === TASK_JMP || source === TASK_IRET) setBusy(c, c.sel[TR]!, false);
  let oldFlags = c.flags & ~RF;
  if (source === TASK_IRET) oldFlags &= ~NT;
  if (old32) {
    c.sysWr32(oldBase + 0x20, nextEip);
    c.sysWr32(oldBase + 0x24, oldFlags);
    for (let i = 0; i < 8; i++) c.sysWr32(oldBase + 0x28 + i * 4, c.r32[i]!);
    for (let i = 0; i < 6; i++) c.sysWr16(oldBase + 0x48 + i * 4, c.sel[TSS_SEGS[i]!]!);
  } else {
    c.sysWr16(oldBase + 0x0e, nextEip);
    c.sysWr16(oldBase + 0x10, oldFlags);
    for (let i = 0; i < 8; i++) c.sysWr16(oldBase + 0x12 + i * 2, c.r32[i]!);
    for (let i = 0; i < 4; i++) c.sysWr16(oldBase + 0x22 + i * 2, c.sel[TSS_SEGS[i]!]!);
  }
  if (source === TASK_CALL) {
    c.sysWr16(base, c.sel[TR]!);
    flags |= NT;
  }
  if (source !== TASK_IRET) c.sysWr8(descAddr + 5, ((descHi >> 8) & 0xff) | 2);

  // Commit: TR, CR0.TS, CR3, EFLAGS, EIP and the general registers of the new task.
  c.setCache(TR, sel, base, limit, rights | 2);
  c.cr0 |= CR0_TS;
  if (is32) {
    c.writeCr3(cr3);
    c.flags = flags | 2;
    c.r32.set(regs);
  } else {
    c.flags = (c.flags & ~0xffff) | (flags & 0xffff) | 2;
    for (let i = 0; i < 8; i++) c.r16[i << 1] = regs[i]!;
  }
  c.eip = eip;
  c.breakSlice = true;
  // The T bit: a debug trap (DR6.BT) before the new task's first instruction (SDM vol. 3 §7.2.1).
  if (trap) c.taskTrap = true;
  const v86 = (c.flags & VM) !== 0;
  const cpl = v86 ? 3 : segs[1]! & 3;
  // Selectors first, unusable caches until each one is qualified below.
  for (let i = 0; i < 6; i++) {
    const s = TSS_SEGS[i]!;
    if (v86) c.setCache(s, segs[i]!, segs[i]! << 4, 0xffff, 0xf3);
    else c.loadNull(s, segs[i]!);
  }
  c.setPrivilege(cpl);
  c.setCache(LDTR, ldt & ~4, 0, 0, 0);
  c.startEip = eip;
  c.startEsp = c.r32[4]!;

  // From here a fault belongs to the new task (SDM Table 7-1, in its order).
  if (ldt & 4) c.fault(TS_VEC, ldt & 0xfffc);
  if ((ldt & 0xfffc) !== 0) {
    c.readDescriptor(ldt, TS_VEC);
    if ((c.descRights & 0x1f) !== 0x02 || !(c.descRights & DESC_P)) c.fault(TS_VEC, ldt & 0xfffc);
    c.setCache(LDTR, ldt, c.descBase, c.descLimit, c.descRights);
  }
  if (!v86) {
    const byReg: number[] = [];
    for (let i = 0; i < 6; i++) byReg[TSS_SEGS[i]!] = segs[i]!;
    for (const s of LOAD_ORDER) loadTaskSegment(c, s, byReg[s]!, cpl);
  }
  if (eip > c.segLimit[CS]!) c.fault(GP_VEC, 0);
  return is32;
}

/** One segment register of the new task (SDM Table 7-1 "CS", "SS", "data segment" rows). */
function loadTaskSegment(c: X86Cpu, s: number, sel: number, cpl: number): void {
  const err = sel & 0xfffc;
  if (err === 0) {
    if (s === CS || s === SS) c.fault(TS_VEC, 0);
    return;
  }
  c.readDescriptor(sel, TS_VEC);
  const r = c.descRights;
  const dpl = c.descDpl;
  const rpl = sel & 3;
  if (!(r & DESC_S)) c.fault(TS_VEC, err);
  const code = (r & DESC_CODE) !== 0;
  if (s === CS) {
    if (!code) c.fault(TS_VEC, err);
    if ((r & DESC_CONFORMING) ? dpl > rpl : dpl !== rpl) c.fault(TS_VEC, err);
    if (!(r & DESC_P)) c.fault(NP_VEC, err);
  } else if (s === SS) {
    if (code || !(r & DESC_RW) || dpl !== cpl || rpl !== cpl) c.fault(TS_VEC, err);
    if (!(r & DESC_P)) c.fault(SS_VEC, err);
  } else {
    if (code && !(r & DESC_RW)) c.fault(TS_VEC, err);
    if ((!code || !(r & DESC_CONFORMING)) && (dpl < cpl || dpl < rpl)) c.fault(TS_VEC, err);
    if (!(r & DESC_P)) c.fault(NP_VEC, err);
  }
  c.markAccessed();
  c.setCache(s, sel, c.descBase, c.descLimit, c.descRights);
}

/** Sets or clears the busy bit of the TSS descriptor `sel` in the GDT. */
function setBusy(c: X86Cpu, sel: number, busy: boolean): void {
  const at = (c.gdtBase + (sel & 0xfff8) + 5) | 0;
  const b = c.sysRd8(at);
  c.sysWr8(at, busy ? b | 2 : b & ~2);
}

/**
 * A TSS or task-gate descriptor reached by JMP/CALL (SDM vol. 2 JMP/CALL "TASK-GATE" and
 * "TASK-STATE-SEGMENT"): privilege, type and busy checks, then the switch. #GP(0) when the new
 * EIP is beyond the new CS limit is raised by taskSwitch.
 */
export function jumpOrCallTask(c: X86Cpu, sel: number, source: number, nextEip: number): void {
  const type = c.descRights & 0x1f;
  const dpl = c.descDpl;
  if (dpl < c.cpl || dpl < (sel & 3)) c.fault(GP_VEC, sel & 0xfffc);
  let tss = sel;
  if (type === TASK_GATE) {
    if (!(c.descRights & DESC_P)) c.fault(NP_VEC, sel & 0xfffc);
    tss = c.descLo >>> 16;
    if (tss & 4) c.fault(GP_VEC, tss & 0xfffc);
    c.readDescriptor(tss);
    const t = c.descRights & 0x1f;
    if (t !== TSS16_AVAIL && t !== TSS32_AVAIL) c.fault(GP_VEC, tss & 0xfffc);
  } else if (type !== TSS16_AVAIL && type !== TSS32_AVAIL) {
    c.fault(GP_VEC, sel & 0xfffc); // a busy TSS
  }
  taskSwitch(c, tss, source, nextEip);
}

/** IRET with NT = 1: back to the task named by the current TSS's link field, which must be busy. */
export function iretTask(c: X86Cpu): void {
  const link = c.sysRd16(c.segBase[TR]! | 0);
  if (link & 4) c.fault(TS_VEC, link & 0xfffc);
  c.readDescriptor(link, TS_VEC);
  const t = c.descRights & 0x1f;
  if (t !== TSS16_BUSY && t !== TSS32_BUSY) c.fault(TS_VEC, link & 0xfffc);
  taskSwitch(c, link, TASK_IRET, c.eip);
}

import type { PhysicalMemory } from '../../bus/physical-memory.js';
import {
  CR0_PE, CS, DESC_CODE, DESC_DB, DESC_EXPAND_DOWN, DESC_G, DESC_P, DESC_RW, DESC_S, DS, GP_VEC, LDTR, NP_VEC,
  SS, SS_VEC, VM,
} from './constants.js';
import { X86Mmu } from './mmu.js';

/** Which processor's quirks the core follows (the conformance suites were captured on each). */
export type X86Model = '8086' | '80286' | 'i686';

/** Segment-cache access bits: reads / writes allowed through this segment. */
export const SEG_READ = 1;
export const SEG_WRITE = 2;

/**
 * Architectural state: general registers (one buffer seen as 32/16/8-bit), EIP, EFLAGS, the
 * segment registers with their descriptor caches, descriptor-table registers and the per-instruction
 * decode state (prefixes, ModRM, effective address). Data accesses go through the segment checks here.
 */
export class X86State extends X86Mmu {
  readonly r32 = new Int32Array(8);
  readonly r16 = new Uint16Array(this.r32.buffer);
  readonly r8 = new Uint8Array(this.r32.buffer);
  eip = 0;
  flags = 2;

  /** Segment caches, indexed ES CS SS DS FS GS LDTR TR. */
  readonly sel = new Int32Array(8);
  readonly segBase = new Float64Array(8);
  readonly segLimit = new Float64Array(8);
  /** Access byte in bits 0-7, AVL/L/DB/G in bits 12-15 (descriptor bits 52-55). */
  readonly segRights = new Int32Array(8);
  /** Valid offset range [segMin, segMax] (expand-down aware) and SEG_READ/SEG_WRITE. */
  readonly segMin = new Float64Array(8);
  readonly segMax = new Float64Array(8);
  readonly segOk = new Int32Array(8);
  gdtBase = 0;
  gdtLimit = 0xffff;
  idtBase = 0;
  idtLimit = 0x3ff;

  /** CS.D: default operand and address size 32. SS.B: 32-bit stack pointer. */
  code32 = false;
  stack32 = false;

  // ---- decode state of the current instruction ----
  os32 = false;
  as32 = false;
  /** Segment override prefix, or -1. */
  segOvr = -1;
  /** 0 none, 0xF3 REP/REPE, 0xF2 REPNE. */
  rep = 0;
  modrm = 0;
  /** Effective address of the memory operand (mod != 3): segment and offset. */
  eaSeg = DS;
  eaOff = 0;
  /** Base register of a 32-bit SIB address, or -1 (POP r/m adjusts an ESP-based address). */
  eaBase = -1;
  /** Linear address of a read-modify-write memory operand (set by loadE, used by storeE). */
  eaLin = 0;
  /** EIP and ESP at the start of the instruction (a fault restores them). */
  startEip = 0;
  startEsp = 0;

  /**
   * The 8086 wraps a word at offset 0xFFFF to offset 0 of the same segment (and pushes within SP), where
   * the 80286 and later raise #GP/#SS.
   */
  readonly wrap16: boolean;

  constructor(memory: PhysicalMemory, readonly model: X86Model) {
    super(memory);
    this.wrap16 = model === '8086';
  }

  get protectedMode(): boolean {
    return (this.cr0 & CR0_PE) !== 0 && (this.flags & VM) === 0;
  }

  // ---- registers ----

  /** 8-bit register n (AL CL DL BL AH CH DH BH). */
  get8(n: number): number {
    return this.r8[((n & 3) << 2) | (n >> 2)]!;
  }
  set8(n: number, v: number): void {
    this.r8[((n & 3) << 2) | (n >> 2)] = v;
  }
  get16(n: number): number {
    return this.r16[n << 1]!;
  }
  set16(n: number, v: number): void {
    this.r16[n << 1] = v;
  }

  // ---- instruction fetch ----

  /** CS base and highest offset, copied out of the cache for the fetcher. */
  protected csBase = 0;
  protected csMax = 0xffff;

  /** Re-read the code segment's cached base and limit (after its descriptor cache was written directly). */
  protected syncCodeSegment(): void {
    this.fetchPage = -1;
    this.csBase = this.segBase[CS]! | 0;
    this.csMax = this.segMax[CS]!;
  }

  fetch8(): number {
    let eip = this.eip;
    let lin = (this.csBase + eip) | 0;
    if ((lin >>> 12) === this.fetchPage && eip <= this.csMax) {
      this.eip = eip + 1;
      return this.fetchMem[this.fetchOff + (lin & 0xfff)]!;
    }
    // The 80286 raises interrupt 13 for an instruction over 10 bytes (Intel 80286 PRM; SingleStepTests 80286
    // README "Segment Override Prefixes", its captures: interrupt 13). step() lowers csMax so the 11th byte's
    // fetch comes here.
    if (this.model === '80286' && ((eip - this.startEip) & 0xffff) >= 10) this.fault(GP_VEC, 0);
    if (eip > this.segMax[CS]!) {
      // The 8086 has no limit: an instruction running past offset 0xFFFF continues at CS:0000.
      if (!this.wrap16) this.fault(GP_VEC, 0);
      eip &= 0xffff;
      lin = (this.csBase + eip) | 0;
    }
    const v = this.rd8(lin);
    this.cacheFetchPage(lin);
    this.eip = eip + 1;
    return v;
  }
  fetch16(): number {
    const eip = this.eip;
    const lin = (this.csBase + eip) | 0;
    const o = lin & 0xfff;
    if ((lin >>> 12) === this.fetchPage && o <= 0xffe && eip + 1 <= this.csMax) {
      this.eip = eip + 2;
      const m = this.fetchMem;
      const i = this.fetchOff + o;
      return m[i]! | (m[i + 1]! << 8);
    }
    return this.fetch8() | (this.fetch8() << 8);
  }
  fetch32(): number {
    const eip = this.eip;
    const lin = (this.csBase + eip) | 0;
    const o = lin & 0xfff;
    if ((lin >>> 12) === this.fetchPage && o <= 0xffc && eip + 3 <= this.csMax) {
      this.eip = eip + 4;
      const m = this.fetchMem;
      const i = this.fetchOff + o;
      return m[i]! | (m[i + 1]! << 8) | (m[i + 2]! << 16) | (m[i + 3]! << 24);
    }
    return this.fetch16() | (this.fetch16() << 16);
  }
  /** An immediate of the operand size, zero-extended for 16 bits. */
  fetchImm(): number {
    return this.os32 ? this.fetch32() : this.fetch16();
  }
  fetchS8(): number {
    return (this.fetch8() << 24) >> 24;
  }

  // ---- ModRM and effective addresses (SDM vol. 2 §2.1.5) ----

  decodeModrm(): void {
    const m = this.fetch8();
    this.modrm = m;
    if (m >= 0xc0) return;
    if (this.as32) this.ea32(m);
    else this.ea16(m);
  }

  private ea16(m: number): void {
    const mod = m >> 6;
    const r = this.r16;
    let off: number;
    let seg = DS;
    switch (m & 7) {
      case 0: off = r[6]! + r[12]!; break;
      case 1: off = r[6]! + r[14]!; break;
      case 2: off = r[10]! + r[12]!; seg = SS; break;
      case 3: off = r[10]! + r[14]!; seg = SS; break;
      case 4: off = r[12]!; break;
      case 5: off = r[14]!; break;
      case 6:
        if (mod === 0) { this.eaOff = this.fetch16(); this.eaSeg = this.segOvr >= 0 ? this.segOvr : DS; return; }
        off = r[10]!; seg = SS; break;
      default: off = r[6]!;
    }
    if (mod === 1) off += this.fetchS8();
    else if (mod === 2) off += this.fetch16();
    this.eaOff = off & 0xffff;
    this.eaSeg = this.segOvr >= 0 ? this.segOvr : seg;
  }

  private ea32(m: number): void {
    const mod = m >> 6;
    const rm = m & 7;
    let off: number;
    let seg = DS;
    this.eaBase = -1;
    if (rm === 4) {
      const sib = this.fetch8();
      const base = sib & 7;
      this.eaBase = base;
      const index = (sib >> 3) & 7;
      off = index === 4 ? 0 : this.r32[index]! << (sib >> 6);
      if (base === 5 && mod === 0) off += this.fetch32();
      else {
        off += this.r32[base]!;
        if (base === 4 || base === 5) seg = SS;
      }
    } else if (rm === 5 && mod === 0) {
      off = this.fetch32();
    } else {
      off = this.r32[rm]!;
      if (rm === 5) seg = SS;
    }
    if (mod === 1) off += this.fetchS8();
    else if (mod === 2) off += this.fetch32();
    this.eaOff = off >>> 0;
    this.eaSeg = this.segOvr >= 0 ? this.segOvr : seg;
  }

  // ---- segmented data access ----

  /** Linear address of seg:off for an access of `size` bytes, after the limit and type checks. */
  linear(seg: number, off: number, size: number, write: boolean): number {
    if ((this.segOk[seg]! & (write ? SEG_WRITE : SEG_READ)) === 0 || off < this.segMin[seg]! || off + size - 1 > this.segMax[seg]!) {
      this.segFault(seg, off, size, write);
    }
    return (this.segBase[seg]! + off) | 0;
  }

  private segFault(seg: number, off: number, size: number, write: boolean): void {
    // 8086: no limits; an access at offset 0xFFFF wraps within the segment (handled by the callers' masks).
    if (this.wrap16 && off + size - 1 > 0xffff && (this.segOk[seg]! & (write ? SEG_WRITE : SEG_READ))) return;
    // The 80286 in real mode reports every segment overrun, the stack's too, as interrupt 13 (SingleStepTests
    // 80286 real-mode captures: no case raises 12); the 386 raises #SS for the stack segment.
    const ss = seg === SS && !(this.model === '80286' && !(this.cr0 & CR0_PE));
    this.fault(ss ? SS_VEC : GP_VEC, 0);
  }

  /** The operand's linear address (mod != 3). */
  eaLinear(size: number, write: boolean): number {
    return this.linear(this.eaSeg, this.eaOff, size, write);
  }

  rdE8(): number {
    const m = this.modrm;
    return m >= 0xc0 ? this.get8(m & 7) : this.rd8(this.eaLinear(1, false));
  }
  rdE16(): number {
    const m = this.modrm;
    return m >= 0xc0 ? this.r16[(m & 7) << 1]! : this.rdv16(this.eaSeg, this.eaOff);
  }
  rdE32(): number {
    const m = this.modrm;
    return m >= 0xc0 ? this.r32[m & 7]! : this.rd32(this.eaLinear(4, false));
  }
  wrE8(v: number): void {
    const m = this.modrm;
    if (m >= 0xc0) this.set8(m & 7, v);
    else this.wr8(this.eaLinear(1, true), v);
  }
  wrE16(v: number): void {
    const m = this.modrm;
    if (m >= 0xc0) this.r16[(m & 7) << 1] = v;
    else this.wrv16(this.eaSeg, this.eaOff, v);
  }
  wrE32(v: number): void {
    const m = this.modrm;
    if (m >= 0xc0) this.r32[m & 7] = v;
    else this.wr32(this.eaLinear(4, true), v);
  }

  /** 16-bit access at seg:off; on the 8086 a word at offset 0xFFFF wraps to offset 0. */
  rdv16(seg: number, off: number): number {
    if (off === 0xffff && this.wrap16) return this.rd8(this.linear(seg, off, 1, false)) | (this.rd8(this.linear(seg, 0, 1, false)) << 8);
    return this.rd16(this.linear(seg, off, 2, false));
  }
  wrv16(seg: number, off: number, v: number): void {
    if (off === 0xffff && this.wrap16) {
      this.wr8(this.linear(seg, off, 1, true), v);
      this.wr8(this.linear(seg, 0, 1, true), v >> 8);
      return;
    }
    this.wr16(this.linear(seg, off, 2, true), v);
  }
  rdv8(seg: number, off: number): number {
    return this.rd8(this.linear(seg, off, 1, false));
  }
  wrv8(seg: number, off: number, v: number): void {
    this.wr8(this.linear(seg, off, 1, true), v);
  }
  rdv32(seg: number, off: number): number {
    return this.rd32(this.linear(seg, off, 4, false));
  }
  wrv32(seg: number, off: number, v: number): void {
    this.wr32(this.linear(seg, off, 4, true), v);
  }

  /** The data segment of a string source / memory-offset operand: DS unless overridden. */
  dataSeg(): number {
    return this.segOvr >= 0 ? this.segOvr : DS;
  }

  // ---- the stack ----

  get sp(): number {
    return this.stack32 ? this.r32[4]! >>> 0 : this.r16[8]!;
  }
  set sp(v: number) {
    if (this.stack32) this.r32[4] = v;
    else this.r16[8] = v;
  }

  push16(v: number): void {
    const sp = (this.sp - 2) & (this.stack32 ? -1 : 0xffff);
    this.wrv16(SS, this.stack32 ? sp >>> 0 : sp, v);
    this.sp = sp;
  }
  push32(v: number): void {
    const sp = (this.sp - 4) & (this.stack32 ? -1 : 0xffff);
    this.wrv32(SS, this.stack32 ? sp >>> 0 : sp, v);
    this.sp = sp;
  }
  /** Push of the operand size. */
  push(v: number): void {
    if (this.os32) this.push32(v);
    else this.push16(v);
  }
  pop16(): number {
    const sp = this.sp;
    const v = this.rdv16(SS, sp);
    this.sp = sp + 2;
    return v;
  }
  pop32(): number {
    const sp = this.sp;
    const v = this.rdv32(SS, sp);
    this.sp = sp + 4;
    return v;
  }
  pop(): number {
    return this.os32 ? this.pop32() : this.pop16();
  }
  /** Read the stack at SP + delta without moving SP (multi-pop instructions check before committing). */
  peek16(delta: number): number {
    return this.rdv16(SS, ((this.sp + delta) & (this.stack32 ? -1 : 0xffff)) >>> 0);
  }
  peek32(delta: number): number {
    return this.rdv32(SS, ((this.sp + delta) & (this.stack32 ? -1 : 0xffff)) >>> 0);
  }

  // ---- segment caches ----

  /** Loads a cache from descriptor fields (base, byte-granular limit, rights as kept in segRights). */
  setCache(s: number, sel: number, base: number, limit: number, rights: number): void {
    this.sel[s] = sel & 0xffff;
    this.segBase[s] = base >>> 0;
    this.segLimit[s] = limit >>> 0;
    this.segRights[s] = rights;
    let ok = 0;
    if (rights & DESC_P) {
      if (!(rights & DESC_S)) ok = SEG_READ | SEG_WRITE;
      else if (rights & DESC_CODE) ok = rights & DESC_RW ? SEG_READ : 0;
      else ok = SEG_READ | (rights & DESC_RW ? SEG_WRITE : 0);
    }
    // Real-address mode checks no segment types: CS is writable, every segment readable.
    if (!(this.cr0 & CR0_PE)) ok = SEG_READ | SEG_WRITE;
    const expandDown = (rights & (DESC_S | DESC_CODE | DESC_EXPAND_DOWN)) === (DESC_S | DESC_EXPAND_DOWN);
    this.segMin[s] = expandDown ? (limit >>> 0) + 1 : 0;
    this.segMax[s] = expandDown ? (rights & DESC_DB ? 0xffffffff : 0xffff) : limit >>> 0;
    this.segOk[s] = ok;
    if (s === CS) { this.fetchPage = -1; this.csBase = this.segBase[CS]! | 0; this.csMax = this.segMax[CS]!; }
    if (s === CS) this.code32 = (rights & DESC_DB) !== 0;
    else if (s === SS) this.stack32 = (rights & DESC_DB) !== 0;
  }

  /** Real-address (or virtual-8086) mode segment load: base = selector × 16, the rest of the cache kept. */
  loadReal(s: number, sel: number): void {
    sel &= 0xffff;
    this.sel[s] = sel;
    this.segBase[s] = sel << 4;
    if (s === CS) { this.fetchPage = -1; this.csBase = sel << 4; }
    if (this.flags & VM) this.setCache(s, sel, sel << 4, 0xffff, 0xf3);
  }

  /** A null selector in DS/ES/FS/GS: any access through it raises #GP(0). */
  loadNull(s: number, sel: number): void {
    this.sel[s] = sel & 0xffff;
    this.segOk[s] = 0;
    this.segRights[s] = 0;
  }

  // ---- descriptors (SDM vol. 3 §3.4.5) ----

  descLo = 0;
  descHi = 0;
  descAddr = 0;

  /** Reads the descriptor `sel` names into descLo/descHi; #GP(sel) (or `vector`) when outside its table. */
  readDescriptor(sel: number, vector = GP_VEC): void {
    const ldt = (sel & 4) !== 0;
    const base = ldt ? this.segBase[LDTR]! : this.gdtBase;
    const limit = ldt ? this.segLimit[LDTR]! : this.gdtLimit;
    if (ldt && (this.segRights[LDTR]! & DESC_P) === 0) this.fault(vector, sel & 0xfffc);
    if ((sel | 7) > limit) this.fault(vector, sel & 0xfffc);
    this.descAddr = (base + (sel & 0xfff8)) | 0;
    this.descLo = this.sysRd32(this.descAddr);
    this.descHi = this.sysRd32(this.descAddr + 4);
  }

  get descBase(): number {
    return ((this.descLo >>> 16) | ((this.descHi & 0xff) << 16) | (this.descHi & 0xff000000)) >>> 0;
  }
  get descLimit(): number {
    const l = (this.descLo & 0xffff) | (this.descHi & 0xf0000);
    return this.descHi & 0x800000 ? ((l << 12) | 0xfff) >>> 0 : l;
  }
  /** Access byte and the DB/G nibble, as segRights keeps them. */
  get descRights(): number {
    return (this.descHi >>> 8) & 0xf0ff;
  }
  get descDpl(): number {
    return (this.descHi >> 13) & 3;
  }

  /** Sets the accessed bit of the descriptor just read, as a segment load does. */
  markAccessed(): void {
    if (!(this.descHi & 0x100)) {
      this.descHi |= 0x100;
      this.sysWr8(this.descAddr + 5, (this.descHi >> 8) & 0xff);
    }
  }

  /** Re-reads `sel`'s descriptor and sets its accessed bit. */
  markAccessedAt(sel: number): void {
    this.readDescriptor(sel);
    this.markAccessed();
  }

  /** MOV/POP/LDS into a data segment register or SS (SDM vol. 2 MOV, "protected mode"). */
  loadSegment(s: number, sel: number): void {
    sel &= 0xffff;
    if (!this.protectedMode) { this.loadReal(s, sel); return; }
    const rpl = sel & 3;
    if (s === SS) {
      if ((sel & 0xfffc) === 0) this.fault(GP_VEC, 0);
      this.readDescriptor(sel);
      const r = this.descRights;
      if (rpl !== this.cpl || this.descDpl !== this.cpl || (r & (DESC_S | DESC_CODE | DESC_RW)) !== (DESC_S | DESC_RW)) this.fault(GP_VEC, sel & 0xfffc);
      if (!(r & DESC_P)) this.fault(SS_VEC, sel & 0xfffc);
    } else {
      if ((sel & 0xfffc) === 0) { this.loadNull(s, sel); return; }
      this.readDescriptor(sel);
      const r = this.descRights;
      const code = (r & DESC_CODE) !== 0;
      if (!(r & DESC_S) || (code && !(r & DESC_RW))) this.fault(GP_VEC, sel & 0xfffc);
      // Data and non-conforming code: DPL ≥ max(CPL, RPL).
      if ((!code || !(r & 4)) && this.descDpl < Math.max(this.cpl, rpl)) this.fault(GP_VEC, sel & 0xfffc);
      if (!(r & DESC_P)) this.fault(NP_VEC, sel & 0xfffc);
    }
    this.markAccessed();
    this.setCache(s, sel, this.descBase, this.descLimit, this.descRights);
  }

  /** Rights of a flat 4 GiB segment, for tests and resets. */
  static readonly FLAT32_CODE = DESC_P | DESC_S | DESC_CODE | DESC_RW | DESC_DB | DESC_G | 0x1;
  static readonly FLAT32_DATA = DESC_P | DESC_S | DESC_RW | DESC_DB | DESC_G | 0x1;
}

import { DS, SS } from '../constants.js';
import type { CodeReader } from './code-reader.js';

/** Prefix state of one instruction, as the interpreter's step() collects it. */
export interface Prefixes {
  readonly os32: boolean;
  readonly as32: boolean;
  /** Segment override, or -1. */
  readonly seg: number;
  /** 0, 0xF2 or 0xF3. */
  readonly rep: number;
}

/** A decoded ModRM operand: register number (mod = 3) or an effective-address expression and its segment. */
export interface ModrmOperand {
  readonly modrm: number;
  readonly reg: number;
  /** The r/m register when mod = 3, else -1. */
  readonly rm: number;
  /** JS expression of the offset (unsigned, masked to the address size); empty for a register. */
  readonly off: string;
  readonly seg: number;
}

const R16_OF = ['c.r16[0]', 'c.r16[2]', 'c.r16[4]', 'c.r16[6]', 'c.r16[8]', 'c.r16[10]', 'c.r16[12]', 'c.r16[14]'];

/** Reads the ModRM byte and its SIB/displacement; the offset formula is the interpreter's ea16/ea32 (cpu-state.ts). */
export function readModrm(r: CodeReader, p: Prefixes): ModrmOperand {
  const m = r.u8();
  const reg = (m >> 3) & 7;
  if (m >= 0xc0) return { modrm: m, reg, rm: m & 7, off: '', seg: -1 };
  const mod = m >> 6;
  const rm = m & 7;
  if (!p.as32) {
    let seg = DS;
    let base: string;
    switch (rm) {
      case 0: base = `${R16_OF[3]} + ${R16_OF[6]}`; break;
      case 1: base = `${R16_OF[3]} + ${R16_OF[7]}`; break;
      case 2: base = `${R16_OF[5]} + ${R16_OF[6]}`; seg = SS; break;
      case 3: base = `${R16_OF[5]} + ${R16_OF[7]}`; seg = SS; break;
      case 4: base = R16_OF[6]!; break;
      case 5: base = R16_OF[7]!; break;
      case 6:
        if (mod === 0) return { modrm: m, reg, rm: -1, off: String(r.u16()), seg: p.seg >= 0 ? p.seg : DS };
        base = R16_OF[5]!; seg = SS; break;
      default: base = R16_OF[3]!;
    }
    const disp = mod === 1 ? r.s8() : mod === 2 ? r.u16() : 0;
    return { modrm: m, reg, rm: -1, off: `((${base} + ${disp}) & 0xffff)`, seg: p.seg >= 0 ? p.seg : seg };
  }
  let seg = DS;
  const terms: string[] = [];
  if (rm === 4) {
    const sib = r.u8();
    const base = sib & 7;
    const index = (sib >> 3) & 7;
    if (index !== 4) terms.push(`(c.r32[${index}] << ${sib >> 6})`);
    if (base === 5 && mod === 0) terms.push(String(r.i32()));
    else {
      terms.push(`c.r32[${base}]`);
      if (base === 4 || base === 5) seg = SS;
    }
  } else if (rm === 5 && mod === 0) {
    terms.push(String(r.i32()));
  } else {
    terms.push(`c.r32[${rm}]`);
    if (rm === 5) seg = SS;
  }
  if (mod === 1) terms.push(String(r.s8()));
  else if (mod === 2) terms.push(String(r.i32()));
  return { modrm: m, reg, rm: -1, off: `((${terms.join(' + ')}) >>> 0)`, seg: p.seg >= 0 ? p.seg : seg };
}

/** Register `n` of `size` bytes, unsigned (getReg). */
export function regGet(n: number, size: number): string {
  if (size === 4) return `(c.r32[${n}] >>> 0)`;
  if (size === 2) return `c.r16[${n << 1}]`;
  return `c.r8[${((n & 3) << 2) | (n >> 2)}]`;
}

/** Assignment statement to register `n` of `size` bytes (setReg). */
export function regSet(n: number, size: number, v: string): string {
  if (size === 4) return `c.r32[${n}] = ${v};`;
  if (size === 2) return `c.r16[${n << 1}] = ${v};`;
  return `c.r8[${((n & 3) << 2) | (n >> 2)}] = ${v};`;
}

/** Whether writing register `n` of `size` bytes changes ESP (AH..BH are not ESP). */
export function isEsp(n: number, size: number): boolean {
  return n === 4 && size !== 1;
}

/**
 * Placeholder the block replaces with what a slow path needs first: the instruction's start EIP and
 * count stored for a fault (the fast paths cannot fault, so they store nothing).
 */
export const FAULT_POINT = 'FAULT_POINT;';

/**
 * `L = ` the linear address of a memory operand of `size` bytes after the segment's type and limit
 * checks (X86State.linear inline: its slow path raises the fault). The block hoists the segment
 * arrays as SO/SMIN/SMAX/SB and declares L and o.
 */
export function linearOf(e: ModrmOperand, size: number, write: boolean): string {
  const s = e.seg;
  return `o = ${e.off}; if ((SO[${s}] & ${write ? 2 : 1}) === 0 || o < SMIN[${s}] || o > SMAX[${s}] - ${size - 1}) { ${FAULT_POINT} c.linear(${s}, o, ${size}, ${write}); } L = (SB[${s}] + o) | 0;`;
}

/**
 * `dst = ` the `size`-byte value at L, unsigned: the TLB's direct view inline (X86Mmu.rd8/16/32),
 * the MMU's own method for anything else, which sets S (the block then checks what the bus access
 * may have done). The block hoists the TLB arrays as TI/TM/TO.
 */
export function memRead(size: number, dst: string): string {
  const slow = (call: string): string => `else { ${FAULT_POINT} ${dst} = ${call}; S = 1; }`;
  if (size === 1) return `{ const p = L >>> 12; if ((TI[p] & c.rdNeed) === c.rdNeed) ${dst} = TM[p][TO[p] + (L & 0xfff)]; ${slow('c.rd8(L)')} }`;
  if (size === 2) {
    return `{ const p = L >>> 12, q = L & 0xfff; if (q !== 0xfff && (TI[p] & c.rdNeed) === c.rdNeed) { const m = TM[p], i = TO[p] + q; ${dst} = m[i] | (m[i + 1] << 8); } ${slow('c.rd16(L)')} }`;
  }
  return `{ const p = L >>> 12, q = L & 0xfff; if (q <= 0xffc && (TI[p] & c.rdNeed) === c.rdNeed) { const m = TM[p], i = TO[p] + q; ${dst} = (m[i] | (m[i + 1] << 8) | (m[i + 2] << 16) | (m[i + 3] << 24)) >>> 0; } ${slow('c.rd32(L) >>> 0')} }`;
}

/**
 * Writes `v` (evaluated once) of `size` bytes at L: the TLB's direct view inline (never a code page:
 * those have no direct write view), else the MMU, which sets S.
 */
export function memWrite(size: number, v: string): string {
  const slow = (call: string): string => `else { ${FAULT_POINT} ${call}; S = 1; }`;
  if (size === 1) return `{ const p = L >>> 12; W = ${v}; if ((TI[p] & c.wrNeed) === c.wrNeed) TM[p][TO[p] + (L & 0xfff)] = W; ${slow('c.wr8(L, W)')} }`;
  if (size === 2) {
    return `{ const p = L >>> 12, q = L & 0xfff; W = ${v}; if (q !== 0xfff && (TI[p] & c.wrNeed) === c.wrNeed) { const m = TM[p], i = TO[p] + q; m[i] = W; m[i + 1] = W >> 8; } ${slow('c.wr16(L, W)')} }`;
  }
  return `{ const p = L >>> 12, q = L & 0xfff; W = ${v}; if (q <= 0xffc && (TI[p] & c.wrNeed) === c.wrNeed) { const m = TM[p], i = TO[p] + q; m[i] = W; m[i + 1] = W >> 8; m[i + 2] = W >> 16; m[i + 3] = W >> 24; } ${slow('c.wr32(L, W)')} }`;
}

/** Flags ZF SF PF of a 32-bit unsigned result variable `r` (szp). */
function szp32(r: string): string {
  return `(${r} === 0 ? 0x40 : 0) | (${r} & 0x80000000 ? 0x80 : 0) | P[${r} & 0xff]`;
}

/**
 * Group-1 operation `aop` (ADD OR ADC SBB AND SUB XOR CMP) on unsigned 32-bit `a` and `b`, inline:
 * the result and EFLAGS of alu32 (alu.ts). `store(r)` is the statement that keeps the result.
 */
export function alu32Inline(aop: number, a: string, b: string, store: ((r: string) => string) | undefined): string {
  let body: string;
  if (aop === 0 || aop === 2) {
    body = `const w = a + b${aop === 2 ? ' + (c.flags & 1)' : ''}; const r = w >>> 0; `
      + `c.flags = (c.flags & ~0x8d5) | (w > 0xffffffff ? 1 : 0) | ((a ^ b ^ r) & 0x10) | ((a ^ r) & (b ^ r) & 0x80000000 ? 0x800 : 0) | ${szp32('r')};`;
  } else if (aop === 3 || aop === 5 || aop === 7) {
    body = `const w = a - b${aop === 3 ? ' - (c.flags & 1)' : ''}; const r = w >>> 0; `
      + `c.flags = (c.flags & ~0x8d5) | (w < 0 ? 1 : 0) | ((a ^ b ^ r) & 0x10) | ((a ^ b) & (a ^ r) & 0x80000000 ? 0x800 : 0) | ${szp32('r')};`;
  } else {
    body = `const r = (a ${aop === 1 ? '|' : aop === 4 ? '&' : '^'} b) >>> 0; c.flags = (c.flags & ~0x8d5) | ${szp32('r')};`;
  }
  return `{ const a = ${a}, b = ${b}; ${body} ${store ? store('r') : ''} }`;
}

/**
 * SHL/SAL, SHR, SAR, ROL of unsigned 32-bit `a` by a constant 1-31, inline (shift() and the ROL
 * path of group 2); undefined for the other rotates.
 */
export function shift32Inline(op: number, a: string, n: number, store: (r: string) => string): string | undefined {
  switch (op) {
    case 4: case 6:
      return `{ const a = ${a}; const r = (a << ${n}) >>> 0; const cf = (a >>> ${32 - n}) & 1; c.flags = (c.flags & ~0x8d5) | cf | (((r >>> 31) ^ cf) ? 0x800 : 0) | ${szp32('r')}; ${store('r')} }`;
    case 5:
      return `{ const a = ${a}; const r = a >>> ${n}; c.flags = (c.flags & ~0x8d5) | ((a >>> ${n - 1}) & 1)${n === 1 ? ' | (a & 0x80000000 ? 0x800 : 0)' : ''} | ${szp32('r')}; ${store('r')} }`;
    case 7:
      return `{ const s = ${a} | 0; const r = (s >> ${n}) >>> 0; c.flags = (c.flags & ~0x8d5) | ((s >> ${n - 1}) & 1) | ${szp32('r')}; ${store('r')} }`;
    case 0:
      return `{ const a = ${a}; const r = ((a << ${n}) | (a >>> ${32 - n})) >>> 0; const cf = r & 1; c.flags = (c.flags & ~0x801) | cf | ((cf ^ (r >>> 31)) ? 0x800 : 0); ${store('r')} }`;
    default:
      return undefined;
  }
}

/** IMUL of unsigned 32-bit `a` and `b` keeping the low half (imul2 size 4), inline. */
export function imul32Inline(a: string, b: string, store: (r: string) => string): string {
  return `{ const a = ${a}, b = ${b}; const lo = Math.imul(a, b); const r = lo >>> 0; `
    + `c.flags = (c.flags & ~0x8d5) | ((a | 0) * (b | 0) !== lo ? 0x801 : 0) | ${szp32('r')}; ${store('r')} }`;
}

/** Condition `cc` of Jcc/SETcc/CMOVcc as a JS boolean expression over c.flags (ops-common.ts cond). */
export function condition(cc: number): string {
  let e: string;
  switch (cc >> 1) {
    case 0: e = '(c.flags & 0x800) !== 0'; break;
    case 1: e = '(c.flags & 0x1) !== 0'; break;
    case 2: e = '(c.flags & 0x40) !== 0'; break;
    case 3: e = '(c.flags & 0x41) !== 0'; break;
    case 4: e = '(c.flags & 0x80) !== 0'; break;
    case 5: e = '(c.flags & 0x4) !== 0'; break;
    case 6: e = '((c.flags & 0x80) !== 0) !== ((c.flags & 0x800) !== 0)'; break;
    default: e = '((c.flags & 0x40) !== 0 || ((c.flags & 0x80) !== 0) !== ((c.flags & 0x800) !== 0))'; break;
  }
  return cc & 1 ? `!(${e})` : `(${e})`;
}

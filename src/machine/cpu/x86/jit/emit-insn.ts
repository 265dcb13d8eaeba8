import type { CodeReader } from './code-reader.js';
import {
  type ModrmOperand, type Prefixes, alu32Inline, condition, imul32Inline, isEsp, linearOf, memRead, memWrite, readModrm, regGet, regSet,
  shift32Inline,
} from './operands.js';

/**
 * JS source of one instruction, specialised at translation time: operands decoded, immediates and
 * displacements as constants. Each form does what the interpreter's handler does (the same flags,
 * the same order of checks and accesses), so a block and the interpreter leave the same state.
 */
export interface EmittedInsn {
  readonly code: string;
  /** Touches memory: may fault, and a device access may end the slice. A write leaves its address in L. */
  readonly memory: boolean;
  /** Writes memory at L (the block checks whether it wrote its own code page). */
  readonly writes: boolean;
  /** Writes ESP (a later fault must restore the new value). */
  readonly esp: boolean;
  /** How the instruction leaves: 'next' falls through; 'exit' has set c.eip and ends the block; 'branch' may have (BRANCH). */
  readonly flow: 'next' | 'exit' | 'branch';
  /** EIP a direct branch goes to (JMP, Jcc): a branch back to the block's start loops inside it. */
  readonly target?: number;
  /**
   * Its memory accesses are all inline (linearOf/memRead/memWrite): only their slow paths can fault
   * or reach a device, and they mark themselves (FAULT_POINT, S).
   */
  readonly inline?: boolean;
}

export interface InsnContext {
  readonly p: Prefixes;
  /** EIP after the instruction (valid once all its bytes are read). */
  next(): number;
}

function straight(code: string, memory = false, writes = false, esp = false): EmittedInsn {
  return { code, memory, writes, esp, flow: 'next', inline: true };
}

/** The r/m operand of `size` bytes (loadE): statements that leave it in V for memory, or a register expression. */
function loadE(e: ModrmOperand, size: number, write: boolean): { pre: string; v: string } {
  if (e.rm >= 0) return { pre: '', v: regGet(e.rm, size) };
  return { pre: `${linearOf(e, size, write)} ${memRead(size, 'V')}`, v: 'V' };
}

/** Stores to the r/m operand loaded by loadE(…, true) (storeE). */
function storeE(e: ModrmOperand, size: number, v: string): string {
  return e.rm >= 0 ? regSet(e.rm, size, v) : memWrite(size, v);
}

/** Group-1 operation on `size`-byte operands; `store` keeps the result (undefined for CMP/TEST). */
function aluOp(aop: number, a: string, b: string, size: number, store: ((r: string) => string) | undefined): string {
  if (size === 4) return alu32Inline(aop, a, b, store);
  const call = `h.alu(c, ${aop}, ${a}, ${b}, ${size})`;
  return store ? store(call) : `${call};`;
}

function writesEsp(e: ModrmOperand, size: number): boolean {
  return e.rm >= 0 && isEsp(e.rm, size);
}

/** Near branch target masked to the operand size (jumpTo). */
function target(p: Prefixes, t: number): number {
  return p.os32 ? t >>> 0 : t & 0xffff;
}

/**
 * Emits instruction `op` (0x000-0x1FF; prefixes and opcode read, `r` at the next byte), or undefined
 * for the forms left to the interpreter's handler.
 */
export function emitInsn(op: number, r: CodeReader, ctx: InsnContext): EmittedInsn | undefined {
  const p = ctx.p;
  const v = p.os32 ? 4 : 2;
  // ADD OR ADC SBB AND SUB XOR CMP, forms 0-5 (ops-alu.ts).
  if (op < 0x40 && (op & 7) < 6) {
    const aop = op >> 3;
    const write = aop !== 7;
    switch (op & 7) {
      case 0: case 1: {
        const s = op & 1 ? v : 1;
        const e = readModrm(r, p);
        const a = loadE(e, s, write);
        return straight(`${a.pre} ${aluOp(aop, a.v, regGet(e.reg, s), s, write ? (x) => storeE(e, s, x) : undefined)}`, e.rm < 0, e.rm < 0 && write, write && writesEsp(e, s));
      }
      case 2: case 3: {
        const s = op & 1 ? v : 1;
        const e = readModrm(r, p);
        const b = loadE(e, s, false);
        return straight(`${b.pre} ${aluOp(aop, regGet(e.reg, s), b.v, s, write ? (x) => regSet(e.reg, s, x) : undefined)}`, e.rm < 0, false, write && isEsp(e.reg, s));
      }
      case 4:
        return straight(aluOp(aop, 'c.r8[0]', String(r.u8()), 1, write ? (x) => `c.r8[0] = ${x};` : undefined));
      default: {
        const imm = p.os32 ? r.i32() >>> 0 : r.u16();
        return straight(aluOp(aop, regGet(0, v), String(imm), v, write ? (x) => regSet(0, v, x) : undefined));
      }
    }
  }
  // INC / DEC r16/32 (ops-alu.ts: CF kept).
  if (op >= 0x40 && op < 0x50) {
    const n = op & 7;
    const incr = op < 0x48;
    if (p.os32) {
      const x = incr ? '(a + 1) | 0' : '(a - 1) | 0';
      const of = incr ? 'x === -0x80000000' : 'a === -0x80000000';
      return straight(`{ const a = c.r32[${n}]; const x = ${x}; c.r32[${n}] = x; FLAGS0x8d4{ c.flags = (c.flags & ~0x8d4) | ((a ^ x) & 0x10) | (${of} ? 0x800 : 0) | (x === 0 ? 0x40 : 0) | (x < 0 ? 0x80 : 0) | P[x & 0xff]; }FLAGS }`, false, false, n === 4);
    }
    return straight(`c.r16[${n << 1}] = h.${incr ? 'inc' : 'dec'}(c, c.r16[${n << 1}], 2);`, false, false, n === 4);
  }
  if (op >= 0x50 && op < 0x58) return { ...straight(p.os32 ? `c.push32(c.r32[${op & 7}]);` : `c.push16(c.r16[${(op & 7) << 1}]);`, true, false, true), inline: false };
  if (op >= 0x58 && op < 0x60) return { ...straight(p.os32 ? `{ const x = c.pop32(); c.r32[${op & 7}] = x; }` : `{ const x = c.pop16(); c.r16[${(op & 7) << 1}] = x; }`, true, false, true), inline: false };
  // Jcc rel8 / rel16/32: a taken branch leaves the block (BRANCH), the fall-through stays in it.
  if ((op >= 0x70 && op < 0x80) || (op >= 0x180 && op < 0x190)) {
    const d = op < 0x100 ? r.s8() : p.os32 ? r.i32() : (r.u16() << 16) >> 16;
    const t = target(p, ctx.next() + d);
    return { code: `if (${condition(op & 15)}) { c.eip = ${t}; BRANCH }`, memory: false, writes: false, esp: false, flow: 'branch', target: t };
  }
  if (op >= 0xb0 && op < 0xb8) return straight(regSet(op & 7, 1, String(r.u8())));
  if (op >= 0xb8 && op < 0xc0) return straight(regSet(op & 7, v, String(p.os32 ? r.i32() : r.u16())), false, false, (op & 7) === 4);
  if (op >= 0x190 && op < 0x1a0) {
    const e = readModrm(r, p);
    const bit = `(${condition(op & 15)} ? 1 : 0)`;
    if (e.rm >= 0) return straight(regSet(e.rm, 1, bit));
    return straight(`${linearOf(e, 1, true)} ${memWrite(1, bit)}`, true, true);
  }
  if (op >= 0x140 && op < 0x150) {
    const e = readModrm(r, p);
    const a = loadE(e, v, false);
    return straight(`${a.pre} if (${condition(op & 15)}) ${regSet(e.reg, v, a.v)}`, e.rm < 0, false, isEsp(e.reg, v));
  }
  switch (op) {
    case 0x80: case 0x81: case 0x83: {
      const s = op === 0x80 ? 1 : v;
      const e = readModrm(r, p);
      const aop = e.reg;
      const a = loadE(e, s, aop !== 7);
      const imm = op === 0x80 ? r.u8() : op === 0x81 ? (p.os32 ? r.i32() >>> 0 : r.u16()) : (s === 4 ? r.s8() >>> 0 : r.s8() & 0xffff);
      const code = aluOp(aop, a.v, String(imm), s, aop !== 7 ? (x) => storeE(e, s, x) : undefined);
      return straight(`${a.pre} ${code}`, e.rm < 0, e.rm < 0 && aop !== 7, aop !== 7 && writesEsp(e, s));
    }
    case 0x84: case 0x85: {
      const s = op === 0x84 ? 1 : v;
      const e = readModrm(r, p);
      const a = loadE(e, s, false);
      return straight(`${a.pre} ${aluOp(4, a.v, regGet(e.reg, s), s, undefined)}`, e.rm < 0);
    }
    case 0xa8: return straight(aluOp(4, 'c.r8[0]', String(r.u8()), 1, undefined));
    case 0xa9: return straight(aluOp(4, regGet(0, v), String(p.os32 ? r.i32() >>> 0 : r.u16()), v, undefined));
    case 0x88: case 0x89: {
      const s = op === 0x88 ? 1 : v;
      const e = readModrm(r, p);
      const src = s === 4 ? `c.r32[${e.reg}]` : regGet(e.reg, s);
      if (e.rm >= 0) return straight(regSet(e.rm, s, src), false, false, isEsp(e.rm, s));
      return straight(`${linearOf(e, s, true)} ${memWrite(s, src)}`, true, true);
    }
    case 0x8a: case 0x8b: {
      const s = op === 0x8a ? 1 : v;
      const e = readModrm(r, p);
      if (e.rm >= 0) return straight(regSet(e.reg, s, s === 4 ? `c.r32[${e.rm}]` : regGet(e.rm, s)), false, false, isEsp(e.reg, s));
      return straight(`${linearOf(e, s, false)} ${memRead(s, 'V')} ${regSet(e.reg, s, 'V')}`, true, false, isEsp(e.reg, s));
    }
    case 0x8d: {
      const e = readModrm(r, p);
      if (e.rm >= 0) return undefined;
      return straight(regSet(e.reg, v, e.off), false, false, isEsp(e.reg, v));
    }
    case 0x90: return straight('');
    case 0xc6: case 0xc7: {
      const s = op === 0xc6 ? 1 : v;
      const e = readModrm(r, p);
      if (e.reg !== 0) return undefined;
      const imm = s === 1 ? r.u8() : p.os32 ? r.i32() : r.u16();
      if (e.rm >= 0) return straight(regSet(e.rm, s, String(imm)), false, false, isEsp(e.rm, s));
      return straight(`${linearOf(e, s, true)} ${memWrite(s, String(imm))}`, true, true);
    }
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: {
      const s = op & 1 ? v : 1;
      const e = readModrm(r, p);
      const sop = e.reg;
      const a = loadE(e, s, true);
      const mem = e.rm < 0;
      const esp = writesEsp(e, s);
      if (op <= 0xd1) {
        const n = op <= 0xc1 ? r.u8() & 31 : 1;
        if (n === 0) return straight(a.pre, mem, false, false);
        const inline = s === 4 ? shift32Inline(sop, a.v, n, (x) => storeE(e, 4, x)) : undefined;
        if (inline) return straight(`${a.pre} ${inline}`, mem, mem, esp);
        return straight(`${a.pre} ${storeE(e, s, `h.shift(c, ${sop}, ${a.v}, ${n}, ${s})`)}`, mem, mem, esp);
      }
      const rol = sop === 0 && s === 4
        ? `const x = ((a << n) | (a >>> (32 - n))) >>> 0; const cf = x & 1; c.flags = (c.flags & ~0x801) | cf | ((cf ^ (x >>> 31)) ? 0x800 : 0); ${storeE(e, 4, 'x')}`
        : storeE(e, s, `h.shift(c, ${sop}, a, n, ${s})`);
      return straight(`${a.pre} { const a = ${a.v}; const n = c.r8[4] & 31; if (n !== 0) { ${rol} } }`, mem, mem, esp);
    }
    case 0x69: case 0x6b: case 0x1af: {
      const e = readModrm(r, p);
      const b = loadE(e, v, false);
      const keep = (x: string): string => regSet(e.reg, v, x);
      if (op === 0x1af) {
        const code = v === 4 ? imul32Inline(regGet(e.reg, 4), b.v, keep) : keep(`h.imul2(c, ${regGet(e.reg, v)}, ${b.v}, ${v})`);
        return straight(`${b.pre} ${code}`, e.rm < 0, false, isEsp(e.reg, v));
      }
      const imm = op === 0x69 ? (p.os32 ? r.i32() >>> 0 : r.u16()) : (v === 4 ? r.s8() >>> 0 : r.s8() & 0xffff);
      const code = v === 4 ? imul32Inline(b.v, String(imm), keep) : keep(`h.imul2(c, ${b.v}, ${imm}, ${v})`);
      return straight(`${b.pre} ${code}`, e.rm < 0, false, isEsp(e.reg, v));
    }
    case 0x1b6: case 0x1b7: case 0x1be: case 0x1bf: {
      const s = op & 1 ? 2 : 1;
      const e = readModrm(r, p);
      const a = loadE(e, s, false);
      const val = op >= 0x1be ? (s === 1 ? `((${a.v} << 24) >> 24)` : `((${a.v} << 16) >> 16)`) : a.v;
      return straight(`${a.pre} ${regSet(e.reg, v, val)}`, e.rm < 0, false, isEsp(e.reg, v));
    }
    case 0xeb: case 0xe9: {
      const d = op === 0xeb ? r.s8() : p.os32 ? r.i32() : (r.u16() << 16) >> 16;
      const t = target(p, ctx.next() + d);
      return { code: `c.eip = ${t};`, memory: false, writes: false, esp: false, flow: 'exit', target: t };
    }
    case 0xe8: {
      const d = p.os32 ? r.i32() : (r.u16() << 16) >> 16;
      const ret = ctx.next();
      const t = target(p, ret + d);
      return { code: `${p.os32 ? `c.push32(${ret})` : `c.push16(${ret})`}; c.eip = ${t};`, memory: true, writes: false, esp: true, flow: 'exit', target: t };
    }
    case 0xc3:
      return { code: p.os32 ? 'c.eip = c.pop32() >>> 0;' : 'c.eip = c.pop16() & 0xffff;', memory: true, writes: false, esp: true, flow: 'exit' };
    default:
      return undefined;
  }
}

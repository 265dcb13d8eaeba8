import type { CodeReader } from './code-reader.js';
import {
  type ModrmOperand, type Prefixes, condition, isEsp, linearOf, memGet, memSet, readModrm, regGet, regSet,
} from './operands.js';

/**
 * JS source of one instruction, specialised at translation time: operands decoded, immediates and
 * displacements as constants. Each form does what the interpreter's handler does (same helpers for
 * flags, same order of checks and accesses), so a block and the interpreter leave the same state.
 */
export interface EmittedInsn {
  readonly code: string;
  /** Touches memory: may fault, and a device access may end the slice. The code defines `L` when it writes. */
  readonly memory: boolean;
  /** Writes memory through `L` (the block checks whether it wrote its own code page). */
  readonly writes: boolean;
  /** Writes ESP (a later fault must restore the new value). */
  readonly esp: boolean;
  /** How the instruction leaves: 'next' falls through; 'exit' has set c.eip and ends the block; 'branch' may have (see taken). */
  readonly flow: 'next' | 'exit' | 'branch';
}

/** Where an instruction ends and what its successor's EIP is (the block fills this in). */
export interface InsnContext {
  readonly p: Prefixes;
  /** EIP after the instruction, known once it is decoded: the emitter gets a function for it. */
  next(): number;
}

const ALU = 'h.alu';

function straight(code: string, memory = false, writes = false, esp = false): EmittedInsn {
  return { code, memory, writes, esp, flow: 'next' };
}

/** r/m read of `size` (loadE), with the memory statement before it. */
function loadE(e: ModrmOperand, size: number, write: boolean): { pre: string; v: string } {
  if (e.rm >= 0) return { pre: '', v: regGet(e.rm, size) };
  return { pre: linearOf(e, size, write), v: memGet(size, 'L') };
}

function storeE(e: ModrmOperand, size: number, v: string): string {
  return e.rm >= 0 ? regSet(e.rm, size, v) : memSet(size, 'L', v);
}

function writesEsp(e: ModrmOperand, size: number): boolean {
  return e.rm >= 0 && isEsp(e.rm, size);
}

/** Near branch target masked to the operand size (jumpTo). */
function target(p: Prefixes, t: number): number {
  return p.os32 ? t >>> 0 : t & 0xffff;
}

/**
 * Emits the instruction `op` (0x000-0x1FF, prefixes and opcode already read; `r` at the byte after
 * the opcode), or returns undefined for forms the translator leaves to the interpreter.
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
        if (s === 4 && e.rm >= 0) {
          const res = `h.alu32(c, ${aop}, (c.r32[${e.rm}] >>> 0), (c.r32[${e.reg}] >>> 0))`;
          return straight(write ? `c.r32[${e.rm}] = ${res};` : `${res};`, false, false, write && e.rm === 4);
        }
        const a = loadE(e, s, write);
        const res = `${ALU}(c, ${aop}, ${a.v}, ${regGet(e.reg, s)}, ${s})`;
        return straight(`${a.pre} ${write ? storeE(e, s, res) : `${res};`}`, e.rm < 0, e.rm < 0 && write, write && writesEsp(e, s));
      }
      case 2: case 3: {
        const s = op & 1 ? v : 1;
        const e = readModrm(r, p);
        if (s === 4) {
          const b = e.rm >= 0 ? `(c.r32[${e.rm}] >>> 0)` : `(c.rd32(c.linear(${e.seg}, ${e.off}, 4, false)) >>> 0)`;
          const res = `h.alu32(c, ${aop}, (c.r32[${e.reg}] >>> 0), ${b})`;
          return straight(write ? `c.r32[${e.reg}] = ${res};` : `${res};`, e.rm < 0, false, write && e.reg === 4);
        }
        const b = loadE(e, s, false);
        const res = `${ALU}(c, ${aop}, ${regGet(e.reg, s)}, ${b.v}, ${s})`;
        return straight(`${b.pre} ${write ? regSet(e.reg, s, res) : `${res};`}`, e.rm < 0, false, write && isEsp(e.reg, s));
      }
      case 4: {
        const imm = r.u8();
        const res = `${ALU}(c, ${aop}, c.r8[0], ${imm}, 1)`;
        return straight(write ? `c.r8[0] = ${res};` : `${res};`);
      }
      default: {
        const imm = p.os32 ? r.i32() >>> 0 : r.u16();
        const res = `${ALU}(c, ${aop}, ${regGet(0, v)}, ${imm}, ${v})`;
        return straight(write ? regSet(0, v, res) : `${res};`);
      }
    }
  }
  // INC / DEC r16/32 (ops-alu.ts: CF kept).
  if (op >= 0x40 && op < 0x50) {
    const n = op & 7;
    const incr = op < 0x48;
    if (p.os32) {
      const body = incr
        ? `const a = c.r32[${n}]; const x = (a + 1) | 0; c.r32[${n}] = x; c.flags = (c.flags & ~0x8d4) | ((a ^ x) & 0x10) | (x === -0x80000000 ? 0x800 : 0) | (x === 0 ? 0x40 : 0) | (x < 0 ? 0x80 : 0) | h.PARITY[x & 0xff];`
        : `const a = c.r32[${n}]; const x = (a - 1) | 0; c.r32[${n}] = x; c.flags = (c.flags & ~0x8d4) | ((a ^ x) & 0x10) | (a === -0x80000000 ? 0x800 : 0) | (x === 0 ? 0x40 : 0) | (x < 0 ? 0x80 : 0) | h.PARITY[x & 0xff];`;
      return straight(`{ ${body} }`, false, false, n === 4);
    }
    return straight(`c.r16[${n << 1}] = h.${incr ? 'inc' : 'dec'}(c, c.r16[${n << 1}], 2);`, false, false, n === 4);
  }
  // PUSH / POP r16/32.
  if (op >= 0x50 && op < 0x58) return straight(p.os32 ? `c.push32(c.r32[${op & 7}]);` : `c.push16(c.r16[${(op & 7) << 1}]);`, true, false, true);
  if (op >= 0x58 && op < 0x60) return straight(p.os32 ? `{ const x = c.pop32(); c.r32[${op & 7}] = x; }` : `{ const x = c.pop16(); c.r16[${(op & 7) << 1}] = x; }`, true, false, true);
  // Jcc rel8 / rel16/32: a taken branch leaves the block, the fall-through continues in it.
  if ((op >= 0x70 && op < 0x80) || (op >= 0x180 && op < 0x190)) {
    const d = op < 0x100 ? r.s8() : p.os32 ? r.i32() : (r.u16() << 16) >> 16;
    const t = target(p, ctx.next() + d);
    return { code: `if (${condition(op & 15)}) { c.eip = ${t}; BRANCH }`, memory: false, writes: false, esp: false, flow: 'branch' };
  }
  switch (op) {
    case 0x80: case 0x81: case 0x83: {
      const s = op === 0x80 ? 1 : v;
      const e = readModrm(r, p);
      const aop = e.reg;
      const a = loadE(e, s, aop !== 7);
      const imm = op === 0x80 ? r.u8() : op === 0x81 ? (p.os32 ? r.i32() >>> 0 : r.u16()) : (s === 4 ? r.s8() >>> 0 : r.s8() & 0xffff);
      const res = `${ALU}(c, ${aop}, ${a.v}, ${imm}, ${s})`;
      return straight(`{ ${a.pre} ${aop !== 7 ? storeE(e, s, res) : `${res};`} }`, e.rm < 0, e.rm < 0 && aop !== 7, aop !== 7 && writesEsp(e, s));
    }
    case 0x84: case 0x85: {
      const s = op === 0x84 ? 1 : v;
      const e = readModrm(r, p);
      const a = loadE(e, s, false);
      return straight(`{ ${a.pre} ${ALU}(c, 4, ${a.v}, ${regGet(e.reg, s)}, ${s}); }`, e.rm < 0);
    }
    case 0xa8: return straight(`${ALU}(c, 4, c.r8[0], ${r.u8()}, 1);`);
    case 0xa9: return straight(`${ALU}(c, 4, ${regGet(0, v)}, ${p.os32 ? r.i32() >>> 0 : r.u16()}, ${v});`);
    case 0x88: case 0x89: {
      const s = op === 0x88 ? 1 : v;
      const e = readModrm(r, p);
      if (e.rm >= 0) return straight(regSet(e.rm, s, s === 4 ? `c.r32[${e.reg}]` : regGet(e.reg, s)), false, false, isEsp(e.rm, s));
      const src = s === 4 ? `c.r32[${e.reg}]` : regGet(e.reg, s);
      return straight(`{ ${linearOf(e, s, true)} ${memSet(s, 'L', src)} }`, true, true);
    }
    case 0x8a: case 0x8b: {
      const s = op === 0x8a ? 1 : v;
      const e = readModrm(r, p);
      const src = e.rm >= 0 ? (s === 4 ? `c.r32[${e.rm}]` : regGet(e.rm, s)) : s === 4 ? `c.rd32(c.linear(${e.seg}, ${e.off}, 4, false))` : `${memGet(s, `c.linear(${e.seg}, ${e.off}, ${s}, false)`)}`;
      return straight(regSet(e.reg, s, src), e.rm < 0, false, isEsp(e.reg, s));
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
      if (e.rm >= 0) {
        const imm = s === 1 ? r.u8() : p.os32 ? r.i32() : r.u16();
        return straight(regSet(e.rm, s, String(imm)), false, false, isEsp(e.rm, s));
      }
      const lin = linearOf(e, s, true);
      const imm = s === 1 ? r.u8() : p.os32 ? r.i32() : r.u16();
      return straight(`{ ${lin} ${memSet(s, 'L', String(imm))} }`, true, true);
    }
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: {
      const s = op & 1 ? v : 1;
      const e = readModrm(r, p);
      const sop = e.reg;
      const a = loadE(e, s, true);
      const count = op <= 0xc1 ? String(r.u8() & 31) : op <= 0xd1 ? '1' : '(c.r8[4] & 31)';
      const rol = sop === 0 && s === 4
        ? `const x = ((a << n) | (a >>> (32 - n))) >>> 0; const cf = x & 1; c.flags = (c.flags & ~0x801) | cf | ((cf ^ (x >>> 31)) ? 0x800 : 0); ${storeE(e, 4, 'x')}`
        : storeE(e, s, `h.shift(c, ${sop}, a, n, ${s})`);
      return straight(`{ ${a.pre} const a = ${a.v}; const n = ${count}; if (n !== 0) { ${rol} } }`, e.rm < 0, e.rm < 0, writesEsp(e, s));
    }
    case 0x69: case 0x6b: case 0x1af: {
      const e = readModrm(r, p);
      const b = loadE(e, v, false);
      if (op === 0x1af) return straight(`{ ${b.pre} ${regSet(e.reg, v, `h.imul2(c, ${regGet(e.reg, v)}, ${b.v}, ${v})`)} }`, e.rm < 0, false, isEsp(e.reg, v));
      const imm = op === 0x69 ? (p.os32 ? r.i32() >>> 0 : r.u16()) : (v === 4 ? r.s8() >>> 0 : r.s8() & 0xffff);
      return straight(`{ ${b.pre} const a = ${b.v}; ${regSet(e.reg, v, `h.imul2(c, a, ${imm}, ${v})`)} }`, e.rm < 0, false, isEsp(e.reg, v));
    }
    case 0x1b6: case 0x1b7: case 0x1be: case 0x1bf: {
      const s = op & 1 ? 2 : 1;
      const e = readModrm(r, p);
      const a = loadE(e, s, false);
      const val = op >= 0x1be ? (s === 1 ? `((${a.v} << 24) >> 24)` : `((${a.v} << 16) >> 16)`) : a.v;
      return straight(`{ ${a.pre} ${regSet(e.reg, v, val)} }`, e.rm < 0, false, isEsp(e.reg, v));
    }
    case 0xeb: case 0xe9: {
      const d = op === 0xeb ? r.s8() : p.os32 ? r.i32() : (r.u16() << 16) >> 16;
      return { code: `c.eip = ${target(p, ctx.next() + d)};`, memory: false, writes: false, esp: false, flow: 'exit' };
    }
    case 0xe8: {
      const d = p.os32 ? r.i32() : (r.u16() << 16) >> 16;
      const ret = ctx.next();
      return { code: `${p.os32 ? `c.push32(${ret})` : `c.push16(${ret})`}; c.eip = ${target(p, ret + d)};`, memory: true, writes: false, esp: true, flow: 'exit' };
    }
    case 0xc3:
      return { code: p.os32 ? 'c.eip = c.pop32() >>> 0;' : 'c.eip = c.pop16() & 0xffff;', memory: true, writes: false, esp: true, flow: 'exit' };
    default:
      if (op >= 0xb0 && op < 0xb8) return straight(regSet(op & 7, 1, String(r.u8())));
      if (op >= 0xb8 && op < 0xc0) return straight(regSet(op & 7, v, String(p.os32 ? r.i32() : r.u16())), false, false, (op & 7) === 4);
      if (op >= 0x190 && op < 0x1a0) {
        const e = readModrm(r, p);
        if (e.rm >= 0) return straight(regSet(e.rm, 1, `${condition(op & 15)} ? 1 : 0`));
        return straight(`{ ${linearOf(e, 1, true)} c.wr8(L, ${condition(op & 15)} ? 1 : 0); }`, true, true);
      }
      if (op >= 0x140 && op < 0x150) {
        const e = readModrm(r, p);
        const a = loadE(e, v, false);
        const keep = v === 4 ? ` else c.r32[${e.reg}] = c.r32[${e.reg}];` : '';
        return straight(`{ ${a.pre} const x = ${a.v}; if (${condition(op & 15)}) ${regSet(e.reg, v, 'x')}${keep} }`, e.rm < 0, false, isEsp(e.reg, v));
      }
      return undefined;
  }
}

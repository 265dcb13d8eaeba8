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

/** Read of `size` bytes at linear address variable `lin`, unsigned as loadE returns it. */
export function memGet(size: number, lin: string): string {
  if (size === 4) return `(c.rd32(${lin}) >>> 0)`;
  if (size === 2) return `c.rd16(${lin})`;
  return `c.rd8(${lin})`;
}

export function memSet(size: number, lin: string, v: string): string {
  if (size === 4) return `c.wr32(${lin}, ${v});`;
  if (size === 2) return `c.wr16(${lin}, ${v});`;
  return `c.wr8(${lin}, ${v});`;
}

/** `L = c.linear(...)` for a memory operand of `size` bytes (the segment limit and type checks); the block declares L. */
export function linearOf(e: ModrmOperand, size: number, write: boolean): string {
  return `L = c.linear(${e.seg}, ${e.off}, ${size}, ${write});`;
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

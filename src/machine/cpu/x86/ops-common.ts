import { CF, OF, PF, SF, ZF } from './constants.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** An opcode handler: runs after the prefixes and opcode byte(s) are fetched. */
export type Op = (c: X86Cpu) => void;

/** Operand size of a "v" operand: 4 or 2 bytes. */
export function vsize(c: X86Cpu): number {
  return c.os32 ? 4 : 2;
}

/** Register `n` of `size` bytes, unsigned. */
export function getReg(c: X86Cpu, n: number, size: number): number {
  return size === 4 ? c.r32[n]! >>> 0 : size === 2 ? c.r16[n << 1]! : c.get8(n);
}

export function setReg(c: X86Cpu, n: number, size: number, v: number): void {
  if (size === 4) c.r32[n] = v;
  else if (size === 2) c.r16[n << 1] = v;
  else c.set8(n, v);
}

/** The ModRM r/m operand (unsigned); for memory remembers the linear address for storeE. */
export function loadE(c: X86Cpu, size: number, write: boolean): number {
  const m = c.modrm;
  if (m >= 0xc0) return getReg(c, m & 7, size);
  const lin = c.eaLinear(size, write);
  c.eaLin = lin;
  if (size === 4) return c.rd32(lin) >>> 0;
  if (size === 2) {
    if (c.model === '8086' && c.eaOff === 0xffff) return c.rdv16(c.eaSeg, c.eaOff);
    return c.rd16(lin);
  }
  return c.rd8(lin);
}

/** Writes the r/m operand loaded by loadE(…, true). */
export function storeE(c: X86Cpu, size: number, v: number): void {
  const m = c.modrm;
  if (m >= 0xc0) { setReg(c, m & 7, size, v); return; }
  if (size === 4) c.wr32(c.eaLin, v);
  else if (size === 2) {
    if (c.model === '8086' && c.eaOff === 0xffff) c.wrv16(c.eaSeg, c.eaOff, v);
    else c.wr16(c.eaLin, v);
  } else c.wr8(c.eaLin, v);
}

/** The reg field of the ModRM byte. */
export function regField(c: X86Cpu): number {
  return (c.modrm >> 3) & 7;
}

/** Condition code `cc` (the low nibble of Jcc/SETcc/CMOVcc). */
export function cond(flags: number, cc: number): boolean {
  let r: boolean;
  switch (cc >> 1) {
    case 0: r = (flags & OF) !== 0; break;
    case 1: r = (flags & CF) !== 0; break;
    case 2: r = (flags & ZF) !== 0; break;
    case 3: r = (flags & (CF | ZF)) !== 0; break;
    case 4: r = (flags & SF) !== 0; break;
    case 5: r = (flags & PF) !== 0; break;
    case 6: r = ((flags & SF) !== 0) !== ((flags & OF) !== 0); break;
    default: r = (flags & ZF) !== 0 || ((flags & SF) !== 0) !== ((flags & OF) !== 0); break;
  }
  return (cc & 1) ? !r : r;
}

/** Sign-extends a `size`-byte value. */
export function sext(v: number, size: number): number {
  return size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
}

/** Near jump target: EIP masked to the operand size. */
export function jumpTo(c: X86Cpu, target: number): void {
  const eip = c.os32 ? target >>> 0 : target & 0xffff;
  c.eip = eip;
}

/** The count register of string ops and LOOP: CX or ECX by address size. */
export function getCount(c: X86Cpu): number {
  return c.as32 ? c.r32[1]! >>> 0 : c.r16[2]!;
}
export function setCount(c: X86Cpu, v: number): void {
  if (c.as32) c.r32[1] = v; else c.r16[2] = v;
}

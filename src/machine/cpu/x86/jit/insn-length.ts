import type { CodeReader } from './code-reader.js';
import type { Prefixes } from './operands.js';

/**
 * Operand bytes after the opcode (SDM vol. 2, Appendix A opcode maps), for instructions the block
 * translator leaves to the interpreter's handler but keeps translating after. The block checks at
 * run time that the handler left EIP where this length says, so a wrong entry only ends the block
 * early; it can never run the wrong bytes.
 */
const enum F {
  /** No ModRM byte, no immediate. */
  None = 0,
  ModRm = 1,
  Imm8 = 2,
  /** An immediate of the operand size (2 or 4 bytes). */
  ImmV = 4,
  Imm16 = 8,
  /** A moffs of the address size (A0-A3). */
  Moffs = 16,
  /** A far pointer: offset of the operand size, then a selector. */
  Far = 32,
  /** Group 3 (F6/F7): TEST (/0, /1) has an immediate of the operand's size. */
  Group3 = 64,
  /** Not decoded here: the block ends after the instruction. */
  Unknown = 128,
}

const TABLE = new Uint8Array(0x200).fill(F.Unknown);

function set(ops: readonly number[] | number, f: number): void {
  for (const op of typeof ops === 'number' ? [ops] : ops) TABLE[op] = f;
}
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

for (let op = 0; op < 0x40; op++) {
  const form = op & 7;
  set(op, form < 4 ? F.ModRm : form === 4 ? F.Imm8 : form === 5 ? F.ImmV : F.None);
}
set(0x0f, F.Unknown);
set(range(0x40, 0x61), F.None);
set([0x62, 0x63], F.ModRm);
set(0x68, F.ImmV);
set(0x69, F.ModRm | F.ImmV);
set(0x6a, F.Imm8);
set(0x6b, F.ModRm | F.Imm8);
set(range(0x6c, 0x6f), F.None);
set(range(0x70, 0x7f), F.Imm8);
set([0x80, 0x82, 0x83], F.ModRm | F.Imm8);
set(0x81, F.ModRm | F.ImmV);
set(range(0x84, 0x8f), F.ModRm);
set(range(0x90, 0x99), F.None);
set(0x9a, F.Far);
set(range(0x9b, 0x9f), F.None);
set(range(0xa0, 0xa3), F.Moffs);
set(range(0xa4, 0xa7), F.None);
set(0xa8, F.Imm8);
set(0xa9, F.ImmV);
set(range(0xaa, 0xaf), F.None);
set(range(0xb0, 0xb7), F.Imm8);
set(range(0xb8, 0xbf), F.ImmV);
set([0xc0, 0xc1, 0xc6], F.ModRm | F.Imm8);
set([0xc2, 0xca], F.Imm16);
set([0xc3, 0xc9, 0xcb, 0xcc, 0xce, 0xcf], F.None);
set([0xc4, 0xc5], F.ModRm);
set(0xc7, F.ModRm | F.ImmV);
set(0xc8, F.Imm16 | F.Imm8);
set(0xcd, F.Imm8);
set(range(0xd0, 0xd3), F.ModRm);
set([0xd4, 0xd5], F.Imm8);
set([0xd6, 0xd7], F.None);
set(range(0xd8, 0xdf), F.ModRm);
set(range(0xe0, 0xe7), F.Imm8);
set([0xe8, 0xe9], F.ImmV);
set(0xea, F.Far);
set(0xeb, F.Imm8);
set(range(0xec, 0xef), F.None);
set([0xf4, 0xf5], F.None);
set([0xf6, 0xf7], F.ModRm | F.Group3);
set(range(0xf8, 0xfd), F.None);
set([0xfe, 0xff], F.ModRm);

set(range(0x100, 0x103), F.ModRm);
set([0x106, 0x108, 0x109], F.None);
set(range(0x118, 0x11f), F.ModRm);
set(range(0x120, 0x123), F.ModRm);
set(range(0x130, 0x135), F.None);
set(range(0x140, 0x14f), F.ModRm);
set(range(0x180, 0x18f), F.ImmV);
set(range(0x190, 0x19f), F.ModRm);
set([0x1a0, 0x1a1, 0x1a2, 0x1a8, 0x1a9], F.None);
set([0x1a3, 0x1ab, 0x1b3, 0x1bb, 0x1a5, 0x1ad, 0x1af, 0x1b0, 0x1b1, 0x1b2, 0x1b4, 0x1b5, 0x1b6, 0x1b7, 0x1bc, 0x1bd, 0x1be, 0x1bf, 0x1c0, 0x1c1, 0x1c7], F.ModRm);
set([0x1a4, 0x1ac, 0x1ba], F.ModRm | F.Imm8);
set(range(0x1c8, 0x1cf), F.None);

/**
 * Reads the rest of instruction `op` (prefixes and opcode already read): true when its length is
 * known, false when the block should end after it. Throws PAGE_END past the code page.
 */
export function skipOperands(op: number, r: CodeReader, p: Prefixes): boolean {
  const f = TABLE[op]!;
  if (f & F.Unknown) return false;
  const v = p.os32 ? 4 : 2;
  if (f & F.ModRm) {
    const m = r.u8();
    // MOV to/from control and debug registers ignore mod: the operand is always a register.
    if (m < 0xc0 && !(op >= 0x120 && op <= 0x123)) skipAddress(m, r, p.as32);
    if ((f & F.Group3) && ((m >> 3) & 7) < 2) r.pos += op === 0xf6 ? 1 : v;
  }
  if (f & F.Imm16) r.pos += 2;
  if (f & F.Imm8) r.pos += 1;
  if (f & F.ImmV) r.pos += v;
  if (f & F.Moffs) r.pos += p.as32 ? 4 : 2;
  if (f & F.Far) r.pos += v + 2;
  if (r.pos > 0x1000) r.u8();
  return true;
}

function skipAddress(m: number, r: CodeReader, as32: boolean): void {
  const mod = m >> 6;
  const rm = m & 7;
  if (!as32) {
    r.pos += mod === 1 ? 1 : mod === 2 ? 2 : mod === 0 && rm === 6 ? 2 : 0;
    return;
  }
  if (rm === 4) {
    const sib = r.u8();
    if ((sib & 7) === 5 && mod === 0) r.pos += 4;
  } else if (rm === 5 && mod === 0) r.pos += 4;
  r.pos += mod === 1 ? 1 : mod === 2 ? 4 : 0;
}

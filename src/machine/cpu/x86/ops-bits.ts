import { CF, UD_VEC, ZF } from './constants.js';
import { shift, shiftDouble, trunc } from './alu.js';
import { type Op, getReg, loadE, regField, setReg, storeE, vsize } from './ops-common.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** Shifts and rotates (group 2), SHLD/SHRD, BT/BTS/BTR/BTC, BSF/BSR. */
export function installBits(t: Op[]): void {
  const group2 = (size: (c: X86Cpu) => number, count: (c: X86Cpu) => number): Op => (c) => {
    const s = size(c);
    c.decodeModrm();
    const op = regField(c);
    const a = loadE(c, s, true);
    let n = count(c);
    // The 80186 and later mask the count to 5 bits; the 8086 uses all 8.
    if (c.model !== '8086') n &= 31;
    if (n === 0) return;
    storeE(c, s, shift(c, op, a, n, s));
  };
  const one = (): number => 1;
  t[0xc0] = group2(() => 1, (c) => c.fetch8());
  t[0xc1] = group2(vsize, (c) => c.fetch8());
  t[0xd0] = group2(() => 1, one);
  t[0xd1] = group2(vsize, one);
  t[0xd2] = group2(() => 1, (c) => c.r8[4]!);
  t[0xd3] = group2(vsize, (c) => c.r8[4]!);
  const double = (left: boolean, imm: boolean): Op => (c) => {
    const s = vsize(c);
    c.decodeModrm();
    const dst = loadE(c, s, true);
    const n = (imm ? c.fetch8() : c.r8[4]!) & 31;
    if (n === 0) return;
    storeE(c, s, shiftDouble(c, left, dst, getReg(c, regField(c), s), n, s));
  };
  t[0x1a4] = double(true, true);
  t[0x1a5] = double(true, false);
  t[0x1ac] = double(false, true);
  t[0x1ad] = double(false, false);
  // BT family with a register bit offset (memory operands address outside the operand).
  const btReg = (op: number): Op => (c) => {
    const s = vsize(c);
    c.decodeModrm();
    const bits = s * 8;
    let off = getReg(c, regField(c), s);
    if (c.modrm < 0xc0) {
      const signed = s === 4 ? off | 0 : (off << 16) >> 16;
      const unit = Math.floor(signed / bits);
      c.eaOff = trunc(c.eaOff + unit * s, c.as32 ? 4 : 2);
      off = signed - unit * bits;
    } else off &= bits - 1;
    bitOp(c, op, s, off);
  };
  t[0x1a3] = btReg(0);
  t[0x1ab] = btReg(1);
  t[0x1b3] = btReg(2);
  t[0x1bb] = btReg(3);
  t[0x1ba] = (c) => {
    const s = vsize(c);
    c.decodeModrm();
    const op = regField(c);
    if (op < 4) c.fault(UD_VEC);
    const off = c.fetch8() & (s * 8 - 1);
    bitOp(c, op - 4, s, off);
  };
  t[0x1bc] = (c) => bitScan(c, false);
  t[0x1bd] = (c) => bitScan(c, true);
}

/** BT (0), BTS (1), BTR (2), BTC (3) of bit `bit` of the r/m operand. */
function bitOp(c: X86Cpu, op: number, s: number, bit: number): void {
  const v = loadE(c, s, op !== 0);
  const m = s === 4 ? (1 << bit) >>> 0 : 1 << bit;
  c.flags = (c.flags & ~CF) | ((v & m) !== 0 ? CF : 0);
  if (op === 0) return;
  const r = op === 1 ? v | m : op === 2 ? v & ~m : v ^ m;
  storeE(c, s, trunc(r, s));
}

/** BSF/BSR: ZF=1 and the destination unchanged for a zero source (as Intel and AMD CPUs do). */
function bitScan(c: X86Cpu, reverse: boolean): void {
  const s = vsize(c);
  c.decodeModrm();
  const v = loadE(c, s, false);
  if (v === 0) { c.flags |= ZF; return; }
  c.flags &= ~ZF;
  const idx = reverse ? 31 - Math.clz32(v) : 31 - Math.clz32(v & -v);
  setReg(c, regField(c), s, idx);
}

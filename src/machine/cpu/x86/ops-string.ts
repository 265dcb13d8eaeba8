import { DF, ES, ZF } from './constants.js';
import { alu } from './alu.js';
import { type Op, getCount, setCount } from './ops-common.js';
import type { X86Core as X86Cpu } from './x86-core.js';

/** Iterations of a REP string instruction before it yields (EIP rewound: interrupts can come in between). */
const REP_CHUNK = 1024;

const MOVS = 0;
const CMPS = 1;
const STOS = 2;
const LODS = 3;
const SCAS = 4;
const INS = 5;
const OUTS = 6;

/** MOVS CMPS STOS LODS SCAS INS OUTS with REP/REPE/REPNE, 16/32-bit addressing and DS overrides. */
export function installString(t: Op[]): void {
  const pair = (op: number, kind: number) => {
    t[op] = (c) => stringOp(c, kind, 1);
    t[op + 1] = (c) => stringOp(c, kind, c.os32 ? 4 : 2);
  };
  pair(0xa4, MOVS);
  pair(0xa6, CMPS);
  pair(0xaa, STOS);
  pair(0xac, LODS);
  pair(0xae, SCAS);
  pair(0x6c, INS);
  pair(0x6e, OUTS);
}

function read(c: X86Cpu, seg: number, off: number, size: number): number {
  return size === 1 ? c.rdv8(seg, off) : size === 2 ? c.rdv16(seg, off) : c.rdv32(seg, off) >>> 0;
}
function write(c: X86Cpu, seg: number, off: number, size: number, v: number): void {
  if (size === 1) c.wrv8(seg, off, v); else if (size === 2) c.wrv16(seg, off, v); else c.wrv32(seg, off, v);
}

function stringOp(c: X86Cpu, kind: number, size: number): void {
  const a32 = c.as32;
  const mask = a32 ? -1 : 0xffff;
  const step = c.flags & DF ? -size : size;
  const src = c.dataSeg();
  const rep = c.rep;
  let n = rep ? getCount(c) : 1;
  let chunk = REP_CHUNK;
  while (n !== 0) {
    const si = a32 ? c.r32[6]! >>> 0 : c.r16[12]!;
    const di = a32 ? c.r32[7]! >>> 0 : c.r16[14]!;
    let cmp = false;
    switch (kind) {
      case MOVS: write(c, ES, di, size, read(c, src, si, size)); break;
      case CMPS: { const a = read(c, src, si, size); const b = read(c, ES, di, size); alu(c, 7, a, b, size); cmp = true; break; }
      case STOS: write(c, ES, di, size, size === 4 ? c.r32[0]! : size === 2 ? c.r16[0]! : c.r8[0]!); break;
      case LODS: { const v = read(c, src, si, size); if (size === 4) c.r32[0] = v; else if (size === 2) c.r16[0] = v; else c.r8[0] = v; break; }
      case SCAS: { const b = read(c, ES, di, size); alu(c, 7, size === 4 ? c.r32[0]! >>> 0 : size === 2 ? c.r16[0]! : c.r8[0]!, b, size); cmp = true; break; }
      case INS: { c.linear(ES, di, size, true); const v = c.ioIn(c.r16[4]!, size as 1 | 2 | 4); write(c, ES, di, size, v); break; }
      default: { const v = read(c, src, si, size); c.ioOut(c.r16[4]!, size as 1 | 2 | 4, v); break; }
    }
    if (kind === MOVS || kind === CMPS || kind === LODS || kind === OUTS) {
      if (a32) c.r32[6] = si + step; else c.r16[12] = si + step;
    }
    if (kind !== LODS && kind !== OUTS) {
      if (a32) c.r32[7] = di + step; else c.r16[14] = di + step;
    }
    if (!rep) return;
    n = (n - 1) & mask;
    setCount(c, n);
    if (cmp && ((rep === 0xf3) !== ((c.flags & ZF) !== 0))) return;
    if (n !== 0 && --chunk === 0) { c.eip = c.startEip; return; }
  }
}

import { DF, ES, GP_VEC, ZF } from './constants.js';
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

/** Element access (the 8086's word at offset 0xFFFF wraps within the segment: rdv16/wrv16). */
function read(c: X86Cpu, seg: number, off: number, size: number): number {
  return size === 1 ? c.rdv8(seg, off) : size === 2 ? c.rdv16(seg, off) : c.rdv32(seg, off) >>> 0;
}
function write(c: X86Cpu, seg: number, off: number, size: number, v: number): void {
  if (size === 1) c.wrv8(seg, off, v); else if (size === 2) c.wrv16(seg, off, v); else c.wrv32(seg, off, v);
}

/**
 * The 80286's string word at offset 0xFFFF (SingleStepTests 80286 real mode, every such case of A5 A7 AB
 * AD AF 6D 6F): interrupt 13 at the instruction's start, after its microcode has stepped the pointer of
 * each access of this iteration up to and including the faulting one, and under REP decremented CX once
 * for a faulting read and twice for a faulting write (CMPS, which reads ES:DI first: not at all if that
 * read faults, once if its DS:SI read does).
 */
const ACCESSES_286: ReadonlyArray<ReadonlyArray<readonly [reg: 6 | 7, cx: number]>> = [
  [[6, 1], [7, 2]], // MOVS: DS:SI read, ES:DI write
  [[7, 0], [6, 1]], // CMPS
  [[7, 2]], // STOS
  [[6, 1]], // LODS
  [[7, 1]], // SCAS
  [[7, 2]], // INS
  [[6, 1]], // OUTS
];

function overrun286(c: X86Cpu, kind: number, step: number): void {
  const accesses = ACCESSES_286[kind]!;
  const k = accesses.findIndex(([reg]) => c.r16[reg << 1] === 0xffff);
  if (k < 0) return;
  for (let i = 0; i <= k; i++) { const r = accesses[i]![0] << 1; c.r16[r] = c.r16[r]! + step; }
  if (c.rep) c.r16[2] = c.r16[2]! - accesses[k]![1];
  c.fault(GP_VEC, 0);
}

function stringOp(c: X86Cpu, kind: number, size: number): void {
  const a32 = c.as32;
  const mask = a32 ? -1 : 0xffff;
  const step = c.flags & DF ? -size : size;
  const src = c.dataSeg();
  const rep = c.rep;
  let n = rep ? getCount(c) : 1;
  let chunk = REP_CHUNK;
  let done = 0;
  const quirk286 = c.model === '80286' && size === 2 && !a32;
  while (n !== 0) {
    if (quirk286) overrun286(c, kind, step);
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
    done++;
    n = (n - 1) & mask;
    setCount(c, n);
    if (cmp && ((rep === 0xf3) !== ((c.flags & ZF) !== 0))) break;
    if (n !== 0 && --chunk === 0) { c.eip = c.startEip; break; }
  }
  // Each iteration costs an instruction's virtual time (the step counts one): a REP over 2^31
  // elements spends its budget, not one step per chunk (a run's budget bounds it).
  if (done > 1) c.icount += done - 1;
}

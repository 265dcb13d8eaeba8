import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X87, type FpuMemory } from '../../src/machine/cpu/x86/fpu/x87.js';
import { repoRoot } from '../helpers/paths.js';

/** One case of test/x87/vectors.json (produced on a real x87 by scripts/x87-oracle). */
export interface VectorCase {
  name: string;
  code: string;
  cls: 'exact' | 'approx';
  fcw: string;
  fsw: string;
  stack: string[];
  mem?: string;
  eflags?: number;
  out: { fcw: string; fsw: string; ftw: string; st: string[]; mem?: string; eflags?: number };
}

export function loadVectors(): { about: string; cases: VectorCase[] } {
  return JSON.parse(readFileSync(join(repoRoot(), 'test', 'x87', 'vectors.json'), 'utf8')) as { about: string; cases: VectorCase[] };
}

const BASE = 0x1000;

/** 128 bytes of operand memory at linear BASE; anything else is a harness bug. */
export function operandMemory(bytes: Uint8Array): FpuMemory {
  const at = (lin: number, n: number): number => {
    const o = lin - BASE;
    if (o < 0 || o + n > bytes.length) throw new Error(`access outside the operand area: ${lin.toString(16)}`);
    return o;
  };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    read8: (a) => v.getUint8(at(a, 1)), read16: (a) => v.getUint16(at(a, 2), true), read32: (a) => v.getUint32(at(a, 4), true),
    write8: (a, x) => v.setUint8(at(a, 1), x), write16: (a, x) => v.setUint16(at(a, 2), x, true),
    write32: (a, x) => v.setUint32(at(a, 4), x >>> 0, true),
  };
}

function hexBytes(h: string, size: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < h.length / 2; i++) b[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return b;
}
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The FRSTOR image (32-bit protected-mode layout) the oracle loaded before the instruction. */
export function initialImage(c: VectorCase): Uint8Array {
  const n = c.stack.length;
  const top = (8 - n) & 7;
  const b = new Uint8Array(108);
  const v = new DataView(b.buffer);
  let ftw = 0;
  for (let p = 0; p < 8; p++) ftw |= (((p - top) & 7) < n ? 0 : 3) << (2 * p);
  v.setUint32(0, (0xffff0000 | parseInt(c.fcw, 16)) >>> 0, true);
  v.setUint32(4, (0xffff0000 | (parseInt(c.fsw, 16) & ~0xb880) | (top << 11)) >>> 0, true);
  v.setUint32(8, (0xffff0000 | ftw) >>> 0, true);
  v.setUint32(24, 0xffff0000, true);
  for (let i = 0; i < n; i++) {
    const h = c.stack[i]!;
    v.setBigUint64(28 + 10 * i, BigInt('0x' + h.slice(4)), true);
    v.setUint16(36 + 10 * i, parseInt(h.slice(0, 4), 16), true);
  }
  return b;
}

export interface Outcome { fcw: string; fsw: string; ftw: string; st: string[]; mem: string; eflags: number | undefined }

/** Runs a case on fwlab's X87 the way the oracle ran it: FRSTOR, the instruction, FNSAVE. */
export function runCase(c: VectorCase): Outcome {
  const fpu = new X87();
  const img = initialImage(c);
  const state = new Uint8Array(128);
  state.set(img);
  fpu.execute(0xdd, 0x20, BASE, operandMemory(state), true, true); // FRSTOR
  const mem = hexBytes(c.mem ?? '', 128);
  let code = c.code;
  let opsize32 = true;
  if (code.startsWith('66')) { opsize32 = false; code = code.slice(2); }
  const op = parseInt(code.slice(0, 2), 16);
  const modrm = parseInt(code.slice(2, 4), 16);
  fpu.execute(op, modrm, modrm >= 0xc0 ? -1 : BASE, operandMemory(mem), opsize32, true, c.eflags ?? 0);
  const eflags = fpu.takeEflags();
  const after = new Uint8Array(128);
  fpu.execute(0xdd, 0x30, BASE, operandMemory(after), true, true); // FNSAVE
  const v = new DataView(after.buffer);
  const st: string[] = [];
  for (let i = 0; i < 8; i++) st.push(v.getUint16(36 + 10 * i, true).toString(16).padStart(4, '0') + v.getBigUint64(28 + 10 * i, true).toString(16).padStart(16, '0'));
  const h4 = (o: number): string => v.getUint16(o, true).toString(16).padStart(4, '0');
  return { fcw: h4(0), fsw: h4(4), ftw: h4(8), st, mem: toHex(mem), eflags: eflags < 0 ? undefined : eflags };
}

/** An 80-bit register value as the nearest double (for the transcendental comparisons). */
export function ext80ToNumber(h: string): number {
  const se = parseInt(h.slice(0, 4), 16);
  const m = BigInt('0x' + h.slice(4));
  const exp = se & 0x7fff;
  const sign = se & 0x8000 ? -1 : 1;
  if (exp === 0x7fff) return m << 1n === 0n || m === 1n << 63n ? sign * Infinity : NaN;
  return sign * Number(m) * 2 ** ((exp === 0 ? 1 : exp) - 16383 - 63);
}

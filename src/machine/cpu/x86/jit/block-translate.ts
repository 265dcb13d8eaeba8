import { alu, dec, inc, PARITY, shift } from '../alu.js';
import { imul2 } from '../muldiv.js';
import { CS, DS, ES, FS, GS, SS } from '../constants.js';
import { OPS, PREFIX } from '../ops-table.js';
import type { X86Core } from '../x86-core.js';
import { CodeReader, PAGE_END } from './code-reader.js';
import { emitInsn } from './emit-insn.js';
import { skipOperands } from './insn-length.js';
import { DEFERRED_FLAGS, type InsnLine, placeFlags } from './block-flags.js';
import { FAULT_POINT, type Prefixes } from './operands.js';

/** Instructions in one block at most (the run loop enters a block only with that many left in its slice). */
export const MAX_BLOCK = 64;
/** Prefixes the translator decodes before leaving an instruction to the interpreter. */
const MAX_PREFIXES = 4;
/**
 * Left to the interpreter and ending the block: they change paging, descriptor tables, MSRs, debug
 * registers or the privilege level, or stop the CPU.
 */
const STOP_AFTER = new Set([0x100, 0x101, 0x10b, 0x122, 0x123, 0x130, 0x134, 0x135, 0xf4, 0xcc, 0xcd, 0xce, 0xcf, 0x9a, 0xea, 0xca, 0xcb]);

/**
 * A translated block: straight-line code of one code page from one linear address, ending at a
 * branch, at an instruction the translator leaves to the interpreter (run through its handler as
 * the block's last instruction) or at the page end. `fn` runs it and leaves EIP, ICOUNT and, on a
 * fault, STARTEIP/STARTESP exactly as the interpreter would.
 */
export interface X86Block {
  /** Runs the block; `limit` is the slice's instruction-count end, `self` the block (for its page check). */
  readonly fn: (c: X86Core, limit: number, self: X86Block) => void;
  /** Instructions the block runs at most (0: the first instruction is left to the interpreter). */
  readonly n: number;
  /** The code bytes it was translated from (compared again when its page was written or remapped). */
  readonly bytes: Uint8Array;
  /** Linear address of its first instruction. */
  readonly lin: number;
  readonly csBase: number;
  readonly code32: boolean;
  /** EIP just past the last byte read. */
  readonly endEip: number;
  /** Where its bytes were last checked: physical page, that page's write count, the layout epoch. */
  phys: number;
  gen: number;
  epoch: number;
}

const HELPERS = { alu, inc, dec, shift, imul2, PARITY, OPS };

function segmentOf(op: number): number {
  switch (op) {
    case 0x26: return ES;
    case 0x2e: return CS;
    case 0x36: return SS;
    case 0x3e: return DS;
    case 0x64: return FS;
    default: return GS;
  }
}

/**
 * Translates from page offset `pos` of the code page `mem[base..base+4095]`, EIP `eip`, with the
 * default operand/address size of `code32`. `csBase` and `code32` key the block.
 */
export function translateBlock(mem: Uint8Array, base: number, pos: number, eip: number, code32: boolean, csBase: number): X86Block {
  const r = new CodeReader(mem, base, pos);
  const lines: string[] = ['let I = c.icount;', 'c.startEsp = c.r32[4];', 'for (;;) {'];
  /** Which lines are instructions (line index → how they touch memory, whether they fall through). */
  const writers = new Map<number, InsnLine>();
  // A branch back to the start runs the block again while the slice has room for a whole pass and
  // its code page has not been written.
  const loop = (done: number): string => `if (I + ${done} + N_MAX <= limit && c.pageGen[self.phys] === self.gen) { I += ${done}; continue; } c.icount = I + ${done}; return;`;
  let k = 0;
  let ended = false;
  let end = pos;
  /** Page offset where the code after the last translated instruction starts. */
  let resume = pos;
  /** Instructions translated (not run through the interpreter's handler). */
  let emitted = 0;
  while (k < MAX_BLOCK) {
    const at = r.pos;
    let op: number;
    let os32 = code32;
    let as32 = code32;
    let seg = -1;
    let rep = 0;
    try {
      op = r.u8();
      let count = 0;
      while (PREFIX[op]) {
        if (++count > MAX_PREFIXES) break;
        if (op === 0x66) os32 = !code32;
        else if (op === 0x67) as32 = !code32;
        else if (op === 0xf2 || op === 0xf3) rep = op;
        else if (op !== 0xf0) seg = segmentOf(op);
        op = r.u8();
      }
      if (count > MAX_PREFIXES) break;
      if (op === 0x0f) op = 0x100 | r.u8();
    } catch (e) {
      if (e === PAGE_END) break;
      throw e;
    }
    const here = eip + (at - pos);
    const afterOpcode = eip + (r.pos - pos);
    const p: Prefixes = { os32, as32, seg, rep };
    const ctx = { p, next: () => eip + (r.pos - pos) };
    let em;
    try {
      // PAUSE (F3 90) runs through the interpreter's handler: it may yield to another CPU.
      em = rep === 0 || (op === 0x90 && rep !== 0xf3) ? emitInsn(op, r, ctx) : undefined;
    } catch (e) {
      if (e === PAGE_END) break;
      throw e;
    }
    if (em === undefined) {
      // The interpreter's handler runs the instruction, as step() would after the prefixes. When its
      // length is known and it is not one that changes paging or descriptor tables, the block goes on
      // after it if the handler left EIP, CS, the code page and the slice as a straight-line
      // instruction would.
      const call = `c.startEip = ${here}; c.startEsp = c.r32[4]; c.icount = I + ${k}; c.os32 = ${os32}; c.as32 = ${as32}; `
        + `c.segOvr = ${seg}; c.rep = ${rep}; c.eip = ${afterOpcode}; h.OPS[${op}](c);`;
      let goOn = false;
      r.pos = afterOpcode - eip + pos;
      try {
        goOn = !STOP_AFTER.has(op) && skipOperands(op, r, p);
      } catch (e) {
        if (e !== PAGE_END) throw e;
      }
      k++;
      end = Math.max(end, r.pos);
      if (!goOn) {
        lines.push(`${call} c.icount++; return;`);
        ended = true;
        break;
      }
      lines.push(`${call}\nif (c.eip !== ${eip + (r.pos - pos)} || c.breakSlice || c.pageGen[self.phys] !== self.gen || c.layoutEpoch !== self.epoch `
        + `|| c.csBase !== ${csBase | 0} || c.code32 !== ${code32} || (c.flags & 0x100) !== 0 || c.icount - ${k - 1} + N_MAX > limit) { c.icount++; return; }\n`
        + `I = c.icount - ${k - 1}; c.startEsp = c.r32[4];`);
      resume = r.pos;
      continue;
    }
    const next = eip + (r.pos - pos);
    end = Math.max(end, r.pos);
    emitted++;
    const inline = em.memory && em.inline === true;
    if (em.memory && !inline) lines.push(`c.startEip = ${here}; c.icount = I + ${k};`);
    const back = em.target === eip;
    const text = em.code.replace('BRANCH', back ? loop(k + 1) : `c.icount = I + ${k + 1}; return;`).replaceAll(FAULT_POINT, `c.startEip = ${here}; c.icount = I + ${k}; ${DEFERRED_FLAGS}`);
    writers.set(lines.length, { memory: em.memory, inline, next: em.flow === 'next' });
    lines.push(text);
    k++;
    if (em.flow === 'exit') {
      lines.push(back ? loop(k) : `c.icount = I + ${k}; return;`);
      ended = true;
      break;
    }
    resume = r.pos;
    if (em.esp) lines.push('c.startEsp = c.r32[4];');
    // After a bus access (a slow path): it may have ended the slice, or written this block's page.
    const check = `if (c.breakSlice || c.pageGen[self.phys] !== self.gen) { c.eip = ${next}; c.icount = I + ${k}; return; }`;
    if (inline) lines.push(`if (S !== 0) { S = 0; ${check} }`);
    else if (em.memory) lines.push(check);
  }
  if (!ended) lines.push(`c.eip = ${eip + (resume - pos)}; c.icount = I + ${k}; return;`);
  lines.push('}');
  const bytes = mem.slice(base + pos, base + end);
  if (emitted === 0) {
    return { fn: () => {}, n: 0, bytes, lin: (csBase + eip) | 0, csBase, code32, endEip: eip + (end - pos), phys: -1, gen: 0, epoch: 0 };
  }
  const deferred = placeFlags(lines, writers);
  let body = lines.join('\n').replaceAll('N_MAX', String(k));
  if (deferred) body = 'let FA = 0, FB = 0, FW = 0, FR = 0, FC = 0, FS = 0, FL = 0, FX = 0;\n' + body;
  // Locals and hoisted arrays only where the block uses them (a cold block runs as bytecode: its
  // prologue is paid on every call).
  if (/\bSO\[/.test(body)) body = 'const SO = c.segOk, SMIN = c.segMin, SMAX = c.segMax, SB = c.segBase;\n' + body;
  if (/\bTI\[/.test(body)) body = 'const TI = c.tlbInfo, TM = c.tlbMem, TO = c.tlbOff;\n' + body;
  if (/\b[LoVWS] = /.test(body)) body = 'let L = 0, o = 0, V = 0, W = 0, S = 0;\n' + body;
  // The parentheses make V8 compile the block function with its factory instead of pre-parsing it
  // and parsing it again at its first call.
  const fn = new Function('h', `const P = h.PARITY;\nreturn (function x86Block(c, limit, self) {\n${body}\n});`)(HELPERS) as X86Block['fn'];
  return { fn, n: k, bytes, lin: (csBase + eip) | 0, csBase, code32, endEip: eip + (end - pos), phys: -1, gen: 0, epoch: 0 };
}

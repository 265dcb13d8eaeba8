/**
 * The x86 fuzz target's system modes: the case's code runs in ring 0, ring 3 or virtual-8086 mode,
 * under no paging, 32-bit paging (4 KiB and, with CR4.PSE, 4 MiB pages) or PAE paging, with a GDT, an
 * IDT whose gates (interrupt/trap, DPL 0/3, some absent) all lead to the case's handler bytes and an
 * IRET, and a TSS for the stack switch. Page and gate attributes come from the case's seed, so a case
 * names one machine. The prologue (test/fuzz/x86/prologue.asm) enters it through the core's own LGDT,
 * LIDT, LTR, MOV CRn, POPAD and IRET.
 */
import { createFlatMachine, enterFlat32 } from '../../../src/machine/cpu/x86/flat.js';
import type { FlatMachine } from '../../../src/machine/cpu/x86/flat.js';
import type { X86StopReason } from '../../../src/machine/cpu/x86/x86-cpu.js';

export type X86SystemMode = 'ring0' | 'ring3' | 'v86';
export type X86Paging = 'none' | 'paged' | 'pse' | 'pae';

export interface X86SystemCase {
  readonly mode: X86SystemMode;
  readonly paging: X86Paging;
  /** Drives page attributes, gate kinds, EFLAGS bits and v86 segments. */
  readonly seed: number;
  readonly code: readonly number[];
  readonly handler: readonly number[];
  readonly regs: readonly number[];
}

/** prologue.bin, assembled from prologue.asm (test/fuzz/x86-regressions.test.ts checks they agree). */
export const PROLOGUE = Uint8Array.from(Buffer.from(
  '0f0115f00f00000f011df80f000066b828000f00d8a1000f000085c074190f22d8a1040f00000f22e00f20c00b05080f00000f22c0eb00bc400f000061cf', 'hex'));

const PROLOGUE_AT = 0x600;
const PARAMS = 0xf00;
const REGS = 0xf40;
const FRAME = REGS + 0x20;
const GDT = 0x1000;
const IDT = 0x2000;
const HANDLER = 0x4000;
const TSS = 0x5000;
const CODE = 0x7c00;
const PD = 0x10000;
const PDPT = 0x20000;
const PAE_PD = 0x21000;
const RAM = 16 << 20;
const BUDGET_NS = 200_000;
const LOW = 0x30000;

/** Pages the prologue, the tables, the handler, the code and the three stacks live on: always mapped. */
const PINNED = new Set([0x0, 0x1, 0x2, 0x4, 0x5, 0x7, 0x8, 0x7f, 0x8e, 0x9f]);

/** A small deterministic generator (xorshift32) over the case's seed. */
function rng(seed: number): () => number {
  let s = (seed >>> 0) || 0x9e3779b9;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

function w32(ram: Uint8Array, at: number, v: number): void {
  new DataView(ram.buffer, ram.byteOffset).setUint32(at, v >>> 0, true);
}

/** Page flags: present (mostly), writable, user; pinned pages are present, writable and user. */
function pageFlags(page: number, r: () => number): number {
  if (PINNED.has(page)) return 0x7;
  const v = r();
  return ((v & 0xff) < 230 ? 1 : 0) | (v & 0x200 ? 2 : 0) | (v & 0x400 ? 4 : 0) | (v & 0x800 ? 0x20 : 0) | (v & 0x1000 ? 0x40 : 0);
}

function writeGdt(ram: Uint8Array): void {
  const d = new DataView(ram.buffer, ram.byteOffset);
  const entries: Array<[number, number]> = [
    [0, 0],
    [0x0000ffff, 0x00cf9a00], [0x0000ffff, 0x00cf9200], // ring 0 code, data
    [0x0000ffff, 0x00cffa00], [0x0000ffff, 0x00cff200], // ring 3 code, data
    [(TSS << 16) | 0x67, 0x00008900 | ((TSS >>> 16) & 0xff)], // 32-bit TSS, available
  ];
  entries.forEach(([lo, hi], i) => { d.setUint32(GDT + 8 * i, lo >>> 0, true); d.setUint32(GDT + 8 * i + 4, hi >>> 0, true); });
  ram.set([0x2f, 0x00, GDT & 0xff, GDT >> 8, 0, 0], 0xff0);
  ram.set([0xff, 0x07, IDT & 0xff, IDT >> 8, 0, 0], 0xff8);
  w32(ram, TSS + 4, 0x8f000); // ESP0
  w32(ram, TSS + 8, 0x10); // SS0
  ram[TSS + 0x66] = 0x68; // I/O map base past the limit: no I/O bitmap
}

/** 256 gates to the handler: interrupt or trap, DPL 0 or 3, one in sixteen absent. */
function writeIdt(ram: Uint8Array, r: () => number): void {
  for (let v = 0; v < 256; v++) {
    const x = r();
    const type = (x & 0xf) === 0 ? 0x0e : ((x & 0x10 ? 0x8f : 0x8e) | (x & 0x20 ? 0x60 : 0));
    w32(ram, IDT + 8 * v, (0x08 << 16) | (HANDLER & 0xffff));
    w32(ram, IDT + 8 * v + 4, (type << 8) | (HANDLER & 0xffff0000));
  }
}

/** Identity map of the 16 MiB: returns CR3 and CR4. */
function writePaging(ram: Uint8Array, paging: X86Paging, r: () => number): { cr3: number; cr4: number } {
  if (paging === 'pae') {
    w32(ram, PDPT, PAE_PD | 1);
    for (let i = 0; i < RAM >> 21; i++) {
      const big = i > 0 && (r() & 3) === 0;
      const pt = PAE_PD + 0x1000 * (i + 1);
      w32(ram, PAE_PD + 8 * i, big ? ((i << 21) | 0x87 | (r() & 0x60)) : (pt | 7));
      if (big) continue;
      for (let p = 0; p < 512; p++) {
        const page = (i << 9) | p;
        w32(ram, pt + 8 * p, (page << 12) | pageFlags(page, r));
      }
    }
    return { cr3: PDPT, cr4: 0x20 | (r() & 0x10) };
  }
  for (let i = 0; i < RAM >> 22; i++) {
    const big = paging === 'pse' && i > 0 && (r() & 1) === 0;
    const pt = PD + 0x1000 * (i + 1);
    w32(ram, PD + 4 * i, big ? ((i << 22) | 0x87 | (r() & 0x60)) : (pt | 7));
    if (big) continue;
    for (let p = 0; p < 1024; p++) {
      const page = (i << 10) | p;
      w32(ram, pt + 4 * p, (page << 12) | pageFlags(page, r));
    }
  }
  return { cr3: PD, cr4: paging === 'pse' ? 0x10 : 0 };
}

/** The machine for a case, stopped at the prologue. */
export function systemMachine(c: X86SystemCase): FlatMachine {
  const m = createFlatMachine({ ramBytes: RAM });
  // Everything the harness writes lies below LOW: built here, then written to RAM at once.
  const ram = new Uint8Array(LOW);
  const r = rng(c.seed);
  ram.set(PROLOGUE, PROLOGUE_AT);
  writeGdt(ram);
  writeIdt(ram, r);
  ram.set(c.handler, HANDLER);
  ram[HANDLER + c.handler.length] = 0xcf; // IRETD
  ram.set(c.code, CODE);
  if (c.paging !== 'none') {
    const { cr3, cr4 } = writePaging(ram, c.paging, r);
    w32(ram, PARAMS, cr3);
    w32(ram, PARAMS + 4, cr4);
    w32(ram, PARAMS + 8, 0x80000000 | (r() & 1 ? 0x10000 : 0)); // PG, sometimes WP
  }
  // POPAD's image: EDI first.
  for (let k = 0; k < 8; k++) w32(ram, REGS + 4 * k, c.regs[7 - k] ?? 0);
  const flags = 0x2 | (r() & 0x3000) | (r() % 64 === 0 ? 0x100 : 0) | (r() & 0x400) | (r() & 0x8d5);
  const frame = c.mode === 'ring0' ? [CODE, 0x08, flags]
    : c.mode === 'ring3' ? [CODE, 0x1b, flags, 0x80000, 0x23]
      : [0, CODE >> 4, flags | 0x20000, 0xfffe, 0x9000, r() & 0xffff, r() & 0xffff, r() & 0xffff, r() & 0xffff];
  frame.forEach((v, i) => w32(ram, FRAME + 4 * i, v));
  m.memory.writeBytes(0, ram);
  enterFlat32(m.cpu);
  m.cpu.eip = PROLOGUE_AT;
  m.cpu.r32[4] = 0x8f000;
  return m;
}

export function runX86System(c: X86SystemCase): X86StopReason {
  return systemMachine(c).cpu.run(BUDGET_NS);
}

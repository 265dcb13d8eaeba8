import { type Ext80, INDEFINITE, mk } from './ext80.js';
import type { Ctl } from './arith.js';
import { type FpuEnv, type FpuMemory, envSize, readEnv, readExt, tagOf, writeEnv, writeExt } from './env.js';
import { IE, SF } from './formats.js';

export const C0 = 0x0100;
export const C1 = 0x0200;
export const C2 = 0x0400;
export const C3 = 0x4000;
export const ES = 0x0080;
export const B = 0x8000;
const CC = C0 | C1 | C2 | C3;

/** Significand bits of FCW.PC 00, 01 (reserved), 10, 11. */
const PC_BITS = [24, 64, 53, 64];

/** The x87 register file, FCW/FSW/FTW and last-instruction pointers, with the stack and environment primitives. */
export class X87State {
  protected readonly regs: Ext80[] = new Array<Ext80>(8).fill(mk(0, 0, 0n));
  /** Bit i set: physical register i is empty. */
  protected empty = 0xff;
  protected top = 0;
  protected fcw = 0x37f;
  /** FSW without TOP (bits 11-13) and B (mirrors ES). */
  protected fsw = 0;
  protected fip = 0;
  protected fcs = 0;
  protected fop = 0;
  protected fdp = 0;
  protected fds = 0;
  protected eflagsOut = -1;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.fcw = 0x37f;
    this.fsw = 0;
    this.top = 0;
    this.empty = 0xff;
    this.fip = this.fcs = this.fop = this.fdp = this.fds = 0;
  }

  get statusWord(): number {
    const es = this.fsw & ES ? B : 0;
    return (this.fsw & ~(0x3800 | B)) | (this.top << 11) | es;
  }

  get controlWord(): number {
    return this.fcw;
  }

  get errorPending(): boolean {
    return (this.fsw & ES) !== 0;
  }

  /**
   * Optional: the core reports the last non-control instruction's CS:IP, operand DS:offset and its
   * 11-bit opcode (low 3 bits of the first byte and the ModRM) for FSTENV/FSAVE images.
   */
  setLastInstruction(cs: number, ip: number, ds: number, dp: number, opcode: number): void {
    this.fcs = cs & 0xffff;
    this.fip = ip >>> 0;
    this.fds = ds & 0xffff;
    this.fdp = dp >>> 0;
    this.fop = opcode & 0x7ff;
  }

  /**
   * EFLAGS written by the last execute (FCOMI, FCOMIP, FUCOMI, FUCOMIP): the new ZF/PF/CF bits, to be
   * merged as (eflags & ~EFLAGS_FCOMI_MASK) | value; -1 when the instruction wrote no EFLAGS (also
   * when an unmasked invalid-operation exception suppressed the comparison). Cleared by each execute.
   */
  takeEflags(): number {
    const v = this.eflagsOut;
    this.eflagsOut = -1;
    return v;
  }

  // ---- state primitives ----

  protected phys(i: number): number {
    return (this.top + i) & 7;
  }
  protected isEmpty(i: number): boolean {
    return (this.empty >> this.phys(i) & 1) === 1;
  }
  protected st(i: number): Ext80 {
    return this.regs[this.phys(i)]!;
  }
  protected setSt(i: number, x: Ext80): void {
    const p = this.phys(i);
    this.regs[p] = x;
    this.empty &= ~(1 << p);
  }
  protected push(x: Ext80): void {
    this.top = (this.top - 1) & 7;
    this.setSt(0, x);
  }
  protected pop(): void {
    this.empty |= 1 << this.top;
    this.top = (this.top + 1) & 7;
  }
  protected ctl(): Ctl {
    return { rc: (this.fcw >> 10) & 3, bits: PC_BITS[(this.fcw >> 8) & 3]!, masks: this.fcw & 0x3f };
  }
  protected masked(exc: number): boolean {
    return (exc & ~this.fcw & 0x3f) === 0;
  }
  /** Records exception flags; an unmasked one sets ES (SDM vol. 1 §8.7). */
  protected raise(exc: number): void {
    this.fsw |= exc & 0x7f;
    if (this.fsw & ~this.fcw & 0x3f) this.fsw |= ES;
  }
  protected setCC(bits: number): void {
    this.fsw = (this.fsw & ~CC) | bits;
  }
  protected c1(on: boolean): void {
    this.fsw = on ? this.fsw | C1 : this.fsw & ~C1;
  }
  /** Stack underflow (a source is empty): IE|SF, C1=0. Returns whether the masked response proceeds. */
  protected underflow(): boolean {
    this.raise(IE | SF);
    this.c1(false);
    return (this.fcw & IE) !== 0;
  }
  /** Push onto a full register: IE|SF, C1=1; the masked response pushes the QNaN indefinite. */
  protected pushChecked(x: Ext80): void {
    if (!this.isEmpty(7)) {
      this.raise(IE | SF);
      this.c1(true);
      if (this.fcw & IE) this.push(INDEFINITE);
      return;
    }
    this.c1(false);
    this.push(x);
  }

  // ---- environment ----

  protected env(): FpuEnv {
    let ftw = 0;
    for (let p = 0; p < 8; p++) ftw |= ((this.empty >> p & 1) ? 3 : tagOf(this.regs[p]!)) << (2 * p);
    return { fcw: this.fcw, fsw: this.statusWord, ftw, fcs: this.fcs, fip: this.fip, fop: this.fop, fds: this.fds, fdp: this.fdp };
  }

  protected loadEnv(e: FpuEnv): void {
    this.fcw = (e.fcw & 0x1f3f) | 0x40;
    this.top = (e.fsw >> 11) & 7;
    this.fsw = e.fsw & ~0x3800;
    let empty = 0;
    for (let p = 0; p < 8; p++) if (((e.ftw >> (2 * p)) & 3) === 3) empty |= 1 << p;
    this.empty = empty;
    this.fcs = e.fcs; this.fip = e.fip; this.fop = e.fop; this.fds = e.fds; this.fdp = e.fdp;
  }

  protected fstenv(mem: FpuMemory, lin: number, opsize32: boolean, pm: boolean): void {
    writeEnv(mem, lin, this.env(), opsize32, pm);
  }

  protected fldenv(mem: FpuMemory, lin: number, opsize32: boolean, pm: boolean): void {
    this.loadEnv(readEnv(mem, lin, opsize32, pm));
  }

  protected fsave(mem: FpuMemory, lin: number, opsize32: boolean, pm: boolean): void {
    const base = lin + envSize(opsize32);
    writeEnv(mem, lin, this.env(), opsize32, pm);
    for (let i = 0; i < 8; i++) writeExt(mem, base + 10 * i, this.st(i));
    this.reset();
  }

  protected frstor(mem: FpuMemory, lin: number, opsize32: boolean, pm: boolean): void {
    const e = readEnv(mem, lin, opsize32, pm);
    const base = lin + envSize(opsize32);
    const regs: Ext80[] = [];
    for (let i = 0; i < 8; i++) regs.push(readExt(mem, base + 10 * i));
    this.loadEnv(e);
    for (let i = 0; i < 8; i++) this.regs[this.phys(i)] = regs[i]!;
  }

  // ---- snapshots ----

  saveState(): Uint8Array {
    const b = new Uint8Array(1 + 108);
    b[0] = 1;
    this.fsaveTo(b);
    return b;
  }

  loadState(b: Uint8Array): void {
    if (b.length !== 109 || b[0] !== 1) throw new Error(`x87: bad state image (${b.length} bytes, version ${b[0]})`);
    const m = byteMemory(b, 1);
    this.frstor(m, 0, true, true);
  }

  protected fsaveTo(b: Uint8Array): void {
    const m = byteMemory(b, 1);
    writeEnv(m, 0, this.env(), true, true);
    for (let i = 0; i < 8; i++) writeExt(m, 28 + 10 * i, this.st(i));
  }
}

function byteMemory(b: Uint8Array, off: number): FpuMemory {
  const v = new DataView(b.buffer, b.byteOffset + off);
  return {
    read8: (a) => v.getUint8(a), read16: (a) => v.getUint16(a, true), read32: (a) => v.getUint32(a, true),
    write8: (a, x) => v.setUint8(a, x), write16: (a, x) => v.setUint16(a, x, true), write32: (a, x) => v.setUint32(a, x >>> 0, true),
  };
}


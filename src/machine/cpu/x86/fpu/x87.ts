import { type Ext80, INDEFINITE, RC_CHOP, extExp, extIsDenormal, extIsSNaN, extQuiet, extSign, mk } from './ext80.js';
import { type Ctl, type Order, add, div, invalid, kindOf, mul, order, prem, rndint, scale, screen, sqrt, xtract } from './arith.js';
import type { FpuMemory } from './env.js';
import { DE, IE, PE, SF, ZE } from './formats.js';
import { type Operand, loadConstant, loadOperand, storeOperand } from './operands.js';
import { B, C0, C1, C2, C3, ES, X87State } from './x87-state.js';
import { f2xm1, fcos, fpatan, fsin, fsinOfSincos, ftan, fyl2x, fyl2xp1, outOfRange } from './transcendental.js';

export type { FpuMemory } from './env.js';

/** An undefined x87 escape encoding: the core turns it into #UD. */
export class X87InvalidOpcode extends Error {
  override readonly name = 'X87InvalidOpcode';
}

/** EFLAGS bits FCOMI/FUCOMI write (SDM vol. 2 FCOMI): ZF, PF, CF; OF, SF and AF are cleared. */
export const EFLAGS_CF = 0x001;
export const EFLAGS_PF = 0x004;
export const EFLAGS_ZF = 0x040;
export const EFLAGS_FCOMI_MASK = 0x8d5;


/**
 * The x87 FPU (SDM vol. 1 chapter 8): eight 80-bit registers kept bit-exact as extended encodings,
 * FCW/FSW/FTW and the last-instruction pointers. Basic arithmetic, loads, stores, conversions,
 * comparisons, FPREM/FSCALE/FRNDINT/FXTRACT are exact 80-bit operations; only the transcendental
 * instructions compute at double precision (see transcendental.ts).
 */
export class X87 extends X87State {
  /**
   * Executes escape opcode 0xD8-0xDF with its ModRM. lin is the linear address of the memory operand
   * (mod != 3), else -1. `eflags` (the core's current EFLAGS) is read only by FCMOVcc.
   */
  execute(opcode: number, modrm: number, lin: number, mem: FpuMemory, opsize32: boolean, protectedMode: boolean, eflags = 0): void {
    this.eflagsOut = -1;
    const reg = (modrm >> 3) & 7;
    if (modrm >= 0xc0) this.register(opcode, reg, modrm & 7, modrm, eflags);
    else this.memory(opcode, reg, lin, mem, opsize32, protectedMode);
  }

  // ---- register forms (mod = 3) ----

  private register(op: number, reg: number, i: number, modrm: number, eflags: number): void {
    switch (op) {
      case 0xd8: return this.regArith(reg, 0, 0, i, false);
      case 0xd9: return this.d9(reg, i, modrm);
      case 0xda:
        if (reg < 4) return this.fcmov(reg, false, i, eflags);
        if (modrm === 0xe9) return this.compare(0, 1, 'unordered', 2);
        break;
      case 0xdb:
        if (reg < 4) return this.fcmov(reg, true, i, eflags);
        if (reg === 4) {
          if (modrm === 0xe2) { this.fsw &= ~(0xff | B); return; }
          if (modrm === 0xe3) { this.reset(); return; }
          if (modrm === 0xe0 || modrm === 0xe1 || modrm === 0xe4) return; // FENI, FDISI, FSETPM: no-ops since the 387
          break;
        }
        if (reg === 5) return this.compare(0, i, 'unordered', 0, true);
        if (reg === 6) return this.compare(0, i, 'ordered', 0, true);
        break;
      case 0xdc:
        // DC: ST(i) = ST(i) op ST(0), with the SUB/SUBR and DIV/DIVR encodings swapped.
        if (reg === 2) return this.compare(0, i, 'ordered', 0);
        if (reg === 3) return this.compare(0, i, 'ordered', 1);
        return this.regArith(reg ^ (reg >= 4 ? 1 : 0), i, i, 0, false);
      case 0xdd:
        switch (reg) {
          case 0: this.empty |= 1 << this.phys(i); this.c1(false); return; // FFREE
          case 1: return this.fxch(i);
          case 2: return this.fstReg(i, false);
          case 3: return this.fstReg(i, true);
          case 4: return this.compare(0, i, 'unordered', 0);
          case 5: return this.compare(0, i, 'unordered', 1);
        }
        break;
      case 0xde:
        if (reg === 2) return this.compare(0, i, 'ordered', 1);
        if (reg === 3) { if (modrm === 0xd9) return this.compare(0, 1, 'ordered', 2); break; }
        return this.regArith(reg ^ (reg >= 4 ? 1 : 0), i, i, 0, true);
      case 0xdf:
        switch (reg) {
          case 0: this.empty |= 1 << this.phys(i); this.pop(); this.c1(false); return; // FFREEP
          case 1: return this.fxch(i);
          case 2: case 3: return this.fstReg(i, true);
          case 4:
            if (modrm === 0xe0) throw new Error('x87: DF E0 (FNSTSW AX) is executed by the core through statusWord');
            break;
          case 5: return this.compare(0, i, 'unordered', 1, true);
          case 6: return this.compare(0, i, 'ordered', 1, true);
        }
        break;
    }
    throw new X87InvalidOpcode(`x87: ${op.toString(16)} ${modrm.toString(16)}`);
  }

  private d9(reg: number, i: number, modrm: number): void {
    switch (reg) {
      case 0: { // FLD ST(i)
        if (this.isEmpty(i)) {
          if (!this.underflow()) return;
          return this.pushChecked(INDEFINITE);
        }
        return this.pushChecked(this.st(i));
      }
      case 1: return this.fxch(i);
      case 2: if (modrm === 0xd0) return; break; // FNOP
      case 3: return this.fstReg(i, true); // D9 D8+i: undocumented alias of FSTP ST(i)
      case 4:
        if (modrm === 0xe0 || modrm === 0xe1) return this.unaryInPlace((x) => ({ r: { ...x, se: modrm === 0xe0 ? x.se ^ 0x8000 : x.se & 0x7fff }, exc: 0, up: false }));
        if (modrm === 0xe4) return this.ftst();
        if (modrm === 0xe5) return this.fxam();
        break;
      case 5:
        if (modrm !== 0xef) return this.pushChecked(loadConstant(modrm - 0xe8, this.ctl().rc));
        break;
      case 6: return this.d9f0(modrm);
      case 7: return this.d9f8(modrm);
    }
    throw new X87InvalidOpcode(`x87: d9 ${modrm.toString(16)}`);
  }

  private d9f0(modrm: number): void {
    const ctl = this.ctl();
    switch (modrm) {
      case 0xf0: return this.unaryInPlace((x) => f2xm1(x, ctl));
      case 0xf1: return this.binaryPop((x, y) => fyl2x(x, y, ctl));
      case 0xf2: return this.fptan();
      case 0xf3: return this.binaryPop((x, y) => fpatan(y, x, ctl));
      case 0xf4: return this.fxtract();
      case 0xf5: return this.fprem(true);
      case 0xf6: this.top = (this.top - 1) & 7; this.c1(false); return;
      case 0xf7: this.top = (this.top + 1) & 7; this.c1(false); return;
    }
  }

  private d9f8(modrm: number): void {
    const ctl = this.ctl();
    switch (modrm) {
      case 0xf8: return this.fprem(false);
      case 0xf9: return this.binaryPop((x, y) => fyl2xp1(x, y, ctl));
      case 0xfa: return this.unaryInPlace((x) => sqrt(x, ctl));
      case 0xfb: return this.fsincos();
      case 0xfc: return this.unaryInPlace((x) => rndint(x, ctl));
      case 0xfd: {
        if (this.isEmpty(0) || this.isEmpty(1)) { if (this.underflow()) this.setSt(0, INDEFINITE); return; }
        return this.commit(0, scale(this.st(0), this.st(1), ctl), false);
      }
      case 0xfe: return this.trig((x) => fsin(x, ctl));
      case 0xff: return this.trig((x) => fcos(x, ctl));
    }
  }

  /** Writes an outcome to ST(d) (C1 = rounded up), then pops when asked and the result was delivered. */
  private commit(d: number, o: { r: Ext80 | undefined; exc: number; up: boolean }, popAfter: boolean): void {
    this.raise(o.exc);
    this.c1(o.up && o.r !== undefined);
    if (o.r === undefined) return;
    this.setSt(d, o.r);
    if (popAfter) this.pop();
  }

  /** D8/DC/DE register arithmetic: ST(d) = ST(a) op ST(b); op = ModRM.reg of the D8 encoding. */
  private regArith(op: number, d: number, a: number, b: number, popAfter: boolean): void {
    if (op === 2 || op === 3) return this.compare(0, b, 'ordered', op - 2);
    if (this.isEmpty(a) || this.isEmpty(b)) {
      if (!this.underflow()) return;
      this.setSt(d, INDEFINITE);
      if (popAfter) this.pop();
      return;
    }
    this.commit(d, arith(op, this.st(a), this.st(b), this.ctl()), popAfter);
  }

  private unaryInPlace(f: (x: Ext80) => { r: Ext80 | undefined; exc: number; up: boolean }): void {
    if (this.isEmpty(0)) { if (this.underflow()) this.setSt(0, INDEFINITE); return; }
    this.commit(0, f(this.st(0)), false);
  }

  /** FYL2X, FYL2XP1, FPATAN: ST(1) = f(ST(0), ST(1)), pop. */
  private binaryPop(f: (x: Ext80, y: Ext80) => { r: Ext80 | undefined; exc: number; up: boolean }): void {
    if (this.isEmpty(0) || this.isEmpty(1)) {
      if (this.underflow()) { this.setSt(1, INDEFINITE); this.pop(); }
      return;
    }
    this.commit(1, f(this.st(0), this.st(1)), true);
  }

  private trig(f: (x: Ext80) => { r: Ext80 | undefined; exc: number; up: boolean }): void {
    if (!this.isEmpty(0) && outOfRange(this.st(0))) { this.fsw |= C2; return; }
    this.fsw &= ~C2;
    this.unaryInPlace(f);
  }

  private fptan(): void {
    if (this.isEmpty(0)) { if (this.underflow()) { this.setSt(0, INDEFINITE); this.push(INDEFINITE); } return; }
    if (outOfRange(this.st(0))) { this.fsw |= C2; return; }
    this.fsw &= ~C2;
    if (!this.isEmpty(7)) { this.raise(IE | SF); this.c1(true); if (this.fcw & IE) { this.setSt(0, INDEFINITE); this.push(INDEFINITE); } return; }
    const o = ftan(this.st(0), this.ctl());
    this.commit(0, o, false);
    if (o.r !== undefined) this.push(kindOf(o.r) === 'nan' ? o.r : loadConstant(0, 0));
  }

  private fsincos(): void {
    if (this.isEmpty(0)) { if (this.underflow()) { this.setSt(0, INDEFINITE); this.push(INDEFINITE); } return; }
    if (outOfRange(this.st(0))) { this.fsw |= C2; return; }
    this.fsw &= ~C2;
    if (!this.isEmpty(7)) { this.raise(IE | SF); this.c1(true); if (this.fcw & IE) { this.setSt(0, INDEFINITE); this.push(INDEFINITE); } return; }
    const ctl = this.ctl();
    const x = this.st(0);
    const s = fsinOfSincos(x, ctl);
    const c = fcos(x, ctl);
    this.raise(s.exc | c.exc);
    this.c1(s.up);
    if (s.r === undefined || c.r === undefined) return;
    this.setSt(0, s.r);
    this.push(c.r);
  }

  private fxtract(): void {
    if (this.isEmpty(0)) { if (this.underflow()) { this.setSt(0, INDEFINITE); this.push(INDEFINITE); } return; }
    if (!this.isEmpty(7)) { this.raise(IE | SF); this.c1(true); if (this.fcw & IE) { this.setSt(0, INDEFINITE); this.push(INDEFINITE); } return; }
    const o = xtract(this.st(0), this.ctl());
    this.raise(o.exc);
    this.c1(false);
    if (o.exp === undefined || o.sig === undefined) return;
    this.setSt(0, o.exp);
    this.push(o.sig);
  }

  private fprem(nearest: boolean): void {
    if (this.isEmpty(0) || this.isEmpty(1)) {
      this.fsw &= ~C2;
      if (this.underflow()) this.setSt(0, INDEFINITE);
      return;
    }
    const o = prem(this.st(0), this.st(1), nearest, this.ctl());
    this.raise(o.exc);
    if (o.q < 0) this.fsw &= ~(C1 | C2);
    if (o.r === undefined) return;
    this.setSt(0, o.r);
    if (o.q < 0) return;
    const q = o.q;
    this.setCC((q & 4 ? C0 : 0) | (q & 2 ? C3 : 0) | (q & 1 ? C1 : 0) | (o.incomplete ? C2 : 0));
  }

  private fxch(i: number): void {
    if (this.isEmpty(0) || this.isEmpty(i)) {
      if (!this.underflow()) return;
      const a = this.isEmpty(0) ? INDEFINITE : this.st(0);
      const b = this.isEmpty(i) ? INDEFINITE : this.st(i);
      this.setSt(0, b);
      this.setSt(i, a);
      return;
    }
    const a = this.st(0);
    this.setSt(0, this.st(i));
    this.setSt(i, a);
    this.c1(false);
  }

  /** FST/FSTP ST(i). */
  private fstReg(i: number, popAfter: boolean): void {
    if (this.isEmpty(0)) {
      if (!this.underflow()) return;
      this.setSt(i, INDEFINITE);
    } else {
      this.c1(false);
      this.setSt(i, this.st(0));
    }
    if (popAfter) this.pop();
  }

  /** FCMOVcc (DA: B, E, BE, U; DB: the negations). */
  private fcmov(cond: number, negate: boolean, i: number, eflags: number): void {
    if (this.isEmpty(0) || this.isEmpty(i)) {
      if (this.underflow()) this.setSt(0, INDEFINITE);
      return;
    }
    const cf = (eflags & EFLAGS_CF) !== 0;
    const zf = (eflags & EFLAGS_ZF) !== 0;
    const pf = (eflags & EFLAGS_PF) !== 0;
    const c = [cf, zf, cf || zf, pf][cond]!;
    if (c !== negate) this.setSt(0, this.st(i));
  }

  /**
   * FCOM/FUCOM family and FCOMI/FUCOMI family: compares ST(0) with `b` (a register index or a loaded
   * operand), sets C3/C2/C0 (or ZF/PF/CF), and pops `pops` times.
   */
  private compare(a: number, b: number | Ext80, kind: 'ordered' | 'unordered', pops: number, toEflags = false, preExc = 0): void {
    if (this.isEmpty(a) || (typeof b === 'number' && this.isEmpty(b))) {
      if (!this.underflow()) return;
      this.setCompare('un', toEflags);
      for (let k = 0; k < pops; k++) this.pop();
      return;
    }
    const x = this.st(a);
    const y = typeof b === 'number' ? this.st(b) : b;
    const o = order(x, y);
    const bad = (v: Ext80): boolean => kindOf(v) === 'unsupported' || (kind === 'ordered' ? kindOf(v) === 'nan' : extIsSNaN(v));
    let exc = bad(x) || bad(y) ? IE : preExc;
    if (!exc && o !== 'un' && (extIsDenormal(x) || extIsDenormal(y))) exc = DE;
    this.raise(exc);
    this.setCompare(o, toEflags);
    // An unmasked exception still sets the condition codes (unordered for IE) but does not pop.
    if (this.masked(exc)) for (let k = 0; k < pops; k++) this.pop();
  }

  private setCompare(o: Order, toEflags: boolean): void {
    if (toEflags) {
      // FCOMI/FUCOMI leave C1 alone on the host CPU (the SDM says cleared).
      this.eflagsOut = o === 'gt' ? 0 : o === 'lt' ? EFLAGS_CF : o === 'eq' ? EFLAGS_ZF : EFLAGS_ZF | EFLAGS_PF | EFLAGS_CF;
      return;
    }
    this.setCC(o === 'gt' ? 0 : o === 'lt' ? C0 : o === 'eq' ? C3 : C3 | C2 | C0);
  }

  private ftst(): void {
    this.compare(0, mk(0, 0, 0n), 'ordered', 0);
  }

  /** FXAM (SDM vol. 2 FXAM): class in C3/C2/C0, sign in C1. */
  private fxam(): void {
    const x = this.st(0);
    const sign = extSign(x) ? C1 : 0;
    if (this.isEmpty(0)) return this.setCC(C3 | C0 | sign);
    const k = kindOf(x);
    const e = extExp(x);
    const cls = k === 'unsupported' ? 0 : k === 'nan' ? C0 : k === 'inf' ? C2 | C0 : k === 'zero' ? C3 : e === 0 ? C3 | C2 : C2;
    this.setCC(cls | sign);
  }

  // ---- memory forms (mod != 3) ----

  private memory(op: number, reg: number, lin: number, mem: FpuMemory, opsize32: boolean, pm: boolean): void {
    switch (op) {
      case 0xd8: return this.memArith(reg, loadOperand(mem, lin, 'f32'));
      case 0xda: return this.memArith(reg, loadOperand(mem, lin, 'i32'));
      case 0xdc: return this.memArith(reg, loadOperand(mem, lin, 'f64'));
      case 0xde: return this.memArith(reg, loadOperand(mem, lin, 'i16'));
      case 0xd9:
        switch (reg) {
          case 0: return this.fld(loadOperand(mem, lin, 'f32'));
          case 2: return this.fst(mem, lin, 'f32', false);
          case 3: return this.fst(mem, lin, 'f32', true);
          case 4: return this.fldenv(mem, lin, opsize32, pm);
          case 5: this.fcw = (mem.read16(lin) & 0x1f3f) | 0x40; this.esFromMasks(); return;
          case 6: this.fstenv(mem, lin, opsize32, pm); this.fcw |= 0x3f; return;
          case 7: mem.write16(lin, this.fcw); return;
        }
        break;
      case 0xdb:
        switch (reg) {
          case 0: return this.fld(loadOperand(mem, lin, 'i32'));
          case 1: return this.fst(mem, lin, 'i32', true, true);
          case 2: return this.fst(mem, lin, 'i32', false);
          case 3: return this.fst(mem, lin, 'i32', true);
          case 5: return this.fld(loadOperand(mem, lin, 'f80'));
          case 7: return this.fst(mem, lin, 'f80', true);
        }
        break;
      case 0xdd:
        switch (reg) {
          case 0: return this.fld(loadOperand(mem, lin, 'f64'));
          case 1: return this.fst(mem, lin, 'i64', true, true);
          case 2: return this.fst(mem, lin, 'f64', false);
          case 3: return this.fst(mem, lin, 'f64', true);
          case 4: return this.frstor(mem, lin, opsize32, pm);
          case 6: this.fsave(mem, lin, opsize32, pm); return;
          case 7: mem.write16(lin, this.statusWord); return;
        }
        break;
      case 0xdf:
        switch (reg) {
          case 0: return this.fld(loadOperand(mem, lin, 'i16'));
          case 1: return this.fst(mem, lin, 'i16', true, true);
          case 2: return this.fst(mem, lin, 'i16', false);
          case 3: return this.fst(mem, lin, 'i16', true);
          case 4: return this.fld(loadOperand(mem, lin, 'bcd'));
          case 5: return this.fld(loadOperand(mem, lin, 'i64'));
          case 6: return this.fst(mem, lin, 'bcd', true);
          case 7: return this.fst(mem, lin, 'i64', true);
        }
        break;
    }
    throw new X87InvalidOpcode(`x87: ${op.toString(16)} /${reg}`);
  }

  private esFromMasks(): void {
    if (this.fsw & ~this.fcw & 0x3f) this.fsw |= ES;
    else this.fsw &= ~ES;
  }

  private memArith(op: number, src: Operand): void {
    if (op === 2 || op === 3) return this.compare(0, src.x, 'ordered', op - 2, false, src.exc);
    if (this.isEmpty(0)) { if (this.underflow()) this.setSt(0, INDEFINITE); return; }
    if (src.exc & DE && !(this.fcw & DE) && !(extIsSNaN(this.st(0)))) { this.raise(DE); this.c1(false); return; }
    const o = arith(op, this.st(0), src.x, this.ctl());
    this.commit(0, { ...o, exc: o.exc | (src.exc & DE) }, false);
  }

  private fld(src: Operand): void {
    if (!this.isEmpty(7)) return this.pushChecked(src.x);
    const exc = src.exc | (src.snan ? IE : 0);
    this.raise(exc);
    // The host CPU pushes a denormal single/double even with DE unmasked.
    if (!this.masked(exc & IE)) return;
    this.c1(false);
    this.push(src.snan ? extQuiet(src.x) : src.x);
  }

  private fst(mem: FpuMemory, lin: number, kind: Operand['kind'], popAfter: boolean, truncate = false): void {
    const ctl = this.ctl();
    let x = INDEFINITE;
    let exc = 0;
    if (this.isEmpty(0)) {
      exc = IE | SF;
      if (!(this.fcw & IE)) { this.underflow(); return; }
    } else x = this.st(0);
    const s = storeOperand(x, kind, truncate ? { ...ctl, rc: RC_CHOP } : ctl, exc !== 0);
    exc |= s.exc;
    if (!this.masked(exc & ~PE)) { this.raise(exc); this.c1(false); return; }
    s.write(mem, lin);
    this.raise(exc);
    this.c1(s.up && !(exc & SF));
    if (popAfter) this.pop();
  }

}

/** The D8 ModRM.reg operation on two extended operands: ST(0) = a op b. */
function arith(op: number, a: Ext80, b: Ext80, ctl: Ctl): { r: Ext80 | undefined; exc: number; up: boolean } {
  switch (op) {
    case 0: return add(a, b, false, ctl);
    case 1: return mul(a, b, ctl);
    case 4: return add(a, b, true, ctl);
    case 5: return add(b, a, true, ctl);
    case 6: return div(a, b, ctl);
    case 7: return div(b, a, ctl);
  }
  throw new Error(`x87: arith op ${op}`);
}

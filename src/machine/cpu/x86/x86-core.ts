import type { PhysicalMemory } from '../../bus/physical-memory.js';
import type { PortBus } from '../../bus/port-bus.js';
import type { AccessSize } from '../../bus/io-handler.js';
import type { VirtualClock } from '../../clock.js';
import { DeviceHandlerError } from '../device-fault.js';
import { PORT_IO_NS } from '../cpu-core.js';
import { logger } from '../../../lib/log.js';
import { X87 } from './fpu/x87.js';
import { AC, CR0_PE, CS, GP_VEC, ID, IF, IOPL, NT, RF, TF, TR, VM } from './constants.js';
import { FAULT } from './errors.js';
import { type X86Model, X86State } from './cpu-state.js';

const log = logger('x86');

/** Virtual time one instruction costs: a 1 GHz, one-instruction-per-cycle machine. */
export const INSN_NS = 1;

/**
 * What the instruction handlers see of the CPU besides the architectural state: the x87, I/O with
 * its permission checks, EFLAGS writes with their privilege rules, the TSC and MSR state, and the
 * flags the run loop (x86-cpu.ts) acts on between instructions.
 */
export class X86Core extends X86State {
  readonly fpu = new X87();
  /** Total instructions retired (the TSC counts virtual time, which advances INSN_NS per instruction). */
  icount = 0;
  /** Interrupts are inhibited until icount passes this (STI, MOV SS, POP SS shadow). */
  shadowUntil = -1;
  /** Set by an instruction that must end the slice (I/O, IF change, HLT, mode switches). */
  breakSlice = false;
  halted = false;
  /** A task switch loaded a TSS with its T bit set: #DB before the new task's first instruction. (Created last, by X86Cpu: see X86Mmu.pae.) */
  declare taskTrap: boolean;
  shutdownReason: string | undefined;
  protected nmiBlocked = false;
  protected clockIcount = 0;
  readonly dr = new Int32Array(8);
  readonly msr = new Map<number, bigint>();
  tscOffset = 0n;
  sysenterCs = 0;
  sysenterEsp = 0;
  sysenterEip = 0;
  apicBase = 0xfee00900;
  /** Initial APIC ID, reported by CPUID.1:EBX[31:24] (created by X86Cpu, after the hot fields). */
  declare apicId: number;
  /** Logical processors per package (threads × cores × dies): CPUID.1:EBX[23:16] and EDX.HTT when above 1. */
  declare logicalPerPackage: number;
  /** PAUSE (F3 90) ends the slice and `run` with 'yield': set when other CPUs share the clock. */
  declare pauseYields: boolean;
  declare yieldRequested: boolean;

  constructor(memory: PhysicalMemory, readonly ports: PortBus, readonly clock: VirtualClock, model: X86Model, readonly apic: boolean) {
    super(memory, model);
  }

  /** The time-stamp counter: one tick per virtual nanosecond since reset (plus what WRMSR 0x10 added). */
  tsc(): bigint {
    this.syncClock();
    return BigInt.asUintN(64, BigInt(Math.floor(this.clock.now())) + this.tscOffset);
  }

  /** IRET ends NMI blocking. */
  unblockNmi(): void {
    this.nmiBlocked = false;
  }

  /** Advances the virtual clock by the instructions retired since the last sync. */
  syncClock(): void {
    const n = this.icount - this.clockIcount;
    if (n > 0) {
      this.clockIcount = this.icount;
      this.clock.advance(n * INSN_NS);
    }
  }

  /**
   * A device on the bus reads the virtual time of this instruction, not of the last slice end: what
   * the guest sees then does not depend on where slices ended (decision 0048).
   */
  protected override beforeBus(): void {
    this.syncClock();
  }

  /** CS:EIP of the current instruction, for messages. */
  where(): string {
    return `${this.sel[CS]!.toString(16).padStart(4, '0')}:${(this.startEip >>> 0).toString(16).padStart(this.code32 ? 8 : 4, '0')}`;
  }

  /** The 8086 pushes the address after DIV/IDIV for a divide error; set by the divide helpers. */
  eipAfterFault = 0;

  shutdown(reason: string): void {
    this.shutdownReason = reason;
    this.breakSlice = true;
    log('shutdown: %s', reason);
  }

  // ---- I/O (SDM vol. 1 §18.5: IOPL and the TSS I/O permission bitmap) ----

  private checkIo(port: number, size: number): void {
    if (!(this.cr0 & CR0_PE)) return;
    if (!(this.flags & VM) && this.cpl <= ((this.flags & IOPL) >> 12)) return;
    // 32-bit TSS only: the bitmap base is at +0x66; every bit of the access must be clear.
    const limit = this.segLimit[TR]!;
    if ((this.segRights[TR]! & 0xd) !== 0x9 || limit < 0x67) this.fault(GP_VEC, 0);
    const base = this.segBase[TR]!;
    const map = this.sysRd16((base + 0x66) | 0);
    const at = map + (port >> 3);
    if (at + 1 > limit) this.fault(GP_VEC, 0);
    const bits = this.sysRd16((base + at) | 0);
    if ((bits >> (port & 7)) & ((1 << size) - 1)) this.fault(GP_VEC, 0);
  }

  ioIn(port: number, size: AccessSize): number {
    this.checkIo(port, size);
    this.syncClock();
    this.clock.advance(PORT_IO_NS);
    this.breakSlice = true;
    try {
      return this.ports.read(port, size);
    } catch (e) {
      throw this.portError(e, port, `in${size * 8}`);
    }
  }

  ioOut(port: number, size: AccessSize, value: number): void {
    this.checkIo(port, size);
    this.syncClock();
    this.clock.advance(PORT_IO_NS);
    this.breakSlice = true;
    try {
      this.ports.write(port, size, size === 4 ? value >>> 0 : value & (size === 1 ? 0xff : 0xffff));
    } catch (e) {
      throw this.portError(e, port, `out${size * 8}`);
    }
  }

  private portError(e: unknown, port: number, access: string): unknown {
    if (e instanceof DeviceHandlerError || e === FAULT) return e;
    return new DeviceHandlerError(this.ports.rangeAt(port)?.name ?? 'unknown', 'port', port & 0xffff, access, e);
  }

  // ---- EFLAGS writes (POPF, IRET) ----

  /**
   * Writes the flags `mask` allows (16 or 32 bits), keeping what the privilege forbids: IOPL only at
   * CPL 0, IF only when CPL ≤ IOPL; VM, RF, VIF, VIP are never written this way.
   */
  writeFlags(v: number, size32: boolean): void {
    let mask = TF | IF | 0x0dd5 | NT | IOPL | (size32 ? AC | ID : 0);
    if (this.protectedMode || (this.flags & VM)) {
      if (this.cpl > 0) mask &= ~IOPL;
      if (this.cpl > ((this.flags & IOPL) >> 12)) mask &= ~IF;
    }
    if (this.model === '8086') mask &= ~(NT | IOPL);
    if (this.model === '80286' && !(this.cr0 & CR0_PE)) mask &= ~(NT | IOPL);
    if (!size32) mask &= 0xffff;
    const before = this.flags;
    this.flags = (this.flags & ~mask) | (v & mask) | 2;
    if ((this.flags ^ before) & IF) this.breakSlice = true;
    void RF;
  }

  /** FLAGS as PUSHF stores them (the 8086 reads bits 12-15 as ones; VM and RF read as 0). */
  readFlags(): number {
    if (this.model === '8086') return (this.flags & 0xfff) | 0xf000;
    return this.flags & ~(VM | RF);
  }

  /** CPL change: also the TLB's fast-path rights. */
  setPrivilege(cpl: number): void {
    if (cpl !== this.cpl) this.setCpl(cpl);
  }

  /** The x87's view of memory: linear addresses with the current privilege. */
  readonly fpuMemory = {
    read8: (a: number) => this.rd8(a),
    read16: (a: number) => this.rd16(a),
    read32: (a: number) => this.rd32(a) >>> 0,
    write8: (a: number, v: number) => this.wr8(a, v),
    write16: (a: number, v: number) => this.wr16(a, v),
    write32: (a: number, v: number) => this.wr32(a, v),
  };

  /** Maskable interrupts pending with IF=1 (for tests and the board's idle logic). */
  get interruptible(): boolean {
    return (this.flags & IF) !== 0;
  }
}

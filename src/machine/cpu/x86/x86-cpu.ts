import type { PhysicalMemory } from '../../bus/physical-memory.js';
import type { PortBus } from '../../bus/port-bus.js';
import type { AccessSize } from '../../bus/io-handler.js';
import type { VirtualClock } from '../../clock.js';
import type { CpuControlLines, InterruptSource } from '../interrupt-source.js';
import { DeviceHandlerError } from '../device-fault.js';
import { PORT_IO_NS } from '../cpu-core.js';
import { logger } from '../../../lib/log.js';
import { X87 } from './fpu/x87.js';
import {
  AC, BP_VEC, CR0_PE, CR0_PG, CR4_PAE, CS, DB_VEC, DE_VEC, DF_VEC, DS, ES, FS, GP_VEC, GS, ID, IF, IOPL, LDTR, NMI_VEC, NP_VEC,
  NT, OF_VEC, PF_VEC, RF, SS, SS_VEC, TF, TR, TS_VEC, VM,
} from './constants.js';
import { FAULT, X86InternalError } from './errors.js';
import type { X86CpuOptions, X86StopReason } from './x86-cpu-options.js';
import { INSN_NS, X86Core } from './x86-core.js';
import { interrupt } from './interrupts.js';
import { OPS, OPS_8086, PREFIX, PREFIX_8086 } from './ops-table.js';
import type { PartState, Snapshottable } from '../../snapshot/part-state.js';
import { bool, bytesOf, jsonObject, num, str } from '../../snapshot/part-state.js';
import { loadArchitectural, loadModelSpecific, saveArchitectural, saveModelSpecific } from './x86-snapshot.js';
import { MAX_BLOCK, type X86Block, translateBlock } from './jit/block-translate.js';
import { RewrittenPages } from './jit/rewritten-pages.js';
import { PaeState } from './mmu.js';
import { isMtrr } from './msr.js';

const log = logger('x86');

export { INSN_NS } from './x86-core.js';
/** Instructions run between clock updates and interrupt polls when nothing asks for one sooner. */
const SLICE = 4096;

export type { X86CpuOptions, X86StopReason } from './x86-cpu-options.js';

/** Translated blocks kept at most (the cache is emptied when full). */
const MAX_BLOCKS = 1 << 16;
const RECENT = 1 << 13;
/**
 * Times an address must start an instruction before it gets a block: cold code stays in the
 * (optimised) interpreter instead of paying for a translation and running as unoptimised JS.
 */
const HOT = 24;
const HEAT_SLOTS = 1 << 16;

function interpretOnly(): boolean {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['FWLAB_X86_INTERPRET'] === '1';
}

function sameBytes(a: Uint8Array, mem: Uint8Array, at: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== mem[at + i]) return false;
  return true;
}

/**
 * An i686-class x86 interpreter on the CPU wire's platform objects: physical memory, the port bus,
 * the virtual clock and an interrupt source (PIC/APIC). Guest faults become x86 exceptions; only
 * internal bugs (X86InternalError) and device-handler failures (DeviceHandlerError) leave `run`.
 */
export class X86Cpu extends X86Core implements CpuControlLines, Snapshottable {
  private stopRequested = false;
  /** The last slice ended at the run's budget, short of a slice boundary (saved in a snapshot). */
  private midSlice = false;
  private nmiPending = false;
  /** Vector being delivered (-1: none): a fault during delivery escalates to #DF / shutdown. */
  private delivering = -1;
  /** The last exception delivered (for reports): vector and CS:EIP of the faulting instruction. */
  lastException: { vector: number; cs: number; eip: number } | undefined;
  /** The opcode table of this model (the 8086 decodes a few opcodes differently). */
  private readonly ops = OPS;
  private readonly prefixTable = PREFIX;
  private readonly useBlocks: boolean;
  private readonly hot: number;
  private readonly blocks = new Map<number, X86Block>();
  /** A direct-mapped cache in front of `blocks`, indexed by the low bits of the linear address. */
  private readonly recent: Array<X86Block | undefined> = new Array<X86Block | undefined>(RECENT).fill(undefined);
  /** How often each (hashed) linear address started an instruction, up to HOT. */
  private readonly heat = new Uint8Array(HEAT_SLOTS);
  /** Blocks translated since construction (for tests and the bench). */
  blocksTranslated = 0;
  private readonly rewritten = new RewrittenPages();
  /** Declared in X86Mmu; created here, last (see there). */
  override readonly pae = new PaeState();
  override taskTrap = false;
  /** Declared in X86Core; created here, after the hot fields (decision 0044). */
  override apicId = 0;
  override logicalPerPackage = 1;
  override pauseYields = false;
  override yieldRequested = false;
  /** The bootstrap processor (runs from the reset vector); an AP waits for SIPI instead. */
  readonly bsp: boolean;
  /** Wait-for-SIPI state: nothing but INIT or STARTUP reaches the CPU (SDM vol. 3 §8.4.1). */
  waitingForSipi = false;
  /** An INIT message arrived; taken at the next instruction boundary (or before a STARTUP). */
  private initPending = false;

  constructor(memory: PhysicalMemory, ports: PortBus, clock: VirtualClock, readonly intr: InterruptSource, opts: X86CpuOptions = {}) {
    super(memory, ports, clock, opts.model ?? 'i686', opts.apic ?? true);
    this.apicId = opts.apicId ?? 0;
    this.logicalPerPackage = opts.logicalPerPackage ?? 1;
    this.bsp = opts.ap !== true;
    if (this.model === '8086') { this.ops = OPS_8086; this.prefixTable = PREFIX_8086; }
    this.useBlocks = this.model === 'i686' && (opts.blocks ?? !interpretOnly());
    this.hot = Math.min(255, Math.max(0, opts.blockHeat ?? HOT));
    this.reset();
  }

  /** Processor signature EDX holds after reset and CPUID.1 returns in EAX: family 6, model 5, stepping 2. */
  static readonly SIGNATURE = 0x652;

  /** RESET (SDM vol. 3 §9.1.1, Table 9-1). */
  reset(): void {
    this.r32.fill(0);
    this.r32[2] = this.model === 'i686' ? X86Cpu.SIGNATURE : 0;
    this.rewritten.clear();
    this.eip = 0xfff0;
    this.flags = 2;
    this.cr0 = 0x60000010;
    this.cr2 = this.cr3 = this.cr4 = 0;
    this.setCpl(0);
    this.a20Mask = -1;
    for (const s of [ES, SS, DS, FS, GS]) this.setCache(s, 0, 0, 0xffff, 0x93);
    this.setCache(CS, 0xf000, 0xffff0000, 0xffff, 0x9b);
    this.setCache(LDTR, 0, 0, 0xffff, 0x82);
    this.setCache(TR, 0, 0, 0xffff, 0x8b);
    this.gdtBase = this.idtBase = 0;
    this.gdtLimit = this.idtLimit = 0xffff;
    this.dr.fill(0);
    this.dr[6] = 0xffff0ff0 | 0;
    this.dr[7] = 0x400;
    this.msr.clear();
    this.tscOffset = -BigInt(Math.floor(this.clock.now()));
    this.sysenterCs = this.sysenterEsp = this.sysenterEip = 0;
    this.apicBase = this.bsp ? 0xfee00900 : 0xfee00800;
    this.fpu.reset();
    this.halted = false;
    this.taskTrap = false;
    this.waitingForSipi = !this.bsp;
    this.initPending = false;
    this.shutdownReason = undefined;
    this.nmiPending = this.nmiBlocked = false;
    this.delivering = -1;
    this.shadowUntil = -1;
    this.midSlice = false;
    this.clockIcount = this.icount;
    // RAM may have been cleared without a bus write: translated blocks check their bytes again.
    this.layoutEpoch++;
    this.flushTlb(true);
  }

  /** A20 gate (CpuControlLines): closed masks physical address bit 20. */
  setA20(enabled: boolean): void {
    const mask = enabled ? -1 : ~(1 << 20);
    if (mask === this.a20Mask) return;
    this.a20Mask = mask;
    this.flushTlb(true);
    this.breakSlice = true;
  }

  /** The INIT signal (an INIT IPI): taken at the next instruction boundary (QEMU's do_cpu_init). */
  init(): void {
    this.initPending = true;
    this.breakSlice = true;
  }

  /**
   * INIT as QEMU 7.2's do_cpu_init: RESET's state except the x87, the SYSENTER MSRs, the TSC and
   * IA32_APIC_BASE, which keep their values (SDM vol. 3 Table 9-1); the MTRRs are cleared as by
   * QEMU's x86_cpu_reset (the SDM keeps them: Linux then reports the APs' MTRRs inconsistent under
   * QEMU). The BSP restarts at the reset vector, an AP waits for SIPI.
   */
  private takeInit(): void {
    this.initPending = false;
    const msr = [...this.msr].filter(([k]) => !isMtrr(k));
    const fpu = this.fpu.saveState();
    const kept = { tsc: this.tscOffset, base: this.apicBase, cs: this.sysenterCs, esp: this.sysenterEsp, eip: this.sysenterEip };
    this.reset();
    for (const [k, v] of msr) this.msr.set(k, v);
    this.fpu.loadState(fpu);
    this.tscOffset = kept.tsc;
    this.apicBase = kept.base;
    this.sysenterCs = kept.cs;
    this.sysenterEsp = kept.esp;
    this.sysenterEip = kept.eip;
  }

  /** A STARTUP IPI: a CPU waiting for SIPI starts in real mode at vector·100h:0000 (ignored otherwise). */
  startup(vector: number): void {
    if (this.initPending) this.takeInit();
    if (!this.waitingForSipi) return;
    this.waitingForSipi = false;
    this.halted = false;
    this.setCache(CS, (vector & 0xff) << 8, (vector & 0xff) << 12, this.segLimit[CS]!, this.segRights[CS]!);
    this.syncCodeSegment();
    this.eip = 0;
  }

  /** The NMI pin: delivered at the next instruction boundary, blocked until the handler's IRET. */
  nmi(): void {
    this.nmiPending = true;
    this.breakSlice = true;
  }

  /** The register file between instructions (x86-snapshot.ts); the x87's FSAVE image as bytes. */
  saveState(): PartState {
    this.syncClock();
    return {
      json: {
        ...saveArchitectural(this),
        icount: this.icount, midSlice: this.midSlice, shadowUntil: this.shadowUntil, halted: this.halted, shutdownReason: this.shutdownReason ?? null,
        nmiBlocked: this.nmiBlocked, nmiPending: this.nmiPending,
        ...saveModelSpecific(this),
        taskTrap: this.taskTrap, pdpte: [...this.pae.pdpteLo, ...this.pae.pdpteHi],
      },
      bytes: this.fpu.saveState(),
    };
  }

  loadState(state: PartState): void {
    const o = jsonObject(state, 'x86');
    loadArchitectural(this, o);
    this.setCpl(num(o, 'cpl'));
    this.icount = this.clockIcount = num(o, 'icount');
    this.shadowUntil = num(o, 'shadowUntil');
    this.midSlice = o.midSlice === true;
    this.halted = bool(o, 'halted');
    this.shutdownReason = o.shutdownReason === null ? undefined : str(o, 'shutdownReason');
    this.nmiBlocked = bool(o, 'nmiBlocked');
    this.nmiPending = bool(o, 'nmiPending');
    loadModelSpecific(this, o);
    this.fpu.loadState(bytesOf(state, 'x86', 109));
    this.stopRequested = false;
    this.delivering = -1;
    this.blocks.clear();
    this.recent.fill(undefined);
    this.rewritten.clear();
    this.layoutEpoch++;
    this.flushTlb(true);
    this.syncCodeSegment();
    this.taskTrap = o.taskTrap === true;
    // The PDPTE registers as the core held them (decision 0048); a file without them: read again from the table CR3 names (PAE).
    const pdpte = o.pdpte;
    if (Array.isArray(pdpte) && pdpte.length === 8 && pdpte.every((x) => typeof x === 'number')) {
      this.pae.pdpteLo.set(pdpte.slice(0, 4) as number[]);
      this.pae.pdpteHi.set(pdpte.slice(4) as number[]);
    } else if ((this.cr0 & CR0_PG) && (this.cr4 & CR4_PAE)) {
      try { this.loadPdptes(this.cr3); } catch (e) { if (e !== FAULT) throw e; }
    }
  }

  /** Ends `run` at the next instruction boundary with 'stop'. */
  stop(): void {
    this.stopRequested = true;
    this.breakSlice = true;
  }

  /** Runs until `budgetNs` of virtual time has passed or the CPU stops (see X86StopReason). */
  run(budgetNs: number): X86StopReason {
    const end = this.clock.now() + budgetNs;
    this.stopRequested = false;
    for (;;) {
      if (this.initPending) this.takeInit();
      // Wait-for-SIPI: only INIT and STARTUP reach the CPU; an NMI meanwhile is dropped.
      if (this.waitingForSipi) { this.nmiPending = false; return 'halted'; }
      if (this.shutdownReason !== undefined) return 'shutdown';
      if (this.stopRequested) { this.stopRequested = false; return 'stop'; }
      if (this.yieldRequested) { this.yieldRequested = false; return 'yield'; }
      if (this.deviceFault) { const f = this.deviceFault; this.deviceFault = undefined; throw f; }
      if (this.taskTrap) this.debugTrapAfterTaskSwitch();
      // A run that stopped at its budget inside a slice goes on without taking interrupts there.
      let inhibited = this.icount <= this.shadowUntil || this.midSlice;
      if (!inhibited) {
        if (this.nmiPending && !this.nmiBlocked) {
          this.nmiPending = false;
          this.nmiBlocked = true;
          this.halted = false;
          this.deliverEvent(NMI_VEC);
        } else if ((this.flags & IF) && this.intr.hasInterrupt()) {
          this.halted = false;
          this.deliverEvent(this.intr.acknowledge() & 0xff);
        }
        if (this.shutdownReason !== undefined) return 'shutdown';
      }
      if (this.halted) return this.flags & IF ? 'idle' : 'halted';
      const left = end - this.clock.now();
      if (left <= 0) return 'budget';
      inhibited = this.icount <= this.shadowUntil;
      // Interrupts are taken where the instruction count is a multiple of SLICE or after a break,
      // not where a budget ends (`midSlice`): however a run is cut up — or saved and restored —
      // the guest takes them at the same instructions (decision 0048).
      const toBoundary = SLICE - (this.icount % SLICE);
      const n = inhibited ? 1 : Math.min(toBoundary, Math.ceil(left / INSN_NS));
      const broke = this.slice(n);
      this.midSlice = !broke && !inhibited && n < toBoundary;
      this.syncClock();
    }
  }

  /** Runs up to `n` instructions; true when an instruction broke the slice off before that. */
  private slice(n: number): boolean {
    const limit = this.icount + n;
    this.breakSlice = false;
    while (this.icount < limit) {
      try {
        while (this.icount < limit) {
          const tf = this.flags & TF;
          if (tf === 0 && this.useBlocks && limit - this.icount >= MAX_BLOCK) {
            const b = this.block();
            if (b !== undefined) {
              b.fn(this, limit, b);
              if (this.breakSlice) { this.breakSlice = false; return true; }
              continue;
            }
          }
          this.step();
          this.icount++;
          if (tf) this.singleStepTrap();
          if (this.breakSlice) { this.breakSlice = false; return true; }
        }
      } catch (e) {
        if (e !== FAULT) throw this.internal(e);
        this.eip = this.startEip;
        this.r32[4] = this.startEsp;
        this.exception(FAULT.vector, FAULT.errorCode);
        this.icount++;
        if (this.shutdownReason !== undefined || this.breakSlice) { this.breakSlice = false; return true; }
      }
    }
    return false;
  }

  /** The translated block at CS:EIP, translating it first; undefined where the interpreter runs. */
  private block(): X86Block | undefined {
    const eip = this.eip;
    const lin = (this.csBase + eip) | 0;
    const h = (lin ^ (lin >>> 16)) & (HEAT_SLOTS - 1);
    if (this.heat[h]! < this.hot) { this.heat[h]!++; return undefined; }
    if ((lin >>> 12) !== this.fetchPage) {
      this.cacheFetchPage(lin);
      if ((lin >>> 12) !== this.fetchPage) return undefined;
    }
    const pp = this.fetchPhysPage;
    const slot = (lin ^ (lin >>> 13)) & (RECENT - 1);
    let b = this.recent[slot];
    if (b === undefined || b.lin !== lin) {
      b = this.blocks.get(lin);
      if (b !== undefined) this.recent[slot] = b;
    }
    if (b === undefined || b.csBase !== this.csBase || b.code32 !== this.code32) {
      if (this.rewritten.interpret(pp, this.icount)) return undefined;
      b = this.translateAt(lin, eip, pp);
    } else if (b.phys !== pp || b.gen !== this.pageGen[pp] || b.epoch !== this.layoutEpoch) {
      // The page was written (or remapped) since the bytes were last checked: check them again.
      if (b.n !== 0 && !sameBytes(b.bytes, this.fetchMem, this.fetchOff + (lin & 0xfff))) {
        if (this.rewritten.interpret(pp, this.icount)) return undefined;
        b = this.translateAt(lin, eip, pp);
      } else { b.phys = pp; b.gen = this.pageGen[pp]!; b.epoch = this.layoutEpoch; }
    }
    return b.n === 0 || b.endEip - 1 > this.csMax ? undefined : b;
  }

  private translateAt(lin: number, eip: number, pp: number): X86Block {
    if (this.blocks.size >= MAX_BLOCKS) { this.blocks.clear(); this.recent.fill(undefined); }
    this.rewritten.translating(pp, this.pageGen[pp]!, this.icount);
    this.markCode(pp);
    const b = translateBlock(this.fetchMem, this.fetchOff, lin & 0xfff, eip, this.code32, this.csBase);
    this.blocksTranslated++;
    b.phys = pp;
    b.gen = this.pageGen[pp]!;
    b.epoch = this.layoutEpoch;
    this.blocks.set(lin, b);
    this.recent[(lin ^ (lin >>> 13)) & (RECENT - 1)] = b;
    return b;
  }

  private internal(e: unknown): unknown {
    if (e instanceof DeviceHandlerError || e instanceof X86InternalError) return e;
    const err = new X86InternalError(`x86 core: ${e instanceof Error ? e.message : String(e)} at ${this.where()}`);
    err.cause = e;
    return err;
  }

  /**
   * Executes exactly one instruction (delivering the exception it raises, if any), without polling
   * interrupts or advancing the clock: for conformance harnesses and debuggers.
   */
  stepOne(): void {
    try {
      this.step();
    } catch (e) {
      if (e !== FAULT) throw this.internal(e);
      this.eip = this.startEip;
      this.r32[4] = this.startEsp;
      this.exception(FAULT.vector, FAULT.errorCode);
    }
    this.icount++;
    if (this.taskTrap) this.debugTrapAfterTaskSwitch();
  }

  /** Decodes and executes one instruction (prefixes, then the opcode's handler). */
  step(): void {
    this.startEip = this.eip;
    this.startEsp = this.r32[4]!;
    const d = this.code32;
    this.os32 = d;
    this.as32 = d;
    this.segOvr = -1;
    this.rep = 0;
    if (this.model === '80286') this.csMax = Math.min(this.segMax[CS]!, this.eip + 9);
    let op = this.fetch8();
    let prefixes = 0;
    const prefix = this.prefixTable;
    while (prefix[op]) {
      if (++prefixes > 14) this.fault(GP_VEC, 0);
      switch (op) {
        case 0x26: this.segOvr = ES; break;
        case 0x2e: this.segOvr = CS; break;
        case 0x36: this.segOvr = SS; break;
        case 0x3e: this.segOvr = DS; break;
        case 0x64: this.segOvr = FS; break;
        case 0x65: this.segOvr = GS; break;
        case 0x66: this.os32 = !d; break;
        case 0x67: this.as32 = !d; break;
        case 0xf2: case 0xf3: this.rep = op; break;
        default: break; // 0xF0 LOCK: accepted (one CPU, every access is atomic)
      }
      op = this.fetch8();
    }
    if (op === 0x0f && this.model !== '8086') op = 0x100 | this.fetch8();
    this.ops[op]!(this);
  }

  /** The TSS T bit (SDM vol. 3 §7.2.1): a trap-class #DB with DR6.BT set, in the new task. */
  private debugTrapAfterTaskSwitch(): void {
    this.taskTrap = false;
    this.dr[6] = this.dr[6]! | 0x8000;
    this.deliverEvent(DB_VEC);
  }

  private singleStepTrap(): void {
    this.dr[6] = this.dr[6]! | 0x4000;
    this.deliverEvent(DB_VEC);
  }

  /** An external event (INTR vector, NMI, trap) at an instruction boundary. */
  private deliverEvent(vector: number): void {
    this.startEip = this.eip;
    this.startEsp = this.r32[4]!;
    this.exception(vector, -1, true);
  }

  /**
   * Delivers a fault or an external event through the IDT/IVT; a fault during delivery becomes
   * #DF when both are contributory (or page faults), and a fault while delivering #DF shuts down
   * (SDM vol. 3 §6.15, Table 6-5).
   */
  exception(vector: number, errorCode: number, external = false): void {
    if (!external) {
      this.lastException = { vector, cs: this.sel[CS]!, eip: this.eip >>> 0 };
      log('exception %d (error %d) at %s', vector, errorCode, this.where());
      if (this.model === '8086' && vector === DE_VEC) this.eip = this.eipAfterFault;
    }
    let err = errorCode;
    for (;;) {
      const first = this.delivering;
      this.delivering = vector;
      try {
        interrupt(this, vector, err, false, this.eip);
        this.delivering = -1;
        this.halted = false;
        return;
      } catch (e) {
        if (e !== FAULT) { this.delivering = -1; throw this.internal(e); }
        this.r32[4] = this.startEsp;
        const second = FAULT.vector;
        if (vector === DF_VEC || first === DF_VEC) {
          this.delivering = -1;
          this.shutdown(`triple fault: ${second} while delivering #DF at ${this.where()}`);
          return;
        }
        if ((contributory(vector) && contributory(second)) || (vector === PF_VEC && (second === PF_VEC || contributory(second)))) {
          vector = DF_VEC;
          err = 0;
        } else {
          vector = second;
          err = FAULT.errorCode;
        }
      }
    }
  }


}

function contributory(v: number): boolean {
  return v === DE_VEC || (v >= TS_VEC && v <= GP_VEC);
}

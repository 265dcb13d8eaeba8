import type { X86Model } from './cpu-state.js';

/** Why `run` returned. */
export type X86StopReason =
  /** The virtual-time budget was spent. */
  | 'budget'
  /** HLT with IF=0: only NMI or reset resumes the CPU. */
  | 'halted'
  /** HLT with IF=1 and nothing pending: the board may skip virtual time to the next timer. */
  | 'idle'
  /** Triple fault (or a fault during #DF delivery): the board resets the machine. */
  | 'shutdown'
  /** `stop()` was called (from a device handler or a test). */
  | 'stop'
  /** PAUSE with `pauseYields` set: a spin-wait gives the other CPUs their turn. */
  | 'yield';

export interface X86CpuOptions {
  /** Whose quirks to follow (default i686; the conformance harness sets 8086 / 80286). */
  readonly model?: X86Model;
  /** CPUID reports an on-chip local APIC (the board has one at 0xFEE00000). Default true. */
  readonly apic?: boolean;
  /**
   * Run translated blocks (jit/, decision 0039) where they apply: i686 only; default on unless the
   * environment sets FWLAB_X86_INTERPRET=1. Both ways leave the same state after every instruction.
   */
  readonly blocks?: boolean;
  /** Times an address must start an instruction before it gets a block (default 24; tests use 0). */
  readonly blockHeat?: number;
  /** The initial APIC ID (CPUID.1:EBX[31:24]); default 0. */
  readonly apicId?: number;
  /** Logical processors per package (CPUID.1:EBX[23:16], EDX.HTT when above 1); default 1. */
  readonly logicalPerPackage?: number;
  /**
   * An application processor: after RESET and INIT it waits for a STARTUP IPI (SDM vol. 3 §8.4.1)
   * and IA32_APIC_BASE.BSP is clear. Default false (the bootstrap processor).
   */
  readonly ap?: boolean;
}

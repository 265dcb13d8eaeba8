/**
 * The CPU wire: the only capability a program running on the CPU core holds.
 *
 * Firmware and guest code see the machine exactly as a CPU does: port I/O,
 * physical memory, interrupts and the passing of time. Nothing else crosses
 * between the machine, the firmware and the guest.
 *
 * Widths follow x86: port I/O of 8/16/32 bits; memory of 8/16/32/64 bits.
 * Addresses are plain numbers (physical addresses up to 2^52 are safe integers);
 * 64-bit memory values are bigint. Unmapped reads return all-ones.
 */
export interface CpuWire {
  in8(port: number): number;
  in16(port: number): number;
  in32(port: number): number;
  out8(port: number, value: number): void;
  out16(port: number, value: number): void;
  out32(port: number, value: number): void;

  read8(addr: number): number;
  read16(addr: number): number;
  read32(addr: number): number;
  read64(addr: number): bigint;
  write8(addr: number, value: number): void;
  write16(addr: number, value: number): void;
  write32(addr: number, value: number): void;
  write64(addr: number, value: bigint): void;
  /** A copy of `length` bytes of physical memory (like a `rep movsb` into a private buffer). */
  readBytes(addr: number, length: number): Uint8Array;
  writeBytes(addr: number, data: Uint8Array): void;

  /** Virtual time since power-on, in nanoseconds. Never the wall clock. */
  now(): number;
  /** Spend `ns` of virtual time (a calibrated busy-wait or Stall): due timers fire. */
  delay(ns: number): void;

  /**
   * Install the program's interrupt handler (`irq` is the ISA/GSI line, e.g. 9 for the SCI).
   * A handler is called only while interrupts are enabled, never re-entered, and
   * again after it returns while a level-triggered line stays asserted.
   */
  onInterrupt(handler: ((irq: number) => void) | undefined): void;
  /** `sti` / `cli`. Enabling delivers any pending interrupt at once. */
  setInterruptsEnabled(enabled: boolean): void;
  /** `hlt` with interrupts enabled: deliver what is pending; returns whether anything was. */
  halt(): boolean;
}

/** How a program on the CPU core stops running. */
export type ProgramExit =
  /** Firmware jumps to the boot vector: the next program (the guest image) takes the CPU. */
  | { readonly kind: 'handover' }
  /** The CPU is halted for good (panic, no boot device, guest done): `reason` says why. */
  | { readonly kind: 'halt'; readonly reason: string }
  /** The program stays resident, driven by interrupts (an OS idling in `hlt`). */
  | { readonly kind: 'idle' }
  /**
   * Firmware boots x86 code it loaded (a boot sector): the machine starts the x86 core in real
   * mode at cs:ip with DL = `dl` (the BIOS drive number), the firmware staying resident to serve
   * BIOS call traps (CpuProgram.serve).
   */
  | { readonly kind: 'x86'; readonly cs: number; readonly ip: number; readonly dl: number; readonly entry?: X86EntryState };

/** General registers an x86 entry may preset (the rest start at 0; EDX is `dl` unless named). */
export type X86EntryRegister = 'eax' | 'ecx' | 'edx' | 'ebx' | 'esp' | 'ebp' | 'esi' | 'edi';

/**
 * The CPU state a loader leaves besides cs:ip (an option ROM jumping to a kernel): registers,
 * real-mode data and stack segments, IF, or a flat 32-bit protected-mode entry.
 */
export interface X86EntryState {
  readonly regs?: Partial<Readonly<Record<X86EntryRegister, number>>>;
  /** Real-mode segment values of DS, ES, FS, GS and SS (default 0). */
  readonly segments?: Partial<Readonly<Record<'ds' | 'es' | 'fs' | 'gs' | 'ss', number>>>;
  /** IF at entry (default set, as SeaBIOS jumps to a boot sector). */
  readonly interrupts?: boolean;
  /**
   * Protected mode (CR0.PE) with the GDT at `gdtBase`: `cs` is the code selector, `ip` the EIP; every
   * segment is flat (base 0, limit 4 GiB, 32-bit), DS/ES/FS/GS/SS hold `dataSelector`.
   */
  readonly flat32?: { readonly gdtBase: number; readonly gdtLimit: number; readonly dataSelector: number };
}

/**
 * A program the CPU core can run: a firmware ROM module or a guest image.
 * Such a module exports `program` of this type and nothing the machine calls otherwise.
 */
export interface CpuProgram {
  readonly name: string;
  readonly version: string;
  run(wire: CpuWire, args?: readonly string[]): ProgramExit;
  /**
   * Snapshot (QMP `migrate`): the resident program's own state as bytes, like a CPU's register
   * file. A program without it cannot be saved while it holds the CPU.
   */
  saveState?(): Uint8Array;
  /**
   * Restore (`-incoming`): continue from `saveState`'s bytes on a machine whose devices and memory
   * were restored, instead of `run`. It reinstalls its interrupt handler; the core re-enables
   * interrupts as they were when saved, after it returns.
   */
  resume?(wire: CpuWire, state: Uint8Array, args?: readonly string[]): ProgramExit;
  /**
   * Re-entry after S3 (decision 0053). A program that held the CPU when the machine suspended to
   * RAM keeps its state as RAM keeps its contents; it publishes the physical address of its wake
   * code in the FACS (Firmware_Waking_Vector) before it sleeps. When the firmware, resuming, jumps
   * there (an `x86` exit at `vector >> 4 : vector & 0xF`, real mode, interrupts off — SeaBIOS's and
   * OVMF's jump to a 32-bit waking vector), the CPU goes to this program through this hook with the
   * linear address jumped to: the program checks it is its own and continues (ACPI `_WAK`...).
   * Without the hook, x86 code at the vector runs on the x86 core as for any other jump.
   */
  wake?(wire: CpuWire, vector: number): ProgramExit;
  /**
   * A resident firmware's answer to a BIOS call trap (src/spec/bios-call.ts) while real-mode x86
   * code it booted runs: it reads the trap port and rewrites the caller's frame in memory.
   */
  serve?(wire: CpuWire): void;
}

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { X86Cpu } from './cpu/x86/x86-cpu.js';
import { X86Cpus } from './x86-cpus.js';
import { runX86 } from './x86-run.js';
import { sleepUntilWakeup } from './suspend-wait.js';
import type { PhysicalMemory } from './bus/physical-memory.js';
import type { PortBus } from './bus/port-bus.js';
import type { VirtualClock } from './clock.js';
import type { PcPlatformDevices } from './wiring/pc-platform-devices.js';
import type { ProgramExit } from '../spec/cpu-wire.js';
import { UsageError } from '../lib/errors.js';
import type { X86RunState } from './x86-run-state.js';
import { logger } from '../lib/log.js';

const log = logger('raw-firmware');

/** How many resets in a row (triple faults, 0xCF9, 0xFE, port 0x92) before the run counts as a reset loop. */
const MAX_RESETS = 4;
/** Virtual time a raw firmware gets by default before the run ends ("budget"). */
export const DEFAULT_RAW_BUDGET_NS = 10e9;

/** A raw image (`-bios bios-256k.bin`) rather than a fwlab ROM module (`.mjs`). */
export function isRawFirmware(path: string): boolean {
  return !/\.m?js$/.test(path);
}

/** What running a raw firmware needs of the machine (the Machine façade provides it). */
export interface RawFirmwareHost {
  readonly memory: PhysicalMemory;
  readonly ports: PortBus;
  readonly clock: VirtualClock;
  readonly platformDevices: PcPlatformDevices;
  /** Where the running core is kept for a snapshot. */
  readonly x86Run: X86RunState;
  /** Suspended to RAM (S3) and not yet asked to wake up. */
  readonly isAsleep: boolean;
  /** Set when the monitor stopped the sleeping machine (system_reset): how the run ends. */
  readonly stoppedAsleep?: string | undefined;
  /** A halted BSP ends no run before this virtual time (x86-run.ts). */
  readonly holdUntilNs?: number | undefined;
  /** The machine's CPUs when it keeps them (room for more than one); undefined, a new set. */
  readonly x86Cpus?: X86Cpus | undefined;
  installRom(name: string, image: Uint8Array): void;
  reset(): void;
  /** The reset of a wake-up from S3: devices reset (RAM kept), then PM1_STS.WAK_STS and the reason. */
  wakeupReset(): void;
  addEvent(text: string): void;
}

export interface RawRunOptions {
  /** Stop once this returns true (checked every SLICE_NS of virtual time), e.g. a console marker. */
  readonly until?: () => boolean;
  readonly budgetNs?: number;
  /** QEMU's -no-reboot: a reset request stops the machine instead. */
  readonly noReboot?: boolean;
}

export interface RawRun {
  readonly path: string;
  /** The BSP. */
  readonly cpu: X86Cpu;
  readonly cpus: X86Cpus;
  readonly exit: ProgramExit;
  readonly resets: number;
}

export function loadRawImage(path: string): { path: string; image: Uint8Array } {
  const full = resolve(path);
  try {
    return { path: full, image: new Uint8Array(readFileSync(full)) };
  } catch (e) {
    throw new UsageError(`--bios ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
}

/**
 * Runs a raw firmware image on the x86 core, as QEMU does with -bios: the image is mapped below
 * 4 GiB (its last 128 KiB aliased at 0xE0000 through PAM), the CPU starts at the reset vector,
 * interrupts come from the 8259/APIC part, idle HLT skips virtual time to the next timer, and a
 * triple fault or a reset request resets the machine (or stops it, with `noReboot`). Suspended to
 * RAM (S3), it waits for a wake-up, resets the machine as QEMU's pc_machine_wakeup does and
 * restarts the CPU at the reset vector: the firmware finds CMOS 0Fh = FEh and resumes.
 */
export function runRawFirmware(machine: RawFirmwareHost, path: string, image: Uint8Array, opts: RawRunOptions = {}): RawRun {
  machine.installRom('raw', image);
  const dev = machine.platformDevices;
  const cpus = machine.x86Cpus ?? new X86Cpus(machine);
  dev.attachCpu(cpus);
  const start = machine.clock.now();
  machine.reset();
  cpus.reset();
  machine.x86Run.begin(cpus.bsp, 'raw', start);
  return { path, cpu: cpus.bsp, cpus, ...rawRun(machine, cpus, start, opts) };
}

/**
 * A raw firmware's run restored from a snapshot (decision 0048): the ROM installed, the BSP of
 * `cpus` loaded (a snapshot holds one CPU); the budget counts from `startNs`.
 */
export function resumeRawFirmware(machine: RawFirmwareHost, path: string, cpus: X86Cpus, startNs: number, opts: RawRunOptions = {}): RawRun {
  machine.platformDevices.reattachCpu(cpus);
  machine.x86Run.begin(cpus.bsp, 'raw', startNs);
  return { path, cpu: cpus.bsp, cpus, ...rawRun(machine, cpus, startNs, opts) };
}

function rawRun(machine: RawFirmwareHost, cpus: X86Cpus, startNs: number, opts: RawRunOptions): { exit: ProgramExit; resets: number } {
  const dev = machine.platformDevices;
  const end = startNs + (opts.budgetNs ?? DEFAULT_RAW_BUDGET_NS);
  let resets = 0;
  const reset = (why: string): ProgramExit | undefined => {
    if (opts.noReboot) return { kind: 'halt', reason: `${why} (-no-reboot)` };
    if (++resets >= MAX_RESETS) return { kind: 'halt', reason: `reset loop (${MAX_RESETS} resets): ${why}` };
    machine.reset();
    cpus.reset();
    return undefined;
  };
  const exit = machine.x86Run.during(() => runX86(cpus.cpus, {
    clock: machine.clock, endNs: end, until: opts.until,
    holdUntilNs: machine.holdUntilNs,
    takeNmi: (i) => dev.lapics[i]!.takeNmi(),
    select: (i) => { dev.apicBus.current = i; },
    sync: () => cpus.sync(),
    onSuspend: () => {
      const asleep = sleepUntilWakeup(machine, end);
      if (asleep) return asleep;
      machine.wakeupReset();
      cpus.reset();
      return undefined;
    },
    onReset: (cause) => {
      if (cause.kind === 'host-reset') {
        // The monitor's system_reset: SeaBIOS then finds HaveRunPost and reboots once more itself.
        resets = 0;
        machine.reset();
        cpus.reset();
        return undefined;
      }
      if (cause.kind === 'triple-fault') {
        log(cause.why);
        machine.addEvent(cause.why);
      }
      return reset(cause.why);
    },
  }));
  return { exit, resets };
}

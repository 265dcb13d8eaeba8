import type { X86Cpu } from './cpu/x86/x86-cpu.js';
import { X86Cpus } from './x86-cpus.js';
import { CR0_ET, CR0_PE, CS, DS, ES, FS, GS, SS } from './cpu/x86/constants.js';
import { X86State } from './cpu/x86/cpu-state.js';
import { runX86 } from './x86-run.js';
import { sleepUntilWakeup } from './suspend-wait.js';
import type { PhysicalMemory } from './bus/physical-memory.js';
import type { PortBus } from './bus/port-bus.js';
import type { VirtualClock } from './clock.js';
import type { PcPlatformDevices } from './wiring/pc-platform-devices.js';
import type { ProgramExit, X86EntryRegister, X86EntryState } from '../spec/cpu-wire.js';
import { logger } from '../lib/log.js';
import type { X86RunState } from './x86-run-state.js';

const log = logger('x86-boot');

/** What runBootedX86 returns when the booted code reset the machine and QEMU would restart it (no -no-reboot). */
export const REBOOT = 'reboot' as const;
/** What runBootedX86 returns when the monitor reset the machine (system_reset): the firmware starts again. */
export const HOST_RESET = 'host-reset' as const;
/** What runBootedX86 returns when the booted code suspended to RAM and something woke the machine. */
export const WAKEUP = 'wakeup' as const;

/** Virtual time the booted x86 code gets before the run ends. */
export const DEFAULT_X86_BOOT_BUDGET_NS = 10e9;
const REAL_MODE_CODE = 0x9b;
/** r32 indices, in the x86 register encoding order. */
const REG_INDEX: Readonly<Record<X86EntryRegister, number>> = { eax: 0, ecx: 1, edx: 2, ebx: 3, esp: 4, ebp: 5, esi: 6, edi: 7 };
const REAL_MODE_DATA = 0x93;
const FLAT_LIMIT = 0xffffffff;
const FLAGS_RESERVED = 0x0002;
const FLAGS_IF = 0x0200;

export interface X86BootHost {
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
  /** The machine's CPUs when it keeps them (room for more than one: the APs' state outlives the firmware); undefined, a new set. */
  readonly x86Cpus?: X86Cpus | undefined;
  addEvent(text: string): void;
}

/**
 * Runs x86 code the firmware loaded (ProgramExit `x86`): the x86 core on the machine's buses,
 * in real mode at cs:ip with DL set, as SeaBIOS jumps to a boot sector; the resident firmware
 * answers BIOS call traps meanwhile. Ends at `cli; hlt`, a triple fault or a reset request, when
 * the virtual time budget is spent, or once `until` (checked between slices) says so. Suspended to
 * RAM, it waits for the wake-up and returns WAKEUP: the firmware starts again from the reset vector.
 */
export function runBootedX86(
  host: X86BootHost, entry: { cs: number; ip: number; dl: number; entry?: X86EntryState }, opts: BootedRunOptions = {},
): ProgramExit | typeof REBOOT | typeof HOST_RESET | typeof WAKEUP {
  const dev = host.platformDevices;
  const cpus = host.x86Cpus ?? new X86Cpus(host);
  const cpu = cpus.bsp;
  dev.attachCpu(cpus);
  // The machine's own cores were reset together at power-on: the BSP keeps its TSC, equal to the APs'.
  const tsc = cpu.tscOffset;
  cpu.reset();
  if (host.x86Cpus) cpu.tscOffset = tsc;
  enterState(cpu, entry);
  log('x86 code at %s:%s, dl=%s%s', entry.cs.toString(16), entry.ip.toString(16), entry.dl.toString(16), entry.entry?.flat32 ? ' (flat 32-bit)' : '');
  host.x86Run.begin(cpu, 'booted', host.clock.now());
  return bootedRun(host, cpus, host.clock.now(), opts);
}

export interface BootedRunOptions {
  readonly budgetNs?: number | undefined;
  readonly reboot?: boolean;
  readonly until?: (() => boolean) | undefined;
}

/**
 * Booted x86 code restored from a snapshot (decision 0048): the BSP of `cpus` loaded (a snapshot
 * holds one CPU); the budget counts from `startNs`.
 */
export function resumeBootedX86(host: X86BootHost, cpus: X86Cpus, startNs: number, opts: BootedRunOptions = {}): ProgramExit | typeof REBOOT | typeof HOST_RESET | typeof WAKEUP {
  host.platformDevices.reattachCpu(cpus);
  host.x86Run.begin(cpus.bsp, 'booted', startNs);
  return bootedRun(host, cpus, startNs, opts);
}

function bootedRun(host: X86BootHost, cpus: X86Cpus, startNs: number, opts: BootedRunOptions): ProgramExit | typeof REBOOT | typeof HOST_RESET | typeof WAKEUP {
  const budgetNs = opts.budgetNs ?? DEFAULT_X86_BOOT_BUDGET_NS;
  const dev = host.platformDevices;
  let rebooting = false;
  let hostReset = false;
  let woken = false;
  const endNs = startNs + budgetNs;
  const exit = host.x86Run.during(() => runX86(cpus.cpus, {
    clock: host.clock, endNs, until: opts.until,
    holdUntilNs: host.holdUntilNs,
    takeNmi: (i) => dev.lapics[i]!.takeNmi(),
    select: (i) => { dev.apicBus.current = i; },
    sync: () => cpus.sync(),
    onSuspend: () => {
      const asleep = sleepUntilWakeup(host, endNs);
      if (asleep) return asleep;
      woken = true;
      return { kind: 'halt', reason: 'woken from S3' };
    },
    onReset: (cause) => {
      if (cause.kind === 'host-reset') {
        hostReset = true;
        return { kind: 'halt', reason: cause.why };
      }
      if (cause.kind === 'triple-fault') host.addEvent(cause.why);
      if (opts.reboot) {
        rebooting = true;
        return { kind: 'halt', reason: cause.why };
      }
      return { kind: 'halt', reason: cause.kind === 'triple-fault' ? `${cause.why} (-no-reboot)` : `reset requested: ${cause.why} (-no-reboot)` };
    },
  }));
  return hostReset ? HOST_RESET : rebooting ? REBOOT : woken ? WAKEUP : exit;
}

/** The CPU as the loader leaves it: real mode at cs:ip (DL = drive), or flat 32-bit protected mode. */
function enterState(cpu: X86Cpu, entry: { cs: number; ip: number; dl: number; entry?: X86EntryState }): void {
  const e = entry.entry ?? {};
  cpu.r32[REG_INDEX.edx] = entry.dl;
  for (const [name, value] of Object.entries(e.regs ?? {}) as [X86EntryRegister, number][]) cpu.r32[REG_INDEX[name]] = value | 0;
  cpu.flags = FLAGS_RESERVED | (e.interrupts === false ? 0 : FLAGS_IF);
  cpu.eip = entry.ip >>> 0;
  if (e.flat32) {
    // An option ROM's `mov cr0, 1` (ET stays set on i486+) and far jump through its GDT.
    cpu.cr0 = CR0_PE | CR0_ET;
    cpu.gdtBase = e.flat32.gdtBase;
    cpu.gdtLimit = e.flat32.gdtLimit;
    cpu.setCache(CS, entry.cs, 0, FLAT_LIMIT, X86State.FLAT32_CODE);
    for (const s of [DS, ES, FS, GS, SS]) cpu.setCache(s, e.flat32.dataSelector, 0, FLAT_LIMIT, X86State.FLAT32_DATA);
    cpu.flushTlb(true);
    return;
  }
  cpu.setCache(CS, entry.cs, entry.cs * 16, 0xffff, REAL_MODE_CODE);
  const seg = e.segments ?? {};
  const pairs: [number, number | undefined][] = [[DS, seg.ds], [ES, seg.es], [FS, seg.fs], [GS, seg.gs], [SS, seg.ss]];
  for (const [s, v] of pairs) cpu.setCache(s, v ?? 0, (v ?? 0) * 16, 0xffff, REAL_MODE_DATA);
}

import { Machine } from './machine.js';
import { parseMachineArgs } from './options/command-line.js';
import { DEVICE_CATALOG } from './devices/catalog.js';
import { loadProgram, romPath, DEFAULT_BIOS, DEFAULT_GUEST } from './rom/load-program.js';
import type { LoadedProgram } from './rom/load-program.js';
import { buildBootReport } from './report/boot-report.js';
import type { BootReport, ProgramReport } from './report/boot-report.js';
import { DeviceManager } from './wiring/device-manager.js';
import { withTraceFile } from './trace/trace-file.js';
import type { TraceArea } from '../spec/trace.js';

/**
 * Build a machine from QEMU-style options (`-machine q35 -m 2G -device ...`). `trace`: areas to
 * trace into the report (src/spec/trace.ts); DEBUG=fwlab:<area> adds its area too.
 */
export function createMachine(args: readonly string[] = [], trace: readonly TraceArea[] = []): Machine {
  const config = parseMachineArgs(withTraceFile(args, trace), DEVICE_CATALOG);
  return new Machine(new DeviceManager(config, DEVICE_CATALOG));
}

export interface BootOptions {
  /** A ROM module to run at reset instead of roms/fwlab-bios.mjs (`--bios FILE`). */
  readonly bios?: string;
  /** The guest image run after hand-over: a path, 'ospm' (roms/ospm.mjs) or 'none'. Default: ospm when built. */
  readonly guest?: string;
  /** `--guest-os linux|windows`: the OSPM's PCI resource policy (passed to the guest as `os=...`). */
  readonly guestOs?: 'linux' | 'windows';
  /** Trace areas recorded in the report (`--trace`, src/spec/trace.ts); used where the machine is created. */
  readonly trace?: readonly TraceArea[];
}

/** The arguments the guest program gets (CpuProgram.run). */
export function guestArgsOf(options: BootOptions): string[] {
  return options.guestOs ? [`os=${options.guestOs}`] : [];
}

export interface BootResult {
  readonly machine: Machine;
  readonly report: BootReport;
}

/** Power on: load the ROM by path, run it from reset, then the guest image; report. */
export async function bootMachine(machine: Machine, options: BootOptions = {}): Promise<BootResult> {
  const bios = await loadProgram(options.bios ?? romPath(DEFAULT_BIOS), '--bios');
  let guestPath = options.guest === 'ospm' ? romPath(DEFAULT_GUEST) : options.guest;
  if (guestPath === undefined) {
    try {
      guestPath = romPath(DEFAULT_GUEST);
    } catch {
      guestPath = 'none';
    }
  }
  const guest = guestPath === 'none' ? undefined : await loadProgram(guestPath, '--guest');
  return runPrograms(machine, bios, guest, options);
}

/**
 * Power on with programs already loaded (a browser page has no files: it gets them as scripts):
 * install the ROM image, run the firmware from reset, then the guest; report.
 */
export function runPrograms(machine: Machine, bios: LoadedProgram, guest: LoadedProgram | undefined, options: BootOptions = {}): BootResult {
  machine.installRom(bios.program.name, bios.image);
  const exits = machine.run(bios.program, guest?.program, guestArgsOf(options));
  const lines = machine.debugConsole.lines;
  machine.consoleLines();
  const fw: ProgramReport = {
    name: bios.program.name, version: bios.program.version, path: bios.path, exit: exits.firmware,
    console: lines.slice(0, exits.consoleSplit),
  };
  const g: ProgramReport | undefined = guest && exits.guest
    ? { name: guest.program.name, version: guest.program.version, path: guest.path, exit: exits.guest, console: lines.slice(exits.consoleSplit) }
    : undefined;
  return { machine, report: buildBootReport(machine, fw, g) };
}

export async function boot(args: readonly string[] = [], options: BootOptions = {}): Promise<BootResult> {
  return bootMachine(createMachine(args, options.trace), options);
}

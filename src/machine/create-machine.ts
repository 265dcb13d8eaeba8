import { Machine } from './machine.js';
import { parseMachineArgs } from './options/command-line.js';
import { DEVICE_CATALOG } from './devices/catalog.js';
import { loadProgram, romPath, DEFAULT_BIOS, DEFAULT_GUEST } from './rom/load-program.js';
import { buildBootReport } from './report/boot-report.js';
import type { BootReport, ProgramReport } from './report/boot-report.js';
import { DeviceManager } from './wiring/device-manager.js';

/** Build a machine from QEMU-style options (`-machine q35 -m 2G -device ...`). */
export function createMachine(args: readonly string[] = []): Machine {
  const config = parseMachineArgs(args, DEVICE_CATALOG);
  return new Machine(new DeviceManager(config, DEVICE_CATALOG));
}

export interface BootOptions {
  /** A ROM module to run at reset instead of roms/fwlab-bios.mjs (`--bios FILE`). */
  readonly bios?: string;
  /** The guest image run after hand-over: a path, 'ospm' (roms/ospm.mjs) or 'none'. Default: ospm when built. */
  readonly guest?: string;
  /** `--guest-os linux|windows`: the OSPM's PCI resource policy (passed to the guest as `os=...`). */
  readonly guestOs?: 'linux' | 'windows';
}

/** The arguments the guest program gets (CpuProgram.run). */
export function guestArgsOf(options: BootOptions): string[] {
  return options.guestOs ? [`os=${options.guestOs}`] : [];
}

export interface BootResult {
  readonly machine: Machine;
  readonly report: BootReport;
}

/**
 * Power on: load the ROM by path, run it from reset, then the guest image; report. A machine
 * that has run before is power-cycled first, so booting it again costs no construction.
 */
export async function bootMachine(machine: Machine, options: BootOptions = {}): Promise<BootResult> {
  if (machine.hasRun) machine.powerCycle();
  const bios = await loadProgram(options.bios ?? romPath(DEFAULT_BIOS), '--bios');
  machine.installRom(bios.program.name, bios.image);
  let guestPath = options.guest === 'ospm' ? romPath(DEFAULT_GUEST) : options.guest;
  if (guestPath === undefined) {
    try {
      guestPath = romPath(DEFAULT_GUEST);
    } catch {
      guestPath = 'none';
    }
  }
  const guest = guestPath === 'none' ? undefined : await loadProgram(guestPath, '--guest');
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
  return bootMachine(createMachine(args), options);
}

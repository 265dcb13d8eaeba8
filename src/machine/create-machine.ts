import { Machine } from './machine.js';
import { noRebootOf, parseMachineArgs } from './options/command-line.js';
import { DEVICE_CATALOG } from './devices/catalog.js';
import { loadProgram, romPath, DEFAULT_BIOS, DEFAULT_GUEST } from './rom/load-program.js';
import type { LoadedProgram } from './rom/load-program.js';
import { UsageError } from '../lib/errors.js';
import type { ProgramExit } from '../spec/cpu-wire.js';
import { SnapshotMismatch } from './snapshot/part-state.js';
import { checkIdentity, decodeSnapshot, encodeSnapshot } from './snapshot/snapshot-file.js';
import type { SnapshotIdentity } from './snapshot/snapshot-file.js';
import { snapshotIdentity } from './snapshot/options-identity.js';
import { buildBootReport } from './report/boot-report.js';
import type { BootReport, ProgramReport } from './report/boot-report.js';
import { DeviceManager } from './wiring/device-manager.js';
import { isRawFirmware, loadRawImage, runRawFirmware } from './raw-firmware.js';
import { withTraceFile } from './trace/trace-file.js';
import { firmwareSearchPath } from './roms/data-dirs.js';
import type { TraceArea } from '../spec/trace.js';
import { sha256Hex } from '../lib/sha256.js';
import type { ProgramIdentity } from './snapshot/options-identity.js';

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
  /** `--guest-s3 rtc:SECONDS|external`: the OSPM suspends to RAM once booted (passed as `s3=...`; decision 0053). */
  readonly guestS3?: string;
  /** Trace areas recorded in the report (`--trace`, src/spec/trace.ts); used where the machine is created. */
  readonly trace?: readonly TraceArea[];
  /** `--until REGEX`: stop the machine once COM1's output matches (raw firmware, or x86 code the firmware booted). */
  readonly until?: RegExp;
  /** `--run-for TIME`: virtual time x86 code may run (raw firmware, or code the firmware booted); default 10 s. */
  readonly runForNs?: number;
}

/** The arguments the guest program gets (CpuProgram.run). */
export function guestArgsOf(options: BootOptions): string[] {
  return [...(options.guestOs ? [`os=${options.guestOs}`] : []), ...(options.guestS3 ? [`s3=${options.guestS3}`] : [])];
}

export interface BootResult {
  readonly machine: Machine;
  readonly report: BootReport;
  /** With `until`: whether COM1's output matched before the run ended. */
  readonly untilMatched?: boolean;
}

/** The ROM (installed) and the guest image the options name. */
async function loadPrograms(machine: Machine, options: BootOptions): Promise<{ bios: LoadedProgram; guest: LoadedProgram | undefined }> {
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
  return { bios, guest };
}

/** Power on: load the ROM by path, run it from reset, then the guest image; report. */
export async function bootMachine(machine: Machine, options: BootOptions = {}): Promise<BootResult> {
  // A machine that has run before is power-cycled first: booting it again costs no construction.
  if (machine.hasRun) machine.powerCycle();
  if (options.bios !== undefined && isRawFirmware(options.bios)) return bootRaw(machine, options.bios, options.until, options.runForNs);
  const { bios, guest } = await loadPrograms(machine, options);
  return runPrograms(machine, bios, guest, options);
}

/**
 * Power on with programs already loaded (a browser page has no files: it gets them as scripts):
 * install the ROM image, run the firmware from reset, then the guest; report.
 */
export function runPrograms(machine: Machine, bios: LoadedProgram, guest: LoadedProgram | undefined, options: BootOptions = {}): BootResult {
  machine.installRom(bios.program.name, bios.image);
  const matcher = options.until && serialMatcher(machine, options.until);
  const exits = machine.run(bios.program, guest?.program, guestArgsOf(options), { until: matcher || undefined, budgetNs: options.runForNs });
  const lines = machine.debugConsole.lines;
  machine.consoleLines();
  const fw: ProgramReport = {
    name: bios.program.name, version: bios.program.version, path: bios.path, exit: exits.firmware,
    console: lines.slice(0, exits.consoleSplit),
  };
  const g: ProgramReport | undefined = exits.x86
    ? { name: 'x86 boot code', version: '', path: '', exit: exits.x86, console: lines.slice(exits.consoleSplit) }
    : guest && exits.guest
      ? { name: guest.program.name, version: guest.program.version, path: guest.path, exit: exits.guest, console: lines.slice(exits.consoleSplit) }
      : undefined;
  return { machine, report: buildBootReport(machine, fw, g), ...(matcher ? { untilMatched: matcher() } : {}) };
}

/**
 * `--bios IMAGE` with a raw image: the x86 core runs it (raw-firmware.ts); no guest program follows.
 * Also the monitor's system_reset of a machine whose run has ended: RAM and PAM as they are.
 */
export function bootRaw(machine: Machine, path: string, until: RegExp | undefined, budgetNs: number | undefined): BootResult {
  requireBootOptionRom(machine);
  const { path: full, image } = loadRawImage(path);
  const noReboot = noRebootOf(machine.config.argv);
  const matcher = until && serialMatcher(machine, until);
  machine.programs = rawProgramIdentity(image);
  const run = runRawFirmware(machine, full, image, { noReboot, ...(matcher ? { until: matcher } : {}), ...(budgetNs !== undefined ? { budgetNs } : {}) });
  machine.consoleLines();
  const fw: ProgramReport = { name: 'raw', version: '', path: full, exit: run.exit, console: [...machine.debugConsole.lines] };
  return { machine, report: buildBootReport(machine, fw, undefined), ...(matcher ? { untilMatched: matcher() } : {}) };
}

/** What a snapshot records for a raw firmware image: no program, the image by its digest. */
function rawProgramIdentity(image: Uint8Array): ProgramIdentity {
  return { firmware: `raw@sha256:${sha256Hex(image)}`, guest: null, guestArgs: [] };
}

/** Text a match may span back from the newest output: one long console line or so. */
const UNTIL_LOOKBACK = 4096;

/** True once COM1's output matches `re`; each call searches only the text new since the last one (plus a line's worth). */
function serialMatcher(machine: Machine, re: RegExp): () => boolean {
  let checked = 0;
  let matched = false;
  return () => {
    if (matched) return true;
    const out = machine.serialPorts[0]?.output ?? '';
    if (out.length === checked) return false;
    matched = re.test(out.slice(Math.max(0, checked - UNTIL_LOOKBACK)));
    checked = out.length;
    return matched;
  };
}

/** A raw BIOS boots -kernel through the option ROM QEMU adds (genroms/linuxboot_dma.bin): it must be installed. */
function requireBootOptionRom(machine: Machine): void {
  const kernel = machine.config.kernel;
  if (!kernel) return;
  const name = machine.fwCfg.file('bootorder');
  const rom = name && new TextDecoder().decode(name).replace(/^\/rom@|\0$/g, '');
  if (rom && machine.fwCfg.file(rom) === undefined) {
    throw new UsageError(`-kernel ${kernel.path}: a raw BIOS boots it through QEMU's ${rom.replace(/^genroms\//, '')}, not found in ${firmwareSearchPath(machine.config.dataDirs).join(':')} (apt-get install qemu-system-data)`);
  }
}

export async function boot(args: readonly string[] = [], options: BootOptions = {}): Promise<BootResult> {
  return bootMachine(createMachine(args, options.trace), options);
}

/** Which machine a snapshot of `machine` belongs to: the fwlab version, the options and the programs it runs. */
export function machineIdentity(machine: Machine, version: string): SnapshotIdentity {
  if (!machine.programs) throw new Error('the machine has not been powered on');
  return snapshotIdentity(version, machine.config, machine.programs);
}

/** QMP `migrate` to a file: the whole machine as snapshot bytes (decision 0022). */
export function saveSnapshot(machine: Machine, version: string): Uint8Array {
  return encodeSnapshot(machineIdentity(machine, version), machine.saveState());
}

export interface RestoreResult {
  readonly machine: Machine;
  /** How the resumed program left the CPU (undefined: the snapshot had no program on it). */
  readonly exit: ProgramExit | undefined;
  /** The guest's console lines printed while resuming (vmgenid post-load → `vmgenid-changed`). */
  readonly console: readonly string[];
  /** The saved and the current generation ID, when the machine has a vmgenid device. */
  readonly vmgenid: { readonly saved: string | undefined; readonly guid: string } | undefined;
  /** How the x86 run the snapshot held ended after it went on (decision 0048). */
  readonly x86?: ProgramExit;
  /** With `until`: whether COM1's output since the restore matched before the run ended. */
  readonly untilMatched?: boolean;
}

/**
 * `-incoming file:PATH`: restore `data` into `machine` (built from the same options) instead of
 * booting. A file of another fwlab version or of other options is refused with one line. An x86
 * run the snapshot held (a raw `--bios` image, or code fwlab's firmware booted) goes on to
 * `options.until` or the end of `options.runForNs`, counted from the run's start (decision 0048).
 */
export async function restoreMachine(machine: Machine, data: Uint8Array, what: string, version: string, options: BootOptions = {}): Promise<RestoreResult> {
  const raw = options.bios !== undefined && isRawFirmware(options.bios) ? loadRawImage(options.bios) : undefined;
  const programs = raw ? undefined : await loadPrograms(machine, options);
  if (raw) machine.installRom('raw', raw.image);
  else machine.installRom(programs!.bios.program.name, programs!.bios.image);
  const file = decodeSnapshot(data, what);
  const guestArgs = raw ? [] : guestArgsOf(options);
  const bios = programs?.bios;
  const guest = programs?.guest;
  const identity: ProgramIdentity = raw ? rawProgramIdentity(raw.image) : {
    firmware: `${bios!.program.name}@${bios!.program.version}`, guest: guest ? `${guest.program.name}@${guest.program.version}` : null, guestArgs,
  };
  checkIdentity(file, snapshotIdentity(version, machine.config, identity), what);
  const before = machine.consoleLines();
  let exit: ProgramExit | undefined;
  try {
    exit = machine.restore(file.sections, bios?.program, guest?.program, guestArgs);
  } catch (e) {
    if (e instanceof SnapshotMismatch) throw new UsageError(`${what}: the snapshot does not fit this machine (${e.message})`);
    throw e;
  }
  machine.programs = identity;
  let x86: ProgramExit | undefined;
  let matcher: (() => boolean) | undefined;
  if (machine.hasX86Run) {
    matcher = options.until && serialMatcher(machine, options.until);
    x86 = machine.resumeX86({ until: matcher, budgetNs: options.runForNs, ...(raw ? { rawPath: raw.path } : {}) });
  }
  machine.consoleLines();
  const v = machine.vmgenid ?? machine.vmgenidPci;
  return {
    machine, exit, console: machine.debugConsole.lines.slice(before),
    vmgenid: v ? { saved: v.restoredFrom, guid: v.guid } : undefined,
    ...(x86 ? { x86 } : {}), ...(matcher ? { untilMatched: matcher() } : {}),
  };
}

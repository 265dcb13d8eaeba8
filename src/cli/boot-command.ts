import { withChain } from '../tools/report/chain.js';
import { formatBootReport } from './format-report.js';
import { UsageError } from '../lib/errors.js';
import { bootMachine, createMachine, firmwareSearchPath, ignoredOptions, romPath } from '../inspect.js';
import type { BootReport } from '../inspect.js';
import type { BootRequest } from './monitor-command.js';
import { parseCommandArgs } from '../tools/cli-args.js';
import type { Io } from './io.js';
import { warn } from './io.js';
import { inputFile, outputFile, socketPath } from './paths.js';
import { parseGuestOs } from './guest-os.js';
import { snapshotPathOf } from '../tools/monitor/monitor-migrate.js';
import { TRACE_AREAS, isTraceArea } from '../spec/trace.js';
import type { TraceArea } from '../spec/trace.js';
import { BOOT_HELP, VGA_HELP } from './boot-help.js';
import { parseQmpAt, takeQmpAt } from '../tools/monitor/monitor-at.js';
import { parseVirtualTime } from '../lib/virtual-time.js';
import type { ScheduledQmp } from '../tools/monitor/monitor-at.js';


/** The OVMF-profile build of the firmware (build.mjs ROMS). */
const OVMF_ROM = 'fwlab-ovmf.mjs';

export { BOOT_HELP } from './boot-help.js';

const LOADER_POLICIES = ['seabios', 'ovmf', 'strict'] as const;

/** fwlab's own `fwlab boot` options; everything else is the machine's (QEMU's spelling). */
const BOOT_ARGS = {
  flags: ['--json', '--query-pci'],
  options: ['--bios', '--firmware', '--guest', '--guest-os', '--guest-s3', '--loader-policy', '--monitor', '--report', '--fw-cfg', '--incoming', '--trace', '--until', '--run-for'],
  aliases: { '-bios': '--bios', '-incoming': '--incoming' },
} as const;

/** `--trace aml,loader`: the areas, each one fwlab knows (src/spec/trace.ts). */
function parseTraceOption(text: string): TraceArea[] {
  const areas = text.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = areas.find((a) => !isTraceArea(a));
  if (bad !== undefined || areas.length === 0) throw new UsageError(`--trace ${text}: expected a list of ${Object.keys(TRACE_AREAS).join(', ')}`);
  return areas as TraceArea[];
}

/** `fwlab boot`: split fwlab's own flags from the machine options, boot, print. */
export async function bootCommand(allArgs: readonly string[], io: Io): Promise<number> {
  const { rest: args, values: qmpAtValues } = takeQmpAt(allArgs);
  const qmpAt = qmpAtValues.map(parseQmpAt);
  const p = parseCommandArgs(args, BOOT_ARGS, 'boot', 'qemu');
  if (p.flags.has('--help')) {
    io.out(BOOT_HELP);
    return 0;
  }
  const machineArgs = [...p.passThrough];
  if (machineArgs.some((a, i) => a === '-vga' && machineArgs[i + 1] === 'help')) {
    io.out(VGA_HELP);
    return 0;
  }
  const lHelp = machineArgs.findIndex((a, i) => a === '-L' && machineArgs[i + 1] === 'help');
  if (lHelp >= 0) {
    // QEMU's `-L help`: the firmware search path, one directory per line.
    io.out(firmwareSearchPath(dataDirsOf(machineArgs.filter((_, i) => i !== lHelp && i !== lHelp + 1))).join('\n') + '\n');
    return 0;
  }
  const policy = p.options.get('--loader-policy');
  if (policy !== undefined) {
    if (!(LOADER_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`--loader-policy ${policy}: expected ${LOADER_POLICIES.join(', ')}`);
    // The firmware reads its policy from this fw_cfg file (firmware/post.ts).
    machineArgs.push('-fw_cfg', `name=opt/fwlab/loader-policy,string=${policy}`);
  }
  const firmware = p.options.get('--firmware');
  if (firmware !== undefined && firmware !== 'seabios' && firmware !== 'ovmf') throw new UsageError(`--firmware ${firmware}: expected seabios or ovmf`);
  let bios = p.options.get('--bios');
  if (firmware !== undefined && bios !== undefined) throw new UsageError('--firmware and --bios are exclusive');
  if (firmware === 'ovmf') bios = romPath(OVMF_ROM);
  if (bios !== undefined && firmware === undefined) inputFile(bios, '--bios');
  const guest = p.options.get('--guest');
  if (guest !== undefined && guest !== 'ospm' && guest !== 'none') inputFile(guest, '--guest');
  const guestOsArg = p.options.get('--guest-os');
  const guestOs = guestOsArg === undefined ? undefined : parseGuestOs(guestOsArg);
  const guestS3 = p.options.get('--guest-s3');
  if (guestS3 !== undefined && !/^(rtc:\d+|external)$/.test(guestS3)) throw new UsageError(`--guest-s3 ${guestS3}: expected rtc:SECONDS or external`);
  const monitor = p.options.get('--monitor');
  if (monitor?.startsWith('unix:')) socketPath(monitor.slice('unix:'.length), '--monitor unix:');
  const report = p.options.get('--report');
  if (report !== undefined) outputFile(report, '--report');
  const fwCfgDir = p.options.get('--fw-cfg');
  const incoming = p.options.get('--incoming');
  const incomingPath = incoming === undefined ? undefined : snapshotPathOf(incoming, true);
  if (incoming !== undefined) {
    if (incomingPath === undefined) throw new UsageError(`-incoming ${incoming}: expected file:PATH or exec:cat PATH (a snapshot file)`);
    inputFile(incomingPath, '-incoming');
    if (fwCfgDir !== undefined) throw new UsageError('-incoming and --fw-cfg are exclusive');
  }
  const untilArg = p.options.get('--until');
  let until: RegExp | undefined;
  if (untilArg !== undefined) {
    try {
      until = new RegExp(untilArg, 'm');
    } catch (e) {
      throw new UsageError(`--until ${untilArg}: ${(e as Error).message}`);
    }
  }
  const runForArg = p.options.get('--run-for');
  const runForNs = runForArg === undefined ? undefined : parseVirtualTime(runForArg, '--run-for');
  const traceArg = p.options.get('--trace');
  const trace = traceArg === undefined ? undefined : parseTraceOption(traceArg);
  const ignored = ignoredOptions(machineArgs);
  if (ignored.length) warn(io, `accepted for QEMU compatibility but ignored: ${ignored.join(', ')}`);
  const request: BootRequest = {
    machineArgs,
    json: p.flags.has('--json'),
    queryPci: p.flags.has('--query-pci'),
    ...(bios !== undefined ? { bios } : {}),
    ...(guest !== undefined ? { guest } : {}),
    ...(guestOs !== undefined ? { guestOs } : {}),
    ...(monitor !== undefined ? { monitor } : {}),
    ...(report !== undefined ? { report } : {}),
    ...(fwCfgDir !== undefined ? { fwCfgDir } : {}),
    ...(incomingPath !== undefined ? { incoming: incomingPath } : {}),
    ...(trace !== undefined ? { trace } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(runForNs !== undefined ? { runForNs } : {}),
  };
  if (monitor !== undefined || report !== undefined || fwCfgDir !== undefined || incoming !== undefined) {
    if (qmpAt.length) throw new UsageError('--qmp-at runs without --monitor, --report, --fw-cfg and -incoming');
    return (await import('./monitor-command.js')).bootToolsCommand(request, io);
  }
  // The public API's boot() (src/host-boot.ts) by its parts: the CLI imports no more than booting needs.
  const created = createMachine(machineArgs, trace);
  const qmpEvents = qmpAt.length ? await scheduleMonitorCommands(created, qmpAt, { bios, guest, guestOs }) : undefined;
  const booted = await bootMachine(created, {
    ...(bios !== undefined ? { bios } : {}),
    ...(guest !== undefined ? { guest } : {}),
    ...(guestOs !== undefined ? { guestOs } : {}),
    ...(guestS3 !== undefined ? { guestS3 } : {}),
    ...(trace !== undefined ? { trace } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(runForNs !== undefined ? { runForNs } : {}),
  });
  const machine = booted.machine;
  await qmpEvents?.();
  if (booted.untilMatched !== undefined) {
    const ms = (machine.clock.now() / 1e6).toFixed(3);
    if (booted.untilMatched) return 0;
    warn(io, `--until ${untilArg}: no match before the run ended at virtual time ${ms} ms (${describeExit(booted.report)})`);
    return 1;
  }
  const bootReport = withChain(booted.report, machine);
  if (request.queryPci) {
    io.out(JSON.stringify(machine.pci.queryPci(), null, 1));
    return 0;
  }
  io.out(request.json ? JSON.stringify(bootReport, null, 2) : formatBootReport(bootReport));
  return 0;
}

/**
 * `--qmp-at`: a monitor session whose commands run at virtual times. Each reply is one stderr line,
 * and so is each QMP event (but fwlab's CONSOLE), in the order a QMP client would read them: the
 * events before a command, those its own run caused, its reply. Returns what prints them, with the
 * events left at the end of the run.
 */
async function scheduleMonitorCommands(machine: ReturnType<typeof createMachine>, entries: readonly ScheduledQmp[], options: { bios?: string; guest?: string; guestOs?: 'linux' | 'windows' }): Promise<() => Promise<void>> {
  const [{ MonitorSession }, { scheduleQmp }, { packageVersion }] = await Promise.all([
    import('../tools/monitor/monitor-session.js'), import('../tools/monitor/monitor-at.js'), import('./version.js'),
  ]);
  const boot = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const session = new MonitorSession(machine, boot, packageVersion());
  const lines: Array<Promise<string>> = [];
  const ran = new Set<ScheduledQmp>();
  const events = (): Promise<string> => Promise.resolve(session.takeEvents().filter((ev) => ev.event !== 'CONSOLE')
    .map((ev) => `fwlab: qmp-at event ${JSON.stringify(ev)}\n`).join(''));
  await scheduleQmp(machine, session, entries, () => {}, {
    before: () => lines.push(events()),
    after: (e, reply, startedNs) => {
      ran.add(e);
      lines.push(events());
      lines.push(reply.then((r) => `fwlab: qmp-at ${(startedNs / 1e6).toFixed(3)} ms ${JSON.stringify(e.command)} -> ${JSON.stringify(r)}\n`));
    },
  });
  return async () => {
    lines.push(events());
    const endMs = (machine.clock.now() / 1e6).toFixed(3);
    for (const e of entries) {
      if (!ran.has(e)) lines.push(Promise.resolve(`fwlab: qmp-at ${(e.atNs / 1e6).toFixed(3)} ms ${JSON.stringify(e.command)}: not run, the run ended at ${endMs} ms\n`));
    }
    for (const l of lines) process.stderr.write(await l);
  };
}

/** How the firmware's run ended, in a few words. */
function describeExit(report: BootReport): string {
  const fw = report.firmware?.exit;
  // The firmware booted x86 code: how that code's run ended is the answer.
  const exit = fw?.kind === 'x86' ? report.guest?.exit ?? fw : fw;
  return exit === undefined ? 'no firmware run' : exit.kind === 'halt' ? exit.reason : exit.kind;
}

/** The `-L DIR` values of a machine command line, in order. */
function dataDirsOf(args: readonly string[]): string[] {
  return args.flatMap((a, i) => (a === '-L' && i + 1 < args.length ? [args[i + 1]!] : []));
}

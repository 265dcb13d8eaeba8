import { writeFileSync } from 'node:fs';
import { bootMachine, createMachine } from '../inspect.js';
import type { BootOptions } from '../inspect.js';
import { romPath } from '../inspect.js';
import { UsageError } from '../lib/errors.js';
import { MonitorSession } from '../tools/monitor/monitor-session.js';
import { serveLines, serveUnix } from '../tools/monitor/qmp-server.js';
import { renderHtmlReport } from '../tools/report/html-report.js';
import { formatBootReport } from './format-report.js';
import { readFwCfgDir } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import { serveCapturedChain } from '../tools/fw-cfg-dir/serve-captured.js';
import type { Io } from './io.js';

/** True when `fwlab boot` needs the tools path (monitor or HTML report). */
export function wantsBootTools(args: readonly string[]): boolean {
  return args.includes('--monitor') || args.includes('--report') || args.includes('--fw-cfg');
}

/**
 * `fwlab boot ... --monitor stdio|unix:PATH`, `--report FILE.html`, `--fw-cfg DIR`: boot (serving
 * a captured loader chain with --fw-cfg), write the HTML report, then serve the monitor.
 */
export async function bootToolsCommand(args: readonly string[], io: Io): Promise<number> {
  const machineArgs: string[] = [];
  let monitor: string | undefined;
  let report: string | undefined;
  let fwCfgDir: string | undefined;
  let json = false;
  const boot: { bios?: string; guest?: string } = {};
  let firmware: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`option '${a}' needs a value`);
      return v;
    };
    if (a === '--monitor') monitor = next();
    else if (a === '--report') report = next();
    else if (a === '--fw-cfg') fwCfgDir = next();
    else if (a === '--json') json = true;
    else if (a === '--bios' || a === '-bios') boot.bios = next();
    else if (a === '--guest') boot.guest = next();
    else if (a === '--firmware') firmware = next();
    else machineArgs.push(a);
  }
  if (monitor !== undefined && monitor !== 'stdio' && !monitor.startsWith('unix:')) throw new UsageError(`--monitor ${monitor}: expected stdio or unix:PATH`);
  if (firmware !== undefined) {
    if (firmware !== 'seabios' && firmware !== 'ovmf') throw new UsageError(`--firmware ${firmware}: expected seabios or ovmf`);
    if (boot.bios !== undefined) throw new UsageError('--firmware and --bios are exclusive');
    if (firmware === 'ovmf') boot.bios = romPath('fwlab-ovmf.mjs');
  }
  const options: BootOptions = boot;
  const machine = createMachine(machineArgs);
  if (fwCfgDir !== undefined) serveCapturedChain(machine, readFwCfgDir(fwCfgDir));
  const result = await bootMachine(machine, options);
  if (report !== undefined) writeFileSync(report, renderHtmlReport(result.report, machine));
  if (monitor === undefined) {
    io.out(json ? JSON.stringify(result.report, null, 2) : formatBootReport(result.report));
    return 0;
  }
  const session = new MonitorSession(machine, options);
  if (monitor === 'stdio') await serveLines(session, process.stdin, process.stdout);
  else await serveUnix(session, monitor.slice('unix:'.length), (p) => process.stderr.write(`fwlab: monitor listening on ${p}\n`));
  return 0;
}

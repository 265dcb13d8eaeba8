import { readFileSync, writeFileSync } from 'node:fs';
import { bootMachine, createMachine, restoreMachine } from '../inspect.js';
import type { BootOptions, RestoreResult } from '../inspect.js';
import { packageVersion } from './version.js';
import { UsageError } from '../lib/errors.js';
import { MonitorSession } from '../tools/monitor/monitor-session.js';
import { serveLines, serveUnix } from '../tools/monitor/qmp-server.js';
import { renderHtmlReport } from '../tools/report/html-report.js';
import { formatBootReport } from './format-report.js';
import { readFwCfgDir } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import { serveCapturedChain } from '../tools/fw-cfg-dir/serve-captured.js';
import type { Io } from './io.js';
import { warn } from './io.js';
import type { TraceArea } from '../spec/trace.js';

/** What `fwlab boot` was asked to do, its own options taken out of the machine's. */
export interface BootRequest {
  readonly machineArgs: readonly string[];
  readonly json: boolean;
  readonly queryPci: boolean;
  readonly bios?: string;
  readonly guest?: string;
  /** `--guest-os linux|windows`: the OSPM's PCI resource policy. */
  readonly guestOs?: 'linux' | 'windows';
  readonly monitor?: string;
  readonly report?: string;
  readonly fwCfgDir?: string;
  /** `-incoming file:PATH`: the snapshot to restore instead of booting. */
  readonly incoming?: string;
  readonly trace?: readonly TraceArea[];
  /** `--until REGEX`: x86 code (booted, raw or restored) stops once COM1 matches. */
  readonly until?: RegExp;
  /** `--run-for TIME`: the x86 run's virtual time, counted from its start (also across a restore). */
  readonly runForNs?: number;
}

/**
 * `fwlab boot ... --monitor stdio|unix:PATH`, `--report FILE.html`, `--fw-cfg DIR`: boot (serving
 * a captured loader chain with --fw-cfg), write the HTML report, then serve the monitor.
 */
export async function bootToolsCommand(request: BootRequest, io: Io): Promise<number> {
  const { monitor, report, fwCfgDir } = request;
  if (monitor !== undefined && monitor !== 'stdio' && !monitor.startsWith('unix:')) throw new UsageError(`--monitor ${monitor}: expected stdio or unix:PATH`);
  const options: BootOptions = {
    ...(request.bios !== undefined ? { bios: request.bios } : {}),
    ...(request.guest !== undefined ? { guest: request.guest } : {}),
    ...(request.guestOs !== undefined ? { guestOs: request.guestOs } : {}),
    ...(request.until !== undefined ? { until: request.until } : {}),
    ...(request.runForNs !== undefined ? { runForNs: request.runForNs } : {}),
  };
  const machine = createMachine(request.machineArgs, request.trace);
  if (request.incoming !== undefined) {
    if (report !== undefined) throw new UsageError('-incoming and --report are exclusive (the report describes a boot)');
    const path = request.incoming;
    const restored = await restoreMachine(machine, new Uint8Array(readFileSync(path)), `-incoming file:${path}`, packageVersion(), options);
    if (monitor === undefined) {
      // A restored x86 run with --until: like a boot, nothing but COM1 on stdout; exit 1 without a match.
      if (restored.untilMatched === true) return 0;
      if (restored.untilMatched === false) {
        warn(io, `--until: no match before the restored run ended at virtual time ${(machine.clock.now() / 1e6).toFixed(3)} ms`);
        return 1;
      }
      if (request.queryPci) io.out(JSON.stringify(machine.pci.queryPci(), null, 1));
      else io.out(request.json ? JSON.stringify({ restored: path, ...restored, machine: undefined }, null, 2) : formatRestore(path, restored));
      return 0;
    }
  } else {
    if (fwCfgDir !== undefined) serveCapturedChain(machine, readFwCfgDir(fwCfgDir));
    const result = await bootMachine(machine, options);
    if (report !== undefined) writeFileSync(report, renderHtmlReport(result.report, machine));
    if (monitor === undefined) {
      io.out(request.json ? JSON.stringify(result.report, null, 2) : formatBootReport(result.report));
      return 0;
    }
  }
  const session = new MonitorSession(machine, options, packageVersion());
  if (monitor === 'stdio') await serveLines(session, process.stdin, process.stdout);
  else {
    const path = monitor.slice('unix:'.length);
    try {
      await serveUnix(session, path, (p) => process.stderr.write(`fwlab: monitor listening on ${p}\n`));
    } catch (e) {
      // The host refused the socket (permissions, path too long, in use): the user's to fix.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EADDRINUSE' || code === 'ENAMETOOLONG' || code === 'EROFS') throw new UsageError(`--monitor unix:${path}: ${(e as Error).message}`);
      throw e;
    }
  }
  return 0;
}

/** What `fwlab boot -incoming file:PATH` prints: where from, the generation ID, the guest's lines since the restore. */
function formatRestore(path: string, r: RestoreResult): string {
  const exit = r.exit === undefined ? 'no program on the CPU' : r.exit.kind === 'halt' ? `halt (${r.exit.reason})` : r.exit.kind;
  const lines = [`restored: ${path} (guest: ${exit})`];
  if (r.x86) lines.push(`x86 run resumed: ${r.x86.kind === 'halt' ? `halt (${r.x86.reason})` : r.x86.kind}`);
  if (r.vmgenid) lines.push(`VM generation ID: ${r.vmgenid.guid} (saved: ${r.vmgenid.saved ?? 'unknown'})`);
  lines.push('guest console since the restore:', ...r.console.map((l) => `  ${l}`));
  return lines.join('\n');
}

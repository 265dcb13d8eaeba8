import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../lib/errors.js';
import { LOADER_POLICIES } from '../index.js';
import { formatFinding } from '../index.js';
import { oneOf, paint, parseCommandArgs } from '../tools/cli-args.js';
import { loadFwCfgFiles } from '../tools/fw-cfg-dir/load-files.js';
import { captureFindings, mangleName } from '../tools/fw-cfg-dir/fw-cfg-dir.js';
import { explainScript } from '../tools/loader/explain.js';
import { lintScript, SEVERITIES } from '../tools/loader/lint.js';
import type { Severity } from '../tools/loader/lint.js';
import { parseFileOffset, whyByte } from '../tools/loader/why.js';
import type { ChainLink } from '../tools/loader/why.js';
import { diffScripts } from '../tools/loader/diff.js';
import { diffRuns } from '../tools/loader/diff-runs.js';
import { runScript } from '../tools/loader/run.js';
import { parseSize } from '../lib/size.js';
import type { Io } from './io.js';
import { outputDir } from './paths.js';
import { warn } from './io.js';

export const LOADER_HELP = `usage: fwlab loader <command> DIR|--machine "<QEMU options>" [options]

DIR holds fw_cfg files in the fixture format (index.json + etc__table-loader, ...), e.g. from
fwlab capture; 'machine:<QEMU options>' stands for fwlab's own machine after its firmware. Every command takes --json.
  explain DIR                 every command in plain words
  lint DIR [--fail-on error|warning|info|never]
                              what SeaBIOS and OVMF check (and which would accept) + static rules;
                              exit 1 when a finding at or above --fail-on exists
  why DIR FILE+OFFSET         which command last wrote that byte, and the chain behind it
  diff A B [--fail-on change] per command and per table; with --run [--policy P] the two
                              executions (placement, WRITE_POINTER values, findings, RSDP)
  run DIR [--policy seabios|ovmf|strict] [--ram SIZE] [--no-dma] [--dump OUTDIR]
                              the firmware's executor in a scratch machine`;

const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

/** `fwlab loader ...`. */
export async function loaderCommand(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(LOADER_HELP);
    return sub === undefined ? 2 : 0;
  }
  const p = parseCommandArgs(rest, { flags: ['--json', '--no-dma', '--run'], options: ['--machine', '--fail-on', '--policy', '--dump', '--ram'] }, 'loader');
  if (p.flags.has('--help')) {
    io.out(LOADER_HELP);
    return 0;
  }
  const json = p.flags.has('--json');
  const machine = p.options.get('--machine');
  // A capture that disagrees with its index.json is named on stderr (and is a lint error).
  const load = async (dir: string | undefined, m: string | undefined) => {
    const files = await loadFwCfgFiles(dir, m);
    if (sub !== 'lint') for (const finding of captureFindings(files)) warn(io, finding);
    return files;
  };
  const print = (value: unknown, text: () => string) => io.out(json ? JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v), 1) : text());
  switch (sub) {
    case 'explain': {
      const [dir] = positionals(p.positionals, machine ? 0 : 1, sub);
      const out = explainScript(await load(dir, machine), dir ?? 'machine');
      print(out.map(({ index, kind, text }) => ({ index, kind, text })), () => out.map((e) => `#${String(e.index).padEnd(3)} ${e.kind.padEnd(13)} ${e.text}`).join('\n'));
      return 0;
    }
    case 'lint': {
      const failOn = oneOf(p.options.get('--fail-on'), FAIL_ON, '--fail-on', 'never');
      const [dir] = positionals(p.positionals, machine ? 0 : 1, sub);
      const report = lintScript(await load(dir, machine), dir ?? 'machine');
      print(report, () => formatLint(report));
      if (failOn === 'never') return 0;
      const limit = SEVERITIES.indexOf(failOn);
      return report.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit) ? 1 : 0;
    }
    case 'why': {
      const specs = p.positionals.filter((a) => /\+(0x[0-9a-f]+|\d+)$/i.test(a));
      const dirs = p.positionals.filter((a) => !specs.includes(a));
      if (specs.length !== 1 || dirs.length !== (machine ? 0 : 1)) throw new UsageError('usage: fwlab loader why DIR FILE+OFFSET');
      const { file, offset } = parseFileOffset(specs[0]!);
      const answer = whyByte(await load(dirs[0], machine), file, offset);
      print(answer, () => formatWhy(answer));
      return 0;
    }
    case 'diff': {
      const [a, b] = positionals(p.positionals, 2, sub);
      const failOn = oneOf(p.options.get('--fail-on'), ['change', 'never'] as const, '--fail-on', 'never');
      if (p.flags.has('--run')) {
        const policy = oneOf(p.options.get('--policy'), LOADER_POLICIES, '--policy', 'seabios');
        const r = diffRuns(await load(a, undefined), await load(b, undefined), policy);
        print(r, () => (r.length ? r.map((x) => `${x.what}:\n  - ${x.a}\n  + ${x.b}`).join('\n') : 'the two executions agree'));
        return failOn === 'change' && r.length ? 1 : 0;
      }
      const d = diffScripts(await load(a, undefined), await load(b, undefined));
      print(d, () => [
        ...d.commands.filter((c) => c.op !== ' ').map((c) => paint(`${c.op} ${c.text}`, c.op === '-' ? 'red' : 'green')),
        ...d.tables.map((t) => `table ${t.table}: ${t.change}`),
        d.same ? 'no differences' : `${d.commands.filter((c) => c.op !== ' ').length} command lines and ${d.tables.length} tables differ`,
      ].join('\n'));
      return failOn === 'change' && !d.same ? 1 : 0;
    }
    case 'run': {
      const [dir] = positionals(p.positionals, machine ? 0 : 1, sub);
      const policy = oneOf(p.options.get('--policy'), LOADER_POLICIES, '--policy', 'seabios');
      const ram = p.options.get('--ram');
      const files = await load(dir, machine);
      const run = runScript(files, dir ?? 'machine', policy, { highTop: ram !== undefined ? ramTop(ram) : undefined, dma: !p.flags.has('--no-dma') });
      const r = run.result;
      const dump = p.options.get('--dump');
      if (dump !== undefined) outputDir(dump, '--dump');
      if (dump) {
        mkdirSync(dump, { recursive: true });
        for (const b of r.blobs) writeFileSync(join(dump, `${mangleName(b.name)}@0x${b.addr.toString(16)}.bin`), run.host.memory.read(b.addr, b.size));
        for (const w of r.writePointers) writeFileSync(join(dump, mangleName(w.file)), run.host.fwCfg.get(w.file)!);
      }
      print({ ...r, rsdp: run.rsdp }, () => [
        `policy ${policy}: ${r.ok ? paint('script ran', 'green') : paint('script rejected, no ACPI tables', 'red')} (${r.commands} entries)`,
        ...r.blobs.map((b) => `  blob ${b.name.padEnd(24)} at 0x${b.addr.toString(16).padStart(8, '0')} ${String(b.size).padStart(7)} bytes ${b.zone}`),
        ...r.writePointers.map((w) => `  WRITE_POINTER #${w.index}: ${w.file}+${w.offset} = 0x${w.value.toString(16)}`),
        ...(run.rsdp !== undefined ? [`  RSDP found at 0x${run.rsdp.toString(16)}`] : []),
        ...(r.tables.length ? [`  OVMF would install: ${r.tables.map((t) => `${t.signature}@0x${t.addr.toString(16)}`).join(' ')}`] : []),
        ...r.findings.map((f) => `  ${formatFinding(f)}`),
      ].join('\n'));
      return 0;
    }
    default:
      throw new UsageError(`unknown loader command '${sub}' (fwlab loader --help)`);
  }
}

function ramTop(text: string): number {
  const v = parseSize(text, 1024 * 1024);
  if (v === undefined) throw new UsageError(`--ram ${text}: not a size`);
  // The scratch machine's HIGH zone is RAM from 1 MiB up to this top (src/tools/loader/scratch-host.ts).
  if (v <= 0x100000) throw new UsageError(`--ram ${text}: must be more than 1 MiB (the HIGH zone starts at 1 MiB)`);
  return Math.min(v, 0x80000000);
}

function positionals(list: readonly string[], n: number, sub: string): (string | undefined)[] {
  if (list.length !== n) throw new UsageError(`loader ${sub} takes ${n === 0 ? 'no' : n} director${n === 1 ? 'y' : 'ies'} (got ${list.length}; fwlab loader --help)`);
  return [...list];
}

const SEVERITY_COLOUR: Record<Severity, 'red' | 'yellow' | 'cyan'> = { error: 'red', warning: 'yellow', info: 'cyan' };

function formatLint(r: ReturnType<typeof lintScript>): string {
  const lines = r.findings.map((f) => `${paint(f.severity.padEnd(7), SEVERITY_COLOUR[f.severity])} ${f.index >= 0 ? `#${f.index}` : 'script'} ${f.rule}: ${f.message}`);
  lines.push(`${r.counts.error} errors, ${r.counts.warning} warnings, ${r.counts.info} notes; SeaBIOS would ${r.seabiosAccepts ? 'accept' : 'not accept'} it, OVMF would ${r.ovmfAccepts ? 'accept' : 'abort'}`);
  return lines.join('\n');
}

function formatWhy(a: ReturnType<typeof whyByte>): string {
  const l = (c: ChainLink) => `  #${c.index} ${c.kind}: ${c.text}\n      (${c.role})`;
  return [
    `${a.file}+0x${a.offset.toString(16)} = ${a.location}, byte 0x${a.value.toString(16).padStart(2, '0')} after the script`,
    a.lastWriter ? `last written by #${a.lastWriter.index} ${a.lastWriter.kind}` : 'not written by the script: as the fw_cfg file had it',
    ...(a.chain.length ? ['chain:', ...a.chain.map(l)] : []),
    ...(a.coveredBy.length ? ['then covered by:', ...a.coveredBy.map(l)] : []),
  ].join('\n');
}

import { readFileSync, existsSync, statSync } from 'node:fs';
import { AmlError, AmlInterpreter, AmlBuffer, AmlString, AmlPackage, toJson, toText, debugText, lineTracer } from '../index.js';
import type { AmlValue, AmlOptions } from '../index.js';
import { UsageError } from '../lib/errors.js';
import type { Io } from './io.js';
import { parseCommandArgs } from '../tools/cli-args.js';
import type { ParsedArgs } from '../tools/cli-args.js';

export const AML_HELP = `usage: fwlab aml <eval|trace|namespace|run> ...

  eval TABLES... PATH [ARGS...] [--json]   load the tables (DSDT first), run _STA/_INI, evaluate PATH
        ARGS: 123 / 0x7B integers, "text" or 'text' strings, (01 02 03) buffers
        --json: {"type":"Integer","value":"0x7b"} | {"type":"String","value":"..."} |
                {"type":"Buffer","value":"01 02"} | {"type":"Package","value":[...]}
        exit 0; an evaluation error prints one line on stderr and exits 1
  trace TABLES... PATH [ARGS...]           as eval, printing each method call with its arguments and
        return value, region accesses (address, width, value), Notify and errors, indented by depth
        (the tables' _STA/_INI run untraced first)
  namespace TABLES... [--json]             one line per node: \\PATH.SEGS TYPE (ACPICA type names)
  run FILE.aml --expect int|str VALUE      uACPI test-runner contract: evaluate \\MAIN and compare
        [--extra-tables F...] [--enumerate-namespace] [--while-loop-timeout SECONDS]
common: --no-init (skip _REG/_STA/_INI), --acpica (ACPICA semantics instead of Windows), --while-loop-timeout S,
        --verbose (print errors recovered during load), Debug() output goes to stderr`;

interface Common {
  init: boolean;
  options: AmlOptions;
  verbose: boolean;
  json: boolean;
}

function isTableFile(a: string): boolean {
  return !a.startsWith('\\') && existsSync(a) && statSync(a).isFile();
}

function parseArg(a: string): AmlValue {
  if (/^(0x[0-9a-f]+|\d+)$/i.test(a)) return BigInt(a);
  if (a.startsWith('(') && a.endsWith(')')) {
    const bytes = a.slice(1, -1).trim().split(/[\s,]+/).filter(Boolean).map((b) => parseInt(b, 16) & 0xff);
    return new AmlBuffer(Uint8Array.from(bytes));
  }
  if (a.startsWith('[') && a.endsWith(']')) return new AmlPackage(a.slice(1, -1).trim().split(/\s+/).filter(Boolean).map(parseArg));
  if ((a.startsWith('"') && a.endsWith('"')) || (a.startsWith("'") && a.endsWith("'"))) return new AmlString(a.slice(1, -1));
  return new AmlString(a);
}

function makeInterpreter(c: Common, io: Io): AmlInterpreter {
  const onDebug = (v: AmlValue | undefined, integerBytes: number) => {
    const line = `ACPI Debug:  ${debugText(v, integerBytes * 2)}`;
    if (c.json) process.stderr.write(line + '\n');
    else io.out(line);
  };
  return new AmlInterpreter({ onDebug }, c.options);
}

function loadAll(aml: AmlInterpreter, files: readonly string[], c: Common): void {
  for (const f of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(f));
    } catch (e) {
      throw new UsageError(`cannot read ${f}: ${(e as Error).message}`);
    }
    try {
      aml.loadTable(bytes);
    } catch (e) {
      if (!(e instanceof AmlError)) throw e;
      throw new UsageError(`${f}: ${e.describe()}`, 1);
    }
  }
  if (c.init) aml.initialize();
  if (c.verbose) for (const e of aml.loadErrors) process.stderr.write(`fwlab aml: recovered: ${e.describe()}\n`);
}

const COMMON = { flags: ['--json', '--no-init', '--acpica', '--verbose'], options: ['--while-loop-timeout'] };

function common(p: ParsedArgs): Common {
  const c: Common = {
    init: !p.flags.has('--no-init'),
    options: p.flags.has('--acpica') ? { semantics: 'acpica' } : {},
    verbose: p.flags.has('--verbose'),
    json: p.flags.has('--json'),
  };
  const timeout = p.options.get('--while-loop-timeout');
  if (timeout !== undefined) {
    const s = Number(timeout);
    if (!Number.isFinite(s) || s <= 0) throw new UsageError('--while-loop-timeout needs a positive number of seconds');
    c.options = { ...c.options, loopTimeoutSeconds: s, maxLoopIterations: Math.max(1, Math.round(s * 1_000_000)) };
  }
  return c;
}

function splitCommon(args: readonly string[]): [readonly string[], Common] {
  const p = parseCommandArgs(args, COMMON, 'aml');
  return [p.positionals, common(p)];
}

function evalCommand(args: readonly string[], io: Io, trace = false): number {
  const [rest, c] = splitCommon(args);
  const tables: string[] = [];
  let i = 0;
  while (i < rest.length && isTableFile(rest[i]!)) tables.push(rest[i++]!);
  const path = rest[i++];
  const missing = rest.find((a, j) => j >= tables.length && !a.startsWith('\\') && /\.(aml|dat)$/i.test(a) && !existsSync(a));
  if (missing !== undefined) throw new UsageError(`${missing}: no such table file`);
  if (tables.length === 0 || path === undefined) throw new UsageError('usage: fwlab aml eval TABLES... PATH [ARGS...] [--json]');
  if (path.trim() === '') throw new UsageError('aml eval: the object path is empty (e.g. \\_SB.PCI0._CRS)');
  const aml = makeInterpreter(c, io);
  loadAll(aml, tables, c);
  let v: AmlValue | undefined;
  if (trace) aml.setTracer(lineTracer((line) => io.out(line)));
  try {
    v = aml.evaluate(path, rest.slice(i).map(parseArg));
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    process.stderr.write(`fwlab aml: evaluation of ${path} failed: ${e.describe()}\n`);
    return 1;
  } finally {
    aml.setTracer(undefined);
  }
  if (c.json) io.out(JSON.stringify(v === undefined ? { type: 'None' } : toJson(v)));
  else io.out(v === undefined ? `No object was returned from evaluation of ${path}` : toText(v));
  return 0;
}

function namespaceCommand(args: readonly string[], io: Io): number {
  const [rest, c] = splitCommon(args);
  if (rest.length === 0) throw new UsageError('usage: fwlab aml namespace TABLES... [--json]');
  for (const f of rest) if (!isTableFile(f)) throw new UsageError(`not a table file: ${f}`);
  const aml = makeInterpreter(c, io);
  loadAll(aml, rest, c);
  const entries = aml.namespace();
  if (c.json) io.out(JSON.stringify(entries));
  else for (const e of entries) io.out(`${e.path} ${e.type}`);
  return 0;
}

function runCommand(args: readonly string[], io: Io): number {
  const p = parseCommandArgs(args, {
    flags: ['--enumerate-namespace', '--acpica', '--verbose'],
    options: ['--expect', '--extra-tables', '--while-loop-timeout', '--log-level'],
  }, 'aml');
  // uACPI's runner spells two options with more than one value: --expect TYPE VALUE, --extra-tables F...
  const following = (option: string) => p.positionals.filter((_v, i) => p.after[i] === option);
  const expectType = p.options.get('--expect');
  const [expectValue, ...surplus] = following('--expect');
  const extraFirst = p.options.get('--extra-tables');
  const extra = extraFirst === undefined ? [] : [extraFirst, ...following('--extra-tables')];
  const files = p.positionals.filter((_v, i) => p.after[i] !== '--expect' && p.after[i] !== '--extra-tables');
  const unexpected = [...surplus, ...files.slice(1)];
  if (unexpected.length) throw new UsageError(`unexpected argument '${unexpected[0]}'`);
  const file = files[0];
  const enumerate = p.flags.has('--enumerate-namespace');
  const c: Common = { ...common(p), init: true, json: false };
  if (!file) throw new UsageError('usage: fwlab aml run FILE.aml --expect int|str VALUE [--extra-tables F...]');
  if (expectType !== undefined && expectType !== 'int' && expectType !== 'str') throw new UsageError('--expect takes int or str');
  const aml = makeInterpreter(c, { out: (t) => process.stderr.write(t + '\n') });
  // uACPI's test runner host also answers _OSI("TestRunner") (it removes "Windows 2006" too; fwlab keeps it).
  aml.osi.add('TestRunner');
  loadAll(aml, [file, ...extra], c);
  if (enumerate) {
    for (const e of aml.namespace()) {
      if (e.type === 'Device') {
        for (const m of ['_STA', '_HID', '_CID', '_UID', '_ADR', '_CRS']) {
          const n = aml.node(`${e.path}.${m}`);
          if (!n) continue;
          try {
            aml.evaluate(n);
          } catch (err) {
            if (!(err instanceof AmlError)) throw err;
          }
        }
      }
      io.out(`${e.path} ${e.type}`);
    }
  }
  if (expectType === undefined && !aml.node('\\MAIN')) return 0;
  let v: AmlValue | undefined;
  try {
    v = aml.evaluate('\\MAIN');
  } catch (e) {
    if (!(e instanceof AmlError)) throw e;
    process.stderr.write(`fwlab aml: \\MAIN failed: ${e.describe()}\n`);
    return 1;
  }
  if (expectType === undefined) return 0;
  if (expectType === 'int') {
    let want: bigint;
    try {
      want = BigInt(expectValue ?? '');
    } catch {
      throw new UsageError(`bad integer '${expectValue}'`);
    }
    if (typeof v !== 'bigint') {
      process.stderr.write(`fwlab aml: expected Integer ${expectValue}, got ${JSON.stringify(toJson(v))}\n`);
      return 1;
    }
    if (v !== want) {
      process.stderr.write(`fwlab aml: expected 0x${want.toString(16)}, got 0x${v.toString(16)}\n`);
      return 1;
    }
    return 0;
  }
  if (v === undefined || typeof v === 'bigint' || !(v instanceof AmlString)) {
    process.stderr.write(`fwlab aml: expected String "${expectValue}", got ${JSON.stringify(toJson(v))}\n`);
    return 1;
  }
  if (v.value !== expectValue) {
    process.stderr.write(`fwlab aml: expected "${expectValue}", got "${v.value}"\n`);
    return 1;
  }
  return 0;
}

/** `fwlab aml eval|namespace|run`: the AML interpreter on table files. */
export async function amlCommand(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'eval':
      return evalCommand(rest, io);
    case 'trace':
      return evalCommand(rest, io, true);
    case 'namespace':
      return namespaceCommand(rest, io);
    case 'run':
      return runCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(AML_HELP);
      return sub === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown aml subcommand '${sub}' (eval, trace, namespace, run)`);
  }
}

/** The one argument parser of the CLI commands (node:util parseArgs underneath), and output helpers. */
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/errors.js';

/** A command's own options, spelled as on the command line (`--json`). `-h` always means `--help`. */
export interface ArgSpec {
  readonly flags?: readonly string[];
  /** Options that take a value (`--out FILE` or `--out=FILE`); the last one given wins. */
  readonly options?: readonly string[];
  /** Exact argument spellings that stand for one of the above (QEMU's `-bios` for `--bios`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** `--` ends the options and what follows is kept apart (`fwlab capture -- qemu ...`). */
  readonly terminator?: boolean;
}

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
  readonly positionals: readonly string[];
  /** For each positional, the option given last before it (`--expect int 42`: 42 follows `--expect`). */
  readonly after: ReadonlyArray<string | undefined>;
  /** In `qemu` mode: every argument that is not one of the command's own options, in order. */
  readonly passThrough: readonly string[];
  /** With `terminator`: the arguments after `--` (undefined when there was none). */
  readonly afterTerminator: readonly string[] | undefined;
}

/**
 * Parse a command's arguments. `tool` mode: anything dash-led that is not in `spec` is a usage error.
 * `qemu` mode: the command's own `--options` are taken out and everything else passes through, in
 * order, to the machine's QEMU-style parser (which names unknown options itself).
 */
export function parseCommandArgs(args: readonly string[], spec: ArgSpec, command: string, mode: 'tool' | 'qemu' = 'tool'): ParsedArgs {
  const aliases: Readonly<Record<string, string>> = { '-h': '--help', ...spec.aliases };
  const flags = [...(spec.flags ?? []), '--help'];
  const options = spec.options ?? [];
  const config: Record<string, { type: 'boolean' | 'string' }> = {};
  for (const f of flags) config[f.slice(2)] = { type: 'boolean' };
  for (const o of options) config[o.slice(2)] = { type: 'string' };
  // parseArgs would split a single-dash word into short options ('-qtest-log' even yields a '--'):
  // every single-dash argument that is not an alias reaches it as an opaque positional instead.
  const opaque = (a: string) => /^-[^-]/.test(a) && aliases[a] === undefined;
  const raw = args.map((a, i) => (opaque(a) ? `\u0000${i}` : aliases[a] ?? a));
  const { tokens } = parseArgs({ args: raw, options: config, strict: false, allowPositionals: true, tokens: true });
  const out = { flags: new Set<string>(), options: new Map<string, string>(), positionals: [] as string[], after: [] as Array<string | undefined> };
  const consumed = new Set<number>();
  let terminator: number | undefined;
  let last: string | undefined;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') {
      terminator = t.index;
      break;
    }
    if (t.kind === 'positional') {
      if (opaque(args[t.index]!) && mode === 'tool') throw new UsageError(`unknown ${command} option '${args[t.index]}' (fwlab ${command} --help)`);
      out.positionals.push(args[t.index]!);
      out.after.push(last);
      continue;
    }
    const own = t.rawName.startsWith('--') && (flags.includes(t.rawName) || options.includes(t.rawName));
    if (!own) {
      if (mode === 'tool') throw new UsageError(`unknown ${command} option '${args[t.index]}' (fwlab ${command} --help)`);
      continue;
    }
    consumed.add(t.index);
    last = t.rawName;
    if (options.includes(t.rawName)) {
      if (t.value === undefined) throw new UsageError(`option '${args[t.index]}' needs a value`);
      if (!t.inlineValue) consumed.add(t.index + 1);
      out.options.set(t.rawName, t.inlineValue ? t.value : args[t.index + 1]!);
    } else {
      if (t.value !== undefined) throw new UsageError(`option '${t.rawName}' takes no value (got '${args[t.index]}')`);
      out.flags.add(t.rawName);
    }
  }
  let afterTerminator: string[] | undefined;
  let passEnd = args.length;
  if (terminator !== undefined) {
    if (spec.terminator) {
      afterTerminator = args.slice(terminator + 1);
      passEnd = terminator;
    } else if (mode === 'tool') {
      // POSIX: after `--` everything is an operand.
      for (const a of args.slice(terminator + 1)) {
        out.positionals.push(a);
        out.after.push(undefined);
      }
    }
  }
  const passThrough = mode === 'qemu' ? args.slice(0, passEnd).filter((_a, i) => !consumed.has(i)) : [];
  return { ...out, passThrough, afterTerminator };
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${what} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

const COLOURS = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2 } as const;

/** ANSI colour only when stdout is a terminal and NO_COLOR is unset. */
export function paint(text: string, colour: keyof typeof COLOURS): string {
  if (!process.stdout.isTTY || process.env.NO_COLOR) return text;
  return `\x1b[${COLOURS[colour]}m${text}\x1b[0m`;
}

/** Small argument parsing and output helpers shared by the tool commands. */
import { UsageError } from '../lib/errors.js';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
}

/** `--flag`, `--option VALUE` / `--option=VALUE`, the rest positional; unknown dashes are usage errors. */
export function parseToolArgs(args: readonly string[], flags: readonly string[], options: readonly string[], command: string): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (flags.includes(a)) out.flags.add(a);
    else if (options.includes(key)) {
      const v = eq > 0 && key !== a ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new UsageError(`option '${a}' needs a value`);
      out.options.set(key, v);
    } else if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown ${command} option '${a}' (fwlab ${command} --help)`);
    else out.positionals.push(a);
  }
  return out;
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

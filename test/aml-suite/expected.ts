import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

/** One result as the suite records it: int values are "0x" + upper-case hex. */
export interface Outcome {
  readonly type: 'int' | 'str' | 'error' | 'none' | 'other' | 'unknown';
  readonly value: string;
}

export interface SuiteCase {
  readonly name: string;
  readonly group: string;
  readonly expect: Outcome;
  readonly acpiexec: Outcome;
  readonly divergence?: string;
  readonly extraTables?: readonly string[];
}

export const suiteDir = (): string => join(repoRoot(), 'test', 'aml-suite');

export function loadSuite(): Record<string, SuiteCase> {
  return (JSON.parse(readFileSync(join(suiteDir(), 'expected.json'), 'utf8')) as { cases: Record<string, SuiteCase> }).cases;
}

export function loadKnownFailures(): Record<string, string> {
  return (JSON.parse(readFileSync(join(suiteDir(), 'known-failures.json'), 'utf8')) as { cases: Record<string, string> }).cases;
}

/** acpiexec's answer for `evaluate \MAIN`, in the suite's shape (same rules as scripts/aml-suite/regenerate.mjs). */
export function parseAcpiexec(stdout: string): Outcome {
  let m = /\[Integer\] = ([0-9A-F]+)/.exec(stdout);
  if (m) return { type: 'int', value: hexInt(BigInt('0x' + m[1]!)) };
  m = /\[String\] Length [0-9A-F]+ = "(.*)"/.exec(stdout);
  if (m) return { type: 'str', value: m[1]! };
  m = /Evaluation of \\MAIN failed with status (AE_[A-Z_]+)/.exec(stdout);
  if (m) return { type: 'error', value: m[1]! };
  if (/ACPI Exec: Segmentation Fault/.test(stdout)) return { type: 'error', value: 'SEGFAULT' };
  m = /returned object[^\n]*\n\s*\[(\w+)/.exec(stdout);
  if (m) return { type: 'other', value: m[1]! };
  if (/No object was returned/.test(stdout)) return { type: 'none', value: '' };
  if (/Could not find|AE_NOT_FOUND/.test(stdout)) return { type: 'error', value: 'AE_NOT_FOUND' };
  return { type: 'unknown', value: stdout.slice(-400) };
}

export const hexInt = (v: bigint): string => '0x' + v.toString(16).toUpperCase();

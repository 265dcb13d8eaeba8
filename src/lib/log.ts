import { createRequire } from 'node:module';
import type { Debugger } from 'debug';

/** A `debug` namespace's logging function: call it with a format and arguments; `enabled` says if it prints. */
export interface Logger {
  (formatter: string, ...args: unknown[]): void;
  readonly enabled: boolean;
}

const SILENT: Logger = Object.assign(() => {}, { enabled: false });

type CreateDebug = ((namespace: string) => Debugger) & { enabled(namespace: string): boolean };
let createDebug: CreateDebug | undefined;

function debugPackage(): CreateDebug {
  createDebug ??= createRequire(import.meta.url)('debug') as CreateDebug;
  return createDebug;
}

/**
 * One `debug` namespace per subsystem: `fwlab:pci`, `fwlab:fwcfg`, `fwlab:loader`, `fwlab:aml`...
 * Tracing is chosen by DEBUG when the process starts, as `debug` itself does; without it the
 * package is not even loaded (required as CommonJS when it is: importing it from ESM costs
 * Node's CJS export scan on every start).
 */
export function logger(subsystem: string): Logger {
  if (!globalThis.process?.env?.['DEBUG']) return SILENT;
  return debugPackage()(`fwlab:${subsystem}`);
}

/** Whether DEBUG enables `fwlab:<subsystem>` (false without DEBUG, the package not loaded). */
export function debugEnabled(subsystem: string): boolean {
  return Boolean(globalThis.process?.env?.['DEBUG']) && debugPackage().enabled(`fwlab:${subsystem}`);
}

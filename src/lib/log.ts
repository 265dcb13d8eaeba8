import { createRequire } from 'node:module';
import type { Debugger } from 'debug';

/** A `debug` namespace's logging function: call it with a format and arguments; `enabled` says if it prints. */
export interface Logger {
  (formatter: string, ...args: unknown[]): void;
  readonly enabled: boolean;
}

const SILENT: Logger = Object.assign(() => {}, { enabled: false });

let createDebug: ((namespace: string) => Debugger) | undefined;

/**
 * One `debug` namespace per subsystem: `fwlab:pci`, `fwlab:fwcfg`, `fwlab:loader`, `fwlab:aml`...
 * Tracing is chosen by DEBUG when the process starts, as `debug` itself does; without it the
 * package is not even loaded (required as CommonJS when it is: importing it from ESM costs
 * Node's CJS export scan on every start).
 */
export function logger(subsystem: string): Logger {
  if (!globalThis.process?.env?.['DEBUG']) return SILENT;
  createDebug ??= createRequire(import.meta.url)('debug') as (namespace: string) => Debugger;
  return createDebug(`fwlab:${subsystem}`);
}

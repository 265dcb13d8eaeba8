import createDebug from 'debug';

/** One `debug` namespace per subsystem: `fwlab:pci`, `fwlab:fwcfg`, `fwlab:loader`, `fwlab:aml`... */
export type Logger = createDebug.Debugger;

export function logger(subsystem: string): Logger {
  return createDebug(`fwlab:${subsystem}`);
}

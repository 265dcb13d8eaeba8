import { bootMachine, createMachine } from './machine/create-machine.js';
import type { BootOptions } from './machine/create-machine.js';
import type { Machine } from './machine/machine.js';
import { withChain } from './tools/report/chain.js';
import type { FullBootReport } from './tools/report/chain.js';

export interface FullBootResult {
  readonly machine: Machine;
  readonly report: FullBootReport;
}

/** Build, power on and report, with the whole chain (e820 after POST, blobs, loader, tables, guest). */
export async function boot(args: readonly string[] = [], options: BootOptions = {}): Promise<FullBootResult> {
  const { machine, report } = await bootMachine(createMachine(args, options.trace), options);
  return { machine, report: withChain(report, machine) };
}

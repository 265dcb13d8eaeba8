/** fw_cfg files of fwlab's own machine, as served after its firmware's POST (like fwcfg-post/). */
import { bootMachine, createMachine } from '../../inspect.js';
import type { FwCfgFile } from './fw-cfg-dir.js';

export async function machineFwCfgFiles(args: readonly string[]): Promise<Map<string, FwCfgFile>> {
  const machine = createMachine([...args]);
  await bootMachine(machine, { guest: 'none' });
  const fw = machine.fwCfg;
  return new Map(fw.files().map((f) => [f.name, { name: f.name, select: f.select, data: fw.readItem(f.select) }]));
}

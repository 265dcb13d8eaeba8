/** Where the tool commands get fw_cfg files: a capture directory, or fwlab's own machine. */
import { UsageError } from '../../lib/errors.js';
import { readFwCfgDir } from './fw-cfg-dir.js';
import type { FwCfgFiles } from './fw-cfg-dir.js';
import { machineFwCfgFiles } from './machine-files.js';

/** `DIR`, `machine:<QEMU-style options>` or `--machine "<QEMU-style options>"`. */
export async function loadFwCfgFiles(dir: string | undefined, machine: string | undefined): Promise<FwCfgFiles> {
  if (machine !== undefined) return machineFwCfgFiles(machine.split(/\s+/).filter(Boolean));
  if (dir?.startsWith('machine:')) return machineFwCfgFiles(dir.slice(8).split(/\s+/).filter(Boolean));
  if (dir === undefined) throw new UsageError('give a directory of fw_cfg files (fixture format) or --machine "<QEMU options>"');
  return readFwCfgDir(dir);
}

import { UsageError } from '../../lib/errors.js';
import type { FwCfgFile, FwCfgFiles } from '../fw-cfg-dir/fw-cfg-dir.js';
import { LINKER_LOADER_FILE } from '../../spec/linker-loader.js';

export const LOADER_FILE = LINKER_LOADER_FILE;

/** The script's fw_cfg file, or a one-line usage error. */
export function loaderFileOf(files: FwCfgFiles, where: string): FwCfgFile {
  const f = files.get(LOADER_FILE);
  if (!f) throw new UsageError(`${where}: no ${LOADER_FILE} among the fw_cfg files`);
  return f;
}

/** fw_cfg files of fwlab's own machine (before any firmware ran). */
import { UsageError } from '../../lib/errors.js';
import type { FwCfgFiles } from './fw-cfg-dir.js';

export function machineFwCfgFiles(_args: readonly string[]): FwCfgFiles {
  throw new UsageError('--machine needs fwlab\'s fw_cfg device, which this build does not have yet; use a capture directory');
}

/**
 * `-kernel` through fw_cfg: what SeaBIOS does by running the option ROM QEMU adds (bootindex 0,
 * so before any disk). The kernel items (keys 07h–18h) tell which: a Linux image carries setup
 * items, a multiboot image an entry point and the info structure in the initrd items.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { FW_CFG_KERNEL_SIZE, FW_CFG_SETUP_SIZE } from '../../src/spec/fw-cfg.js';
import type { FwCfg } from '../drivers/fw-cfg.js';
import { loadLinux } from './linux.js';
import { loadMultiboot } from './multiboot.js';

/** Undefined without a kernel in fw_cfg: the firmware goes on to the disks. */
export function bootKernel(wire: CpuWire, cfg: FwCfg, log: (line: string) => void): ProgramExit | undefined {
  if (cfg.readU32(FW_CFG_KERNEL_SIZE) === 0) return undefined;
  if (cfg.readU32(FW_CFG_SETUP_SIZE) !== 0) {
    log('Booting from ROM... (Linux loader DMA)');
    return loadLinux(wire, cfg, log);
  }
  log('Booting from ROM... (multiboot loader)');
  return loadMultiboot(wire, cfg, log);
}

import type { Machine } from '../machine.js';
import { FwCfgDevice } from './fw-cfg-device.js';
import { addX86Items } from './x86-items.js';
import { PORT_FW_CFG, PORT_FW_CFG_DMA, PORT_FW_CFG_DMA_LEN, PORT_FW_CFG_LEN } from '../boards/layout.js';
import { hex } from '../../lib/hex.js';

const devices = new WeakMap<Machine, FwCfgDevice>();

/** The machine's fw_cfg device: the registry other subsystems add their items and files to. */
export function fwCfgOf(machine: Machine): FwCfgDevice {
  const d = devices.get(machine);
  if (!d) throw new Error('fw_cfg is not attached to this machine');
  return d;
}

/** SUBSYSTEMS entry: fw_cfg_io with DMA at 0x510/0x514 and the x86 items and files. */
export function attachFwCfg(machine: Machine): void {
  const fw = new FwCfgDevice(machine.memory, { dma: true });
  devices.set(machine, fw);
  machine.ports.register('fw_cfg', PORT_FW_CFG, PORT_FW_CFG_LEN, fw.io);
  machine.ports.register('fw_cfg-dma', PORT_FW_CFG_DMA, PORT_FW_CFG_DMA_LEN, fw.dmaIo);
  machine.addDevice({
    name: 'fw_cfg_io', bus: 'system',
    where: `ports ${hex(PORT_FW_CFG)}-${hex(PORT_FW_CFG + PORT_FW_CFG_LEN - 1)}, DMA ${hex(PORT_FW_CFG_DMA)}-${hex(PORT_FW_CFG_DMA + PORT_FW_CFG_DMA_LEN - 1)}`,
  });
  addX86Items(machine, fw);
  for (const f of machine.config.fwCfgFiles) fw.addUserFile(f.name, f.data);
  machine.onReset(() => fw.reset());
  machine.addReportSection('fw_cfg', () => fw.files().map((f) => `${hex(f.select, 4)} ${f.name} (${f.size}${f.writable ? ', writable' : ''})`));
}

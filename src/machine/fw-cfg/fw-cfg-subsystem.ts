import type { Platform } from '../wiring/platform.js';
import { FwCfgDevice } from './fw-cfg-device.js';
import { addX86Items, fwCfgDmaOf } from './x86-items.js';
import { addKernelItems } from './kernel-items.js';
import { addBootOptionRom, addVapicRom } from './option-roms.js';
import { bootorderFile, bootPaths } from './bootorder.js';
import { FW_CFG_FILE_BOOTORDER } from '../../spec/fw-cfg.js';
import { PORT_FW_CFG, PORT_FW_CFG_DMA, PORT_FW_CFG_DMA_LEN, PORT_FW_CFG_LEN } from '../boards/layout.js';
import { hex } from '../../lib/hex.js';

/** fw_cfg_io with DMA at 0x510/0x514 and the x86 items and files: the registry other parts add their files to. */
export function createFwCfg(p: Platform): FwCfgDevice {
  const dma = fwCfgDmaOf(p.config);
  const fw = new FwCfgDevice(p.memory, { dma, ...(p.trace.wants('fwcfg') ? { trace: (t: string) => p.trace.emit('fwcfg', t) } : {}) });
  p.ports.register('fw_cfg', PORT_FW_CFG, PORT_FW_CFG_LEN, fw.io);
  if (dma) p.ports.register('fw_cfg-dma', PORT_FW_CFG_DMA, PORT_FW_CFG_DMA_LEN, fw.dmaIo);
  p.addDevice({
    name: 'fw_cfg_io', bus: 'system',
    where: `ports ${hex(PORT_FW_CFG)}-${hex(PORT_FW_CFG + PORT_FW_CFG_LEN - 1)}${dma ? `, DMA ${hex(PORT_FW_CFG_DMA)}-${hex(PORT_FW_CFG_DMA + PORT_FW_CFG_DMA_LEN - 1)}` : ', no DMA'}`,
  });
  addX86Items(p, fw);
  addVapicRom(fw, p.config.dataDirs);
  const rom = p.config.kernel ? addKernelItems(fw, p.config.kernel, p.ramLayout.below4g, dma).optionRom : undefined;
  if (rom) addBootOptionRom(fw, rom, p.config.dataDirs);
  fw.replaceFile(FW_CFG_FILE_BOOTORDER, bootorderFile(bootPaths(p.config, rom), p.config.boot.strict));
  for (const f of p.config.fwCfgFiles) fw.addUserFile(f.name, f.data);
  p.onReset(() => fw.reset());
  p.addState('fw_cfg', fw);
  p.addReportSection('fw_cfg', () => fw.files().map((f) => `${hex(f.select, 4)} ${f.name} (${f.size}${f.writable ? ', writable' : ''})`));
  return fw;
}

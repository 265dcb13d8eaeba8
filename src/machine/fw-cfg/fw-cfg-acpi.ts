import { device, io, name, resourceTemplate, scope, str } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { PORT_FW_CFG, PORT_FW_CFG_DMA, PORT_FW_CFG_DMA_LEN, PORT_FW_CFG_LEN } from '../boards/layout.js';

/** \_SB.PCI0.FWCF (QEMU0002): one I/O range over the selector/data ports and, with DMA, the DMA address. */
export function fwCfgAml(dma: boolean): Aml {
  const length = dma ? PORT_FW_CFG_DMA + PORT_FW_CFG_DMA_LEN - PORT_FW_CFG : PORT_FW_CFG_LEN;
  return scope('\\_SB.PCI0', device('FWCF',
    name('_HID', str('QEMU0002')),
    name('_STA', 0x0b),
    name('_CRS', resourceTemplate(io(PORT_FW_CFG, PORT_FW_CFG, 1, length)))));
}

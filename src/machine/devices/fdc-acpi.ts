import { buffer, device, dma, eisaId, io, irqNoFlags, name, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { FDC_DMA, FDC_IRQ, PORT_FDC } from '../boards/layout.js';

/** Digital output register block (DOR..FIFO, 4 ports) and the digital input register. */
const FDC_DOR = 2;
const FDC_DOR_LEN = 4;
const FDC_DIR = 7;

/** The ISA floppy controller (PNP0700) with no drives, as QEMU's pc describes it. */
export function fdcAml(): Aml {
  return device('FDC0',
    name('_HID', eisaId('PNP0700')),
    name('_CRS', resourceTemplate(io(PORT_FDC + FDC_DOR, PORT_FDC + FDC_DOR, 0, FDC_DOR_LEN),
      io(PORT_FDC + FDC_DIR, PORT_FDC + FDC_DIR, 0, 1), irqNoFlags(FDC_IRQ),
      dma('Compatibility', false, 'Transfer8', FDC_DMA))),
    // _FDE: four drive-present dwords (none) and the tape dword 2 ("not present").
    name('_FDE', buffer([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0])));
}

import { device, eisaId, io, irqNoFlags, name, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { COM1_IRQ, PORT_COM1, PORT_COM_LEN } from '../boards/layout.js';

/** COM1 under the ISA bridge: a 16550 (PNP0501) at its ports and IRQ. */
export function com1Aml(): Aml {
  return device('COM1',
    name('_HID', eisaId('PNP0501')),
    name('_UID', 1),
    name('_STA', 0x0f),
    name('_CRS', resourceTemplate(io(PORT_COM1, PORT_COM1, 0, PORT_COM_LEN), irqNoFlags(COM1_IRQ))));
}

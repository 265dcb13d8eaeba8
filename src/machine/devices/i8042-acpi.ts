import { device, eisaId, io, irqNoFlags, name, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { KBD_IRQ, MOUSE_IRQ, PORT_KBD_DATA, PORT_KBD_STATUS } from '../boards/layout.js';

/** The i8042's keyboard (PNP0303) and PS/2 mouse (PNP0F13) under the ISA bridge. */
export function i8042Aml(): Aml[] {
  return [
    device('KBD',
      name('_HID', eisaId('PNP0303')),
      name('_STA', 0x0f),
      name('_CRS', resourceTemplate(io(PORT_KBD_DATA, PORT_KBD_DATA, 1, 1), io(PORT_KBD_STATUS, PORT_KBD_STATUS, 1, 1), irqNoFlags(KBD_IRQ)))),
    device('MOU',
      name('_HID', eisaId('PNP0F13')),
      name('_STA', 0x0f),
      name('_CRS', resourceTemplate(irqNoFlags(MOUSE_IRQ)))),
  ];
}

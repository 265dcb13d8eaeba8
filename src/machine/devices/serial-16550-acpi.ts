import { device, eisaId, io, irqNoFlags, name, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { COM_IRQS, COM_PORTS, PORT_COM_LEN } from '../boards/layout.js';

/** COM1..COM4 under the ISA bridge: a 16550 (PNP0501) at its ports and IRQ (`index` 0-3). */
export function comAml(index = 0): Aml {
  const port = COM_PORTS[index]!;
  return device(`COM${index + 1}`,
    name('_HID', eisaId('PNP0501')),
    name('_UID', index + 1),
    name('_STA', 0x0f),
    name('_CRS', resourceTemplate(io(port, port, 0, PORT_COM_LEN), irqNoFlags(COM_IRQS[index]!))));
}

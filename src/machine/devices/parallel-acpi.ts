import { device, eisaId, io, irqNoFlags, name, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { LPT1_IRQ, PORT_LPT1, PORT_LPT_LEN as LPT_PORTS } from '../boards/layout.js';

/** The eight ports of a PC parallel port; QEMU's _CRS aligns the range on its length. */

/** LPT1 under the ISA bridge (QEMU's default isa-parallel): PNP0400 at its ports and IRQ. */
export function lpt1Aml(): Aml {
  return device('LPT1',
    name('_HID', eisaId('PNP0400')),
    name('_UID', 1),
    name('_STA', 0x0f),
    name('_CRS', resourceTemplate(io(PORT_LPT1, PORT_LPT1, LPT_PORTS, LPT_PORTS), irqNoFlags(LPT1_IRQ))));
}

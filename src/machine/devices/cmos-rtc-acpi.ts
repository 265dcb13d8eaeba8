import { device, eisaId, io, irqNoFlags, name, resourceTemplate } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { PORT_CMOS, RTC_IRQ } from '../boards/layout.js';

/** QEMU's mc146818rtc AML describes 8 ports from the base, though the device decodes two. */
const RTC_AML_IO_LEN = 8;

/** The RTC under the ISA bridge (PNP0B00). */
export function rtcAml(): Aml {
  return device('RTC',
    name('_HID', eisaId('PNP0B00')),
    name('_CRS', resourceTemplate(io(PORT_CMOS, PORT_CMOS, 1, RTC_AML_IO_LEN), irqNoFlags(RTC_IRQ))));
}

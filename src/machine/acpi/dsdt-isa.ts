import type { Aml } from './aml/index.js';
import { i8042Aml } from '../devices/i8042-acpi.js';
import { fdcAml } from '../devices/fdc-acpi.js';
import { lpt1Aml } from '../devices/parallel-acpi.js';
import { com1Aml } from '../devices/serial-16550-acpi.js';
import { rtcAml } from '../devices/cmos-rtc-acpi.js';
import { pvpanicAml } from '../devices/pvpanic-acpi.js';

/** ISA devices under the ISA/LPC bridge, in QEMU's order; each device's AML lives beside its handler. */
export function isaDevices(opts: { floppy: boolean; floppyDrive: boolean; lpt1: boolean; com1: boolean; pvpanicPort?: number | undefined }): Aml[] {
  return [
    // QEMU lists the ISA bus's children newest first: a -device comes before the board's own.
    ...(opts.pvpanicPort !== undefined ? [pvpanicAml(opts.pvpanicPort)] : []),
    ...i8042Aml(),
    ...(opts.floppy ? [fdcAml(opts.floppyDrive)] : []),
    ...(opts.lpt1 ? [lpt1Aml()] : []),
    ...(opts.com1 ? [com1Aml()] : []),
    rtcAml(),
  ];
}

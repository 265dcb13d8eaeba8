import type { Aml } from './aml/index.js';
import type { IsaUserDevice } from './dsdt-input.js';
import { i8042Aml } from '../devices/i8042-acpi.js';
import { fdcAml } from '../devices/fdc-acpi.js';
import type { FloppyDriveType } from '../devices/fdc/fd-formats.js';
import { lpt1Aml } from '../devices/parallel-acpi.js';
import { comAml } from '../devices/serial-16550-acpi.js';
import { rtcAml } from '../devices/cmos-rtc-acpi.js';
import { pvpanicAml } from '../devices/pvpanic-acpi.js';
import { tpmTisAml } from '../devices/tpm-tis-acpi.js';

const userAml = (d: IsaUserDevice): Aml => (d.kind === 'pvpanic' ? pvpanicAml(d.port) : d.kind === 'isa-fdc' ? fdcAml(d.drives) : tpmTisAml());

/** ISA devices under the ISA/LPC bridge, in QEMU's order; each device's AML lives beside its handler. */
export function isaDevices(opts: { floppy: boolean; floppyDrives: readonly FloppyDriveType[]; lpt1: boolean; com1: boolean; serialPorts?: readonly number[] | undefined; isaUserDevices: readonly IsaUserDevice[] }): Aml[] {
  return [
    // QEMU lists the ISA bus's children newest first: the last -device comes first, all before the board's own.
    ...[...opts.isaUserDevices].reverse().map(userAml),
    ...i8042Aml(),
    ...(opts.floppy ? [fdcAml(opts.floppyDrives)] : []),
    ...(opts.lpt1 ? [lpt1Aml()] : []),
    // Newest first: COM4 .. COM1.
    ...[...(opts.serialPorts ?? (opts.com1 ? [0] : []))].sort((a, b) => b - a).map(comAml),
    rtcAml(),
  ];
}

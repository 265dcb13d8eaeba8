import { device, io, name, pkg, resourceTemplate, scope, str } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';

/** \_GPE (ACPI0006) with the GPE handlers that live in the DSDT's \_GPE scope itself. */
export function gpeScopeAml(handlers: readonly Aml[]): Aml {
  return scope('_GPE', name('_HID', str('ACPI0006')), ...handlers);
}

/** \_SB.PCI0.GPE0: the resource holder that reserves the GPE0 block (fixed on PIIX4, in the PM block on ICH9). */
export function gpe0ResourcesAml(base: number, length: number): Aml {
  return device('GPE0',
    name('_HID', str('PNP0A06')),
    name('_UID', str('GPE0 resources')),
    name('_STA', 0x0b),
    name('_CRS', resourceTemplate(io(base, base, 1, length))));
}

/** \_S3, \_S4, \_S5: the SLP_TYP values PM1_CNT takes (QEMU: S5 is SLP_TYP 0, acpi-pm.ts powers off on it). */
export function sleepStatesAml(s3: boolean, s4: boolean): Aml {
  return scope('\\',
    ...(s3 ? [name('_S3', pkg(1, 1, 0, 0))] : []),
    ...(s4 ? [name('_S4', pkg(2, 2, 0, 0))] : []),
    name('_S5', pkg(0, 0, 0, 0)));
}

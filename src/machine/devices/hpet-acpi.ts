import { device, eisaId, field, ifThen, lequal, lgreater, local, lor, memory32Fixed, method, name, opRegion, resourceTemplate, ret, scope, shiftRight, store } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { HPET_BASE, HPET_SIZE } from '../boards/layout.js';

/** HPET_CLK_PERIOD limit QEMU's _STA checks (100 ns in femtoseconds, HPET spec 1.0a §2.3.4). */
const HPET_MAX_PERIOD_FS = 100000000;

/** \_SB.HPET (PNP0103): present when the vendor id and clock period read sane. */
export function hpetAml(): Aml {
  return scope('_SB', device('HPET',
    name('_HID', eisaId('PNP0103')),
    name('_UID', 0),
    opRegion('HPTM', 'SystemMemory', HPET_BASE, HPET_SIZE),
    field('HPTM', { access: 'DWordAcc', lock: true }, { name: 'VEND', bits: 32 }, { name: 'PRD', bits: 32 }),
    method('_STA', 0, {},
      store('VEND', local(0)),
      store('PRD', local(1)),
      shiftRight(local(0), 0x10, local(0)),
      ifThen(lor(lequal(local(0), 0), lequal(local(0), 0xffff)), ret(0)),
      ifThen(lor(lequal(local(1), 0), lgreater(local(1), HPET_MAX_PERIOD_FS)), ret(0)),
      ret(0x0f)),
    name('_CRS', resourceTemplate(memory32Fixed(HPET_BASE, HPET_SIZE, false)))));
}

import { arg, device, field, io, local, method, name, opRegion, resourceTemplate, ret, store, str } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';

/** QEMU's pvpanic-isa device (QEMU0001) under the ISA bridge: its port, always present, RDPT/WRPT. */
export function pvpanicAml(port: number): Aml {
  return device('PEVT',
    name('_HID', str('QEMU0001')),
    name('_CRS', resourceTemplate(io(port, port, 1, 1))),
    opRegion('PEOR', 'SystemIO', port, 1),
    field('PEOR', { access: 'ByteAcc' }, { name: 'PEPT', bits: 8 }),
    name('_STA', 0x0f),
    method('RDPT', 0, {}, store('PEPT', local(0)), ret(local(0))),
    method('WRPT', 1, {}, store(arg(0), 'PEPT')));
}

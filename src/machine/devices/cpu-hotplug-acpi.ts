import {
  Break, Debug, acquire, arg, buffer, call, derefOf, device, eisaId, elseDo, field, ifThen, increment, index, io,
  land, lequal, lless, local, method, mutex, name, notify, opRegion, pkgOfSize, processor, release, resourceTemplate,
  ret, scope, store, str, whileDo,
} from '../acpi/aml/index.js';
import type { Aml, AmlArg } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { CPU_HOTPLUG_LEN } from '../boards/layout.js';
import { ACPI_CPU_HOTPLUG_STATUS_BIT } from '../../spec/acpi-pm.js';

const PRES = '\\_SB.PCI0.PRES';

/** CPU hot-plug (the "modern" interface): \_SB.PCI0.PRES registers, \_SB.CPUS and \_GPE._E02. */
export function cpuHotplugAml(base: number, cpus: ReadonlyArray<{ readonly apicId: number; readonly node: number }>, numa: boolean): Aml[] {
  const n = cpus.length;
  const cpuDevices: AmlArg[] = [];
  cpus.forEach(({ apicId, node }, i) => {
    const id = `C${i.toString(16).toUpperCase().padStart(3, '0')}`;
    cpuDevices.push(processor(id, i, 0, 0,
      method('_STA', 0, { serialized: true }, ret(call('CSTA', i))),
      // _MAT: this CPU's MADT Local APIC entry, always enabled (QEMU's force_enabled).
      name('_MAT', buffer([0, 8, i & 0xff, apicId, 1, 0, 0, 0])),
      // Every CPU but the boot CPU can be ejected.
      ...(i !== 0 ? [method('_EJ0', 1, {}, call('CEJ0', i))] : []),
      method('_OST', 3, { serialized: true }, call('COST', i, arg(0), arg(1), arg(2))),
      ...(numa ? [name('_PXM', node)] : [])));
  });
  const ctfy: AmlArg[] = [];
  for (let i = 0; i < n; i++) {
    ctfy.push(ifThen(lequal(arg(0), i), notify(`C${i.toString(16).toUpperCase().padStart(3, '0')}`, arg(1))));
  }
  return [
    scope('_SB',
      device(PRES,
        name('_HID', eisaId('PNP0A06')),
        name('_UID', str('CPU Hotplug resources')),
        mutex('CPLK'),
        name('_CRS', resourceTemplate(io(base, base, 1, CPU_HOTPLUG_LEN))),
        opRegion('PRST', 'SystemIO', base, CPU_HOTPLUG_LEN),
        field('PRST', { access: 'ByteAcc', update: 'WriteAsZeros' }, { offset: 4 },
          { name: 'CPEN', bits: 1 }, { name: 'CINS', bits: 1 }, { name: 'CRMV', bits: 1 }, { name: 'CEJ0', bits: 1 },
          { name: 'CEJF', bits: 1 }, { offset: 5 }, { name: 'CCMD', bits: 8 }),
        field('PRST', { access: 'DWordAcc' }, { name: 'CSEL', bits: 32 }, { offset: 8 }, { name: 'CDAT', bits: 32 }),
        method('_INI', 0, { serialized: true }, store(0, 'CSEL'))),
      device('\\_SB.CPUS',
        name('_HID', str('ACPI0010')),
        name('_CID', eisaId('PNP0A05')),
        method('CTFY', 2, {}, ...ctfy),
        method('CSTA', 1, { serialized: true },
          acquire(`${PRES}.CPLK`, 0xffff),
          store(arg(0), `${PRES}.CSEL`),
          store(0, local(0)),
          ifThen(lequal(`${PRES}.CPEN`, 1), store(0x0f, local(0))),
          release(`${PRES}.CPLK`),
          ret(local(0))),
        method('CEJ0', 1, { serialized: true },
          acquire(`${PRES}.CPLK`, 0xffff),
          store(arg(0), `${PRES}.CSEL`),
          store(1, `${PRES}.CEJ0`),
          release(`${PRES}.CPLK`)),
        method('CSCN', 0, { serialized: true },
          acquire(`${PRES}.CPLK`, 0xffff),
          name('CNEW', pkgOfSize(0xff)),
          store(0, local(3)),
          store(1, local(4)),
          whileDo(lequal(local(4), 1),
            store(0, local(4)),
            store(1, local(0)),
            store(0, local(1)),
            whileDo(land(lequal(local(0), 1), lless(local(3), n)),
              store(0, local(0)),
              store(local(3), `${PRES}.CSEL`),
              store(0, `${PRES}.CCMD`),
              ifThen(lless(`${PRES}.CDAT`, local(3)), Break),
              ifThen(lequal(local(1), 0xff), store(1, local(4)), Break),
              store(`${PRES}.CDAT`, local(3)),
              ifThen(lequal(`${PRES}.CINS`, 1),
                store(local(3), index('CNEW', local(1))),
                increment(local(1)),
                store(1, local(0))),
              elseDo(ifThen(lequal(`${PRES}.CRMV`, 1),
                call('CTFY', local(3), 3),
                store(1, `${PRES}.CRMV`),
                store(1, local(0)))),
              increment(local(3))),
            store(0, local(2)),
            whileDo(lless(local(2), local(1)),
              store(derefOf(index('CNEW', local(2))), local(3)),
              call('CTFY', local(3), 1),
              store(local(3), Debug),
              store(local(3), `${PRES}.CSEL`),
              store(1, `${PRES}.CINS`),
              increment(local(2)))),
          release(`${PRES}.CPLK`)),
        method('COST', 4, { serialized: true },
          acquire(`${PRES}.CPLK`, 0xffff),
          store(arg(0), `${PRES}.CSEL`),
          store(1, `${PRES}.CCMD`),
          store(arg(1), `${PRES}.CDAT`),
          store(2, `${PRES}.CCMD`),
          store(arg(2), `${PRES}.CDAT`),
          release(`${PRES}.CPLK`)),
        ...cpuDevices)),
    method(`\\_GPE.${gpeMethodName(ACPI_CPU_HOTPLUG_STATUS_BIT)}`, 0, {}, call('\\_SB.CPUS.CSCN')),
  ];
}

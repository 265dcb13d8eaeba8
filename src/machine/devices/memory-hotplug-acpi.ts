import {
  acquire, add, arg, call, createDWordField, device, dwordMemory, eisaId, elseDo, field, ifThen, io, lequal,
  lless, local, method, mutex, name, notify, opRegion, qwordMemory, release, resourceTemplate, ret, store, str,
  subtract, toInteger, whileDo,
} from '../acpi/aml/index.js';
import type { Aml, AmlArg } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { MEMORY_HOTPLUG_BASE, MEMORY_HOTPLUG_LEN } from '../boards/layout.js';
import { ACPI_MEMORY_HOTPLUG_STATUS_BIT } from '../../spec/acpi-pm.js';

const MHPC = '\\_SB.MHPC';
const HPMR = '\\_SB.PCI0.MHPD.HPMR';

const fixedProducer = { minFixed: true, maxFixed: true, cache: 'Cacheable', readWrite: true } as const;

/** Byte offsets of _MIN/_MAX/_LEN in a QWord (14/22/38) and DWord (10/14/22) address descriptor. */
function mcrs(): Aml {
  return method('MCRS', 1, { serialized: true },
    acquire('MLCK', 0xffff),
    store(toInteger(arg(0)), 'MSEL'),
    name('MR64', resourceTemplate(qwordMemory(fixedProducer,
      { min: 0, max: 0xfffffffffffffffen, length: 0xffffffffffffffffn }))),
    createDWordField('MR64', 14, 'MINL'),
    createDWordField('MR64', 18, 'MINH'),
    createDWordField('MR64', 38, 'LENL'),
    createDWordField('MR64', 42, 'LENH'),
    createDWordField('MR64', 22, 'MAXL'),
    createDWordField('MR64', 26, 'MAXH'),
    store('MRBH', 'MINH'),
    store('MRBL', 'MINL'),
    store('MRLH', 'LENH'),
    store('MRLL', 'LENL'),
    add('MINL', 'LENL', 'MAXL'),
    add('MINH', 'LENH', 'MAXH'),
    ifThen(lless('MAXL', 'MINL'), add('MAXH', 1, 'MAXH')),
    ifThen(lless('MAXL', 1), subtract('MAXH', 1, 'MAXH')),
    subtract('MAXL', 1, 'MAXL'),
    ifThen(lequal('MAXH', 0),
      name('MR32', resourceTemplate(dwordMemory(fixedProducer, { min: 0, max: 0xfffffffe, length: 0xffffffff }))),
      createDWordField('MR32', 10, 'MIN'),
      createDWordField('MR32', 14, 'MAX'),
      createDWordField('MR32', 22, 'LEN'),
      store('MINL', 'MIN'),
      store('MAXL', 'MAX'),
      store('LENL', 'LEN'),
      release('MLCK'),
      ret('MR32')),
    release('MLCK'),
    ret('MR64'));
}

const slotName = (i: number) => `MP${i.toString(16).toUpperCase().padStart(2, '0')}`;

/** \_SB.PCI0.MHPD (the I/O block), \_SB.MHPC (DIMM slots MPxx and their methods) and \_GPE._E03. */
export function memoryHotplugAml(slots: number): Aml[] {
  const base = MEMORY_HOTPLUG_BASE;
  const dimms: AmlArg[] = [];
  for (let i = 0; i < slots; i++) {
    dimms.push(device(slotName(i),
      name('_UID', str(`0x${i.toString(16).toUpperCase().padStart(2, '0')}`)),
      name('_HID', eisaId('PNP0C80')),
      method('_CRS', 0, {}, ret(call('MCRS', '_UID'))),
      method('_STA', 0, {}, ret(call('MRST', '_UID'))),
      method('_PXM', 0, {}, ret(call('MPXM', '_UID'))),
      method('_OST', 3, {}, call('MOST', '_UID', arg(0), arg(1), arg(2))),
      method('_EJ0', 1, {}, call('MEJ0', '_UID', arg(0)))));
  }
  const mtfy = Array.from({ length: slots }, (_, i) => ifThen(lequal(arg(0), i), notify(slotName(i), arg(1))));
  return [
    device('\\_SB.PCI0.MHPD',
      name('_HID', str('PNP0A06')),
      name('_UID', str('Memory hotplug resources')),
      name('_CRS', resourceTemplate(io(base, base, 0, MEMORY_HOTPLUG_LEN))),
      opRegion('HPMR', 'SystemIO', base, MEMORY_HOTPLUG_LEN)),
    device(MHPC,
      name('_HID', str('PNP0A06')),
      name('_UID', str('DIMM devices')),
      name('MDNR', slots),
      field(HPMR, { access: 'DWordAcc' }, { name: 'MRBL', bits: 32 }, { name: 'MRBH', bits: 32 },
        { name: 'MRLL', bits: 32 }, { name: 'MRLH', bits: 32 }, { name: 'MPX', bits: 32 }),
      field(HPMR, { access: 'ByteAcc', update: 'WriteAsZeros' }, { offset: 0x14 },
        { name: 'MES', bits: 1 }, { name: 'MINS', bits: 1 }, { name: 'MRMV', bits: 1 }, { name: 'MEJ', bits: 1 }),
      field(HPMR, { access: 'DWordAcc' }, { name: 'MSEL', bits: 32 }, { name: 'MOEV', bits: 32 }, { name: 'MOSC', bits: 32 }),
      method('_STA', 0, {}, ifThen(lequal('MDNR', 0), ret(0)), ret(0x0b)),
      mutex('MLCK'),
      method('MSCN', 0, {},
        ifThen(lequal('MDNR', 0), ret(0)),
        store(0, local(0)),
        acquire('MLCK', 0xffff),
        whileDo(lless(local(0), 'MDNR'),
          store(local(0), 'MSEL'),
          ifThen(lequal('MINS', 1), call('MTFY', local(0), 1), store(1, 'MINS')),
          elseDo(ifThen(lequal('MRMV', 1), call('MTFY', local(0), 3), store(1, 'MRMV'))),
          add(local(0), 1, local(0))),
        release('MLCK'),
        ret(1)),
      method('MRST', 1, {},
        store(0, local(0)),
        acquire('MLCK', 0xffff),
        store(toInteger(arg(0)), 'MSEL'),
        ifThen(lequal('MES', 1), store(0x0f, local(0))),
        release('MLCK'),
        ret(local(0))),
      mcrs(),
      method('MPXM', 1, {},
        acquire('MLCK', 0xffff),
        store(toInteger(arg(0)), 'MSEL'),
        store('MPX', local(0)),
        release('MLCK'),
        ret(local(0))),
      method('MOST', 4, {},
        acquire('MLCK', 0xffff),
        store(toInteger(arg(0)), 'MSEL'),
        store(arg(1), 'MOEV'),
        store(arg(2), 'MOSC'),
        release('MLCK')),
      method('MEJ0', 2, {},
        acquire('MLCK', 0xffff),
        store(toInteger(arg(0)), 'MSEL'),
        store(1, 'MEJ'),
        release('MLCK')),
      ...dimms,
      method('MTFY', 2, {}, ...mtfy)),
    method(`\\_GPE.${gpeMethodName(ACPI_MEMORY_HOTPLUG_STATUS_BIT)}`, 0, {}, call(`${MHPC}.MSCN`)),
  ];
}


import {
  acquire, arg, buffer, call, derefOf, device, field, ifThen, index, io, lequal, lless, lnot, lnotEqual, local, lor,
  method, mutex, name, opRegion, or, pkgOfSize, release, resourceTemplate, ret, scope, shiftLeft, store, str, toUuid,
} from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { ACPI_PCI_HOTPLUG_GPE_BIT, PCI_HP_AIDX, PCI_HP_DOWN, PCI_HP_EJ, PCI_HP_SEL, PCI_HP_UP } from '../../spec/pci.js';

/** PCI Firmware spec 3.3 §4.6.1 _DSM UUID for PCI devices. */
const PCI_DSM_UUID = 'e5c937d0-3553-4d7a-9117-ea4d19c3434d';

/**
 * The ACPI PCI hot-plug controller's registers (hotplug.ts) in \_SB.PCI0: PCIU/PCID (UP/DOWN),
 * B0EJ (EJ), BNUM/PIDX (SEL/AIDX), the BLCK mutex and PCEJ/AIDX/PDSM.
 */
export function pciHotplugAml(base: number): Aml {
  return scope('_SB.PCI0',
    opRegion('PCST', 'SystemIO', base + PCI_HP_UP, PCI_HP_DOWN + 4 - PCI_HP_UP),
    field('PCST', { access: 'DWordAcc', update: 'WriteAsZeros' }, { name: 'PCIU', bits: 32 }, { name: 'PCID', bits: 32 }),
    opRegion('SEJ', 'SystemIO', base + PCI_HP_EJ, 4),
    field('SEJ', { access: 'DWordAcc', update: 'WriteAsZeros' }, { name: 'B0EJ', bits: 32 }),
    opRegion('BNMR', 'SystemIO', base + PCI_HP_SEL, PCI_HP_AIDX + 4 - PCI_HP_SEL),
    field('BNMR', { access: 'DWordAcc', update: 'WriteAsZeros' }, { name: 'BNUM', bits: 32 }, { name: 'PIDX', bits: 32 }),
    mutex('BLCK'),
    method('PCEJ', 2, {},
      acquire('BLCK', 0xffff),
      store(arg(0), 'BNUM'),
      store(shiftLeft(1, arg(1)), 'B0EJ'),
      release('BLCK'),
      ret(0)),
    method('AIDX', 2, {},
      acquire('BLCK', 0xffff),
      store(arg(0), 'BNUM'),
      store(shiftLeft(1, arg(1)), 'PIDX'),
      store('PIDX', local(0)),
      release('BLCK'),
      ret(local(0))),
    method('PDSM', 5, { serialized: true },
      ifThen(lequal(arg(2), 0),
        store(buffer([0]), local(0)),
        store(0, local(1)),
        ifThen(lnotEqual(arg(0), toUuid(PCI_DSM_UUID)), ret(local(0))),
        ifThen(lless(arg(1), 2), ret(local(0))),
        store(call('AIDX', derefOf(index(arg(4), 0)), derefOf(index(arg(4), 1))), local(2)),
        ifThen(lnot(or(lequal(local(2), 0), lequal(local(2), 0xffffffff))),
          or(local(1), 1, local(1)),
          or(local(1), shiftLeft(1, 7), local(1))),
        store(local(1), index(local(0), 0)),
        ret(local(0))),
      ifThen(lequal(arg(2), 7),
        store(call('AIDX', derefOf(index(arg(4), 0)), derefOf(index(arg(4), 1))), local(2)),
        store(pkgOfSize(2), local(0)),
        ifThen(lnot(lor(lequal(local(2), 0), lequal(local(2), 0xffffffff))),
          store(local(2), index(local(0), 0)),
          store(str(''), index(local(0), 1))),
        ret(local(0)))));
}

/** \_SB.PCI0.PHPR: the resource holder that reserves the register block. */
export function pciHotplugResourcesAml(base: number, length: number): Aml {
  return device('PHPR',
    name('_HID', str('PNP0A06')),
    name('_UID', str('PCI Hotplug resources')),
    name('_STA', 0x0b),
    name('_CRS', resourceTemplate(io(base, base, 1, length))));
}

/** \_GPE._E01: scan the slots (PCNT) under the hot-plug lock. */
export function pciHotplugGpeAml(): Aml {
  return scope('_GPE', method(gpeMethodName(ACPI_PCI_HOTPLUG_GPE_BIT), 0, {},
    acquire('\\_SB.PCI0.BLCK', 0xffff),
    call('\\_SB.PCI0.PCNT'),
    release('\\_SB.PCI0.BLCK')));
}

import {
  Break, Debug, acquire, arg, buffer, call, derefOf, device, eisaId, elseDo, field, ifThen, increment, index, io,
  land, lequal, lgreater, lless, lnot, lnotEqual, local, lor, memory32Fixed, method, mutex, name, notify, opRegion, or,
  pkg, pkgOfSize, processor, release, resourceTemplate, ret, scope, shiftLeft, shiftRight, sizeOf, store, str,
  subtract, toBuffer, toHexString, toUuid, whileDo,
} from './aml/index.js';
import type { Aml, AmlArg } from './aml/index.js';
import type { DsdtInput } from './dsdt-input.js';


/** \DBG: the debug console port and DBUG (QEMU's DSDT prologue). */
export function dbgScope(): Aml {
  return scope('\\',
    opRegion('DBG', 'SystemIO', 0x0402, 1),
    field('DBG', { access: 'ByteAcc' }, { name: 'DBGB', bits: 8 }),
    method('DBUG', 1, {},
      toHexString(arg(0), local(0)),
      toBuffer(local(0), local(0)),
      subtract(sizeOf(local(0)), 1, local(1)),
      store(0, local(2)),
      whileDo(lless(local(2), local(1)),
        store(derefOf(index(local(0), local(2))), 'DBGB'),
        increment(local(2))),
      store(0x0a, 'DBGB')));
}

/** The ACPI PCI hot-plug registers and PCEJ/AIDX/PDSM (in \_SB.PCI0). */
export function pciHotplugScope(base: number): Aml {
  const dsmUuid = 'e5c937d0-3553-4d7a-9117-ea4d19c3434d';
  return scope('_SB.PCI0',
    opRegion('PCST', 'SystemIO', base, 0x08),
    field('PCST', { access: 'DWordAcc', update: 'WriteAsZeros' }, { name: 'PCIU', bits: 32 }, { name: 'PCID', bits: 32 }),
    opRegion('SEJ', 'SystemIO', base + 0x08, 0x04),
    field('SEJ', { access: 'DWordAcc', update: 'WriteAsZeros' }, { name: 'B0EJ', bits: 32 }),
    opRegion('BNMR', 'SystemIO', base + 0x10, 0x08),
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
        ifThen(lnotEqual(arg(0), toUuid(dsmUuid)), ret(local(0))),
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

export function hpetScope(): Aml {
  return scope('_SB', device('HPET',
    name('_HID', eisaId('PNP0103')),
    name('_UID', 0),
    opRegion('HPTM', 'SystemMemory', 0xfed00000, 0x400),
    field('HPTM', { access: 'DWordAcc', lock: true }, { name: 'VEND', bits: 32 }, { name: 'PRD', bits: 32 }),
    method('_STA', 0, {},
      store('VEND', local(0)),
      store('PRD', local(1)),
      shiftRight(local(0), 0x10, local(0)),
      ifThen(lor(lequal(local(0), 0), lequal(local(0), 0xffff)), ret(0)),
      ifThen(lor(lequal(local(1), 0), lgreater(local(1), 100000000)), ret(0)),
      ret(0x0f)),
    name('_CRS', resourceTemplate(memory32Fixed(0xfed00000, 0x400, false)))));
}

export function gpeScope(nvdimm = false): Aml {
  const e04 = nvdimm ? [method('_E04', 0, {}, notify('\\_SB.NVDR', 0x80))] : [];
  return scope('_GPE', name('_HID', str('ACPI0006')), ...e04);
}

const PRES = '\\_SB.PCI0.PRES';

/** CPU hot-plug (the "modern" interface): \_SB.PCI0.PRES registers, \_SB.CPUS and \_GPE._E02. */
export function cpuHotplug(input: DsdtInput): Aml[] {
  const base = input.cpuHotplugBase;
  const n = input.cpus;
  const cpuDevices: AmlArg[] = [];
  for (let i = 0; i < n; i++) {
    const id = `C${i.toString(16).toUpperCase().padStart(3, '0')}`;
    cpuDevices.push(processor(id, i, 0, 0,
      method('_STA', 0, { serialized: true }, ret(call('CSTA', i))),
      name('_MAT', buffer([0, 8, i, i, 1, 0, 0, 0])),
      method('_OST', 3, { serialized: true }, call('COST', i, arg(0), arg(1), arg(2))),
      ...(input.numa ? [name('_PXM', 0)] : [])));
  }
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
        name('_CRS', resourceTemplate(io(base, base, 1, 0x0c))),
        opRegion('PRST', 'SystemIO', base, 0x0c),
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
    method('\\_GPE._E02', 0, {}, call('\\_SB.CPUS.CSCN')),
  ];
}

export function sleepStates(): Aml {
  return scope('\\',
    name('_S3', pkg(1, 1, 0, 0)),
    name('_S4', pkg(2, 2, 0, 0)),
    name('_S5', pkg(0, 0, 0, 0)));
}

export function fwcfgScope(): Aml {
  return scope('\\_SB.PCI0', device('FWCF',
    name('_HID', str('QEMU0002')),
    name('_STA', 0x0b),
    name('_CRS', resourceTemplate(io(0x510, 0x510, 1, 0x0c)))));
}

export function gpe01(): Aml {
  return scope('_GPE', method('_E01', 0, {},
    acquire('\\_SB.PCI0.BLCK', 0xffff),
    call('\\_SB.PCI0.PCNT'),
    release('\\_SB.PCI0.BLCK')));
}


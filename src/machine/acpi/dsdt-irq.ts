import {
  add, and, arg, call, createDWordField, device, eisaId, elseDo, ifThen, increment, index, interrupt, lequal, lless,
  local, method, name, or, pkg, pkgOfSize, resourceTemplate, ret, scope, shiftLeft, shiftRight, store, whileDo,
} from './aml/index.js';
import type { Aml, AmlArg } from './aml/index.js';
import { SCI_IRQ } from '../../spec/acpi-pm.js';


const LEVEL_HIGH_SHARED = { consumer: true, edge: false, activeLow: false, shared: true } as const;

function iqst(): Aml {
  return method('IQST', 1, {}, ifThen(and(0x80, arg(0)), ret(0x09)), ret(0x0b));
}

function iqcr(q35: boolean): Aml {
  return method('IQCR', 1, { serialized: true },
    name('PRR0', resourceTemplate(interrupt(LEVEL_HIGH_SHARED, 0))),
    createDWordField('PRR0', 0x05, 'PRRI'),
    q35 ? store(and(arg(0), 0x0f), 'PRRI') : ifThen(lless(arg(0), 0x80), store(arg(0), 'PRRI')),
    ret('PRR0'));
}

function linkDevice(dev: string, uid: number, reg: string, irqs: readonly number[]): Aml {
  return device(dev,
    name('_HID', eisaId('PNP0C0F')),
    name('_UID', uid),
    name('_PRS', resourceTemplate(interrupt(LEVEL_HIGH_SHARED, ...irqs))),
    method('_STA', 0, {}, ret(call('IQST', reg))),
    method('_DIS', 0, {}, or(reg, 0x80, reg)),
    method('_CRS', 0, {}, ret(call('IQCR', reg))),
    method('_SRS', 1, {}, createDWordField(arg(0), 0x05, 'PRRI'), store('PRRI', reg)));
}

function gsiDevice(dev: string, uid: number, gsi: number): Aml {
  return device(dev,
    name('_HID', eisaId('PNP0C0F')),
    name('_UID', uid),
    name('_PRS', resourceTemplate(interrupt(LEVEL_HIGH_SHARED, gsi))),
    name('_CRS', resourceTemplate(interrupt(LEVEL_HIGH_SHARED, gsi))),
    method('_DIS', 0, {}),
    method('_SRS', 1, {}));
}

/**
 * The _PRT QEMU computes by a loop (build_prt): (slot + pin) & 3 picks LNKD/LNKA/LNKB/LNKC; on
 * PCI0 of pc, entry 4 (00:01 pin A) is LNKS. Expander bridges use it without that exception.
 */
export function prtLoop(pci0: boolean): Aml {
  const entry = (link: string) => store(pkg(0, 0, link, 0), local(4));
  return method('_PRT', 0, {},
    store(pkgOfSize(0x80), local(0)),
    store(0, local(1)),
    whileDo(lless(local(1), 0x80),
      store(shiftRight(local(1), 2), local(2)),
      store(and(add(local(1), local(2)), 3), local(3)),
      ifThen(lequal(local(3), 0), entry('LNKD')),
      pci0 ? ifThen(lequal(local(3), 1), ifThen(lequal(local(1), 4), entry('LNKS')), elseDo(entry('LNKA')))
        : ifThen(lequal(local(3), 1), entry('LNKA')),
      ifThen(lequal(local(3), 2), entry('LNKB')),
      ifThen(lequal(local(3), 3), entry('LNKC')),
      store(or(shiftLeft(local(2), 0x10), 0xffff), index(local(4), 0)),
      store(and(local(1), 3), index(local(4), 1)),
      store(local(4), index(local(0), local(1))),
      increment(local(1))),
    ret(local(0)));
}

/** PIIX routing: PCI0's _PRT loop and the link devices. */
export function pcIrqRouting(): Aml {
  const prt = prtLoop(true);
  const irqs = [5, 10, 11];
  return scope('_SB',
    scope('PCI0', prt),
    iqst(),
    iqcr(false),
    ...['A', 'B', 'C', 'D'].map((c, i) => linkDevice(`LNK${c}`, i, `PRQ${i}`, irqs)),
    device('LNKS',
      name('_HID', eisaId('PNP0C0F')),
      name('_UID', 4),
      name('_PRS', resourceTemplate(interrupt(LEVEL_HIGH_SHARED, SCI_IRQ))),
      method('_STA', 0, {}, ret(0x0b)),
      method('_DIS', 0, {}),
      method('_CRS', 0, {}, ret('_PRS')),
      method('_SRS', 1, {})));
}


/** ICH9 routing: slots 25–29 and 31 use PIRQ A–D directly, 30 uses E–H, the rest rotate E–H. */
function q35Link(slot: number, pin: number, prefix: 'LNK' | 'GSI'): string {
  if ((slot >= 25 && slot <= 29) || slot === 31) return `${prefix}${'ABCD'[pin]}`;
  if (slot === 30) return `${prefix}${'EFGH'[pin]}`;
  return `${prefix}${'EFGH'[(slot + pin) & 3]}`;
}

export function q35IrqRouting(): Aml[] {
  const table = (prefix: 'LNK' | 'GSI') => {
    const entries: AmlArg[] = [];
    for (let slot = 0; slot < 32; slot++) {
      for (let pin = 0; pin < 4; pin++) entries.push(pkg(slot === 0 ? 0xffff : (slot << 16) | 0xffff, pin, q35Link(slot, pin, prefix), 0));
    }
    return pkg(...entries);
  };
  const irqs = [5, 10, 11];
  return [
    name('PICF', 0),
    method('_PIC', 1, {}, store(arg(0), 'PICF')),
    scope('_SB',
      scope('PCI0',
        name('PRTP', table('LNK')),
        name('PRTA', table('GSI')),
        method('_PRT', 0, {}, ifThen(lequal('PICF', 0), ret('PRTP')), elseDo(ret('PRTA')))),
      iqst(),
      iqcr(true),
      ...'ABCDEFGH'.split('').map((c, i) => linkDevice(`LNK${c}`, i, `PRQ${c}`, irqs)),
      ...'ABCDEFGH'.split('').map((c, i) => gsiDevice(`GSI${c}`, 0x10 + i, 0x10 + i))),
  ];
}

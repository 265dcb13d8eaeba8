import {
  arg, buffer, bufferOfSize, call, concat, createDWordField, createFieldOp, derefOf, device, elseDo, field, ifThen,
  increment, index, land, lequal, lless, lnotEqual, local, lor, method, name, notify, objectType, opRegion, pkg, ret,
  scope, shiftLeft, sizeOf, store, str, subtract, toBuffer, toUuid, whileDo, add,
} from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { NVDIMM_ACPI_IO_BASE, NVDIMM_ACPI_IO_LEN } from '../boards/layout.js';
import { ACPI_NVDIMM_HOTPLUG_STATUS_BIT } from '../../spec/acpi-pm.js';

/** The 4 KiB DSM buffer the firmware allocates (docs/specs/acpi_nvdimm.rst); NCAL maps it at MEMA. */
export const NVDIMM_DSM_MEM_SIZE = 0x1000;
/** QEMU's reserved handle for the root device's own functions (Read FIT). */
export const NVDIMM_QEMU_RSVD_HANDLE_ROOT = 0x10000;
const ROOT_DSM_UUID = '2f10e7a4-9e91-11e4-89d3-123b93f75cba';
const QEMU_DSM_UUID = '648b9cf2-cda1-4312-8ad9-49c4af32bd62';
const INTEL_DSM_UUID = '4309ac30-0d11-11e4-9191-0800200c9a66';

/** An NVDIMM's ACPI handle: slot + 1 (QEMU's nvdimm_slot_to_handle; 0 is the root device). */
export const nvdimmHandle = (slot: number): number => slot + 1;

function ncall(): Aml {
  return method('NCAL', 5, { serialized: true },
    store('MEMA', local(6)),
    opRegion('NPIO', 'SystemIO', NVDIMM_ACPI_IO_BASE, NVDIMM_ACPI_IO_LEN),
    opRegion('NRAM', 'SystemMemory', local(6), NVDIMM_DSM_MEM_SIZE),
    field('NPIO', { access: 'DWordAcc' }, { name: 'NTFI', bits: 32 }),
    field('NRAM', { access: 'DWordAcc' }, { name: 'HDLE', bits: 32 }, { name: 'REVS', bits: 32 }, { name: 'FUNC', bits: 32 },
      { name: 'FARG', bits: (NVDIMM_DSM_MEM_SIZE - 12) * 8 }),
    field('NRAM', { access: 'DWordAcc' }, { name: 'RLEN', bits: 32 }, { name: 'ODAT', bits: (NVDIMM_DSM_MEM_SIZE - 4) * 8 }),
    ifThen(lequal(arg(4), 0), store(toUuid(ROOT_DSM_UUID), local(0))),
    elseDo(
      ifThen(lequal(arg(4), NVDIMM_QEMU_RSVD_HANDLE_ROOT), store(toUuid(QEMU_DSM_UUID), local(0))),
      elseDo(store(toUuid(INTEL_DSM_UUID), local(0)))),
    ifThen(lor(lequal(local(6), 0), lnotEqual(arg(0), local(0))),
      ifThen(lequal(arg(2), 0), ret(buffer([0]))),
      ret(buffer([1]))),
    store(arg(4), 'HDLE'),
    store(arg(1), 'REVS'),
    store(arg(2), 'FUNC'),
    ifThen(land(lequal(objectType(arg(3)), 4), lequal(sizeOf(arg(3)), 1)),
      store(index(arg(3), 0), local(2)),
      store(derefOf(local(2)), local(3)),
      store(local(3), 'FARG')),
    store(local(6), 'NTFI'),
    subtract('RLEN', 4, local(1)),
    ifThen(lless(local(1), 8),
      store(0, local(2)),
      name('TBUF', buffer([0])),
      store(bufferOfSize(0), local(7)),
      whileDo(lless(local(2), local(1)),
        store(derefOf(index('ODAT', local(2))), index('TBUF', 0)),
        concat(local(7), 'TBUF', local(7)),
        increment(local(2))),
      ret(local(7))),
    store(shiftLeft(local(1), 3), local(1)),
    createFieldOp('ODAT', 0, local(1), 'OBUF'),
    ret('OBUF'));
}

function rfit(): Aml {
  return method('RFIT', 1, { serialized: true },
    name('OFST', 0),
    store(arg(0), 'OFST'),
    store(call('NCAL', toUuid(QEMU_DSM_UUID), 1, 1, pkg('OFST'), NVDIMM_QEMU_RSVD_HANDLE_ROOT), local(0)),
    createDWordField(local(0), 0, 'STAU'),
    store('STAU', 'RSTA'),
    ifThen(lnotEqual(0, 'STAU'), ret(bufferOfSize(0))),
    store(sizeOf(local(0)), local(1)),
    subtract(local(1), 4, local(1)),
    ifThen(lequal(local(1), 0), ret(bufferOfSize(0))),
    createFieldOp(local(0), 0x20, shiftLeft(local(1), 3), 'BUFF'),
    ret('BUFF'));
}

function fit(): Aml {
  return method('_FIT', 0, { serialized: true },
    store(bufferOfSize(0), local(2)),
    store(0, local(3)),
    whileDo(1,
      store(call('RFIT', local(3)), local(0)),
      store(sizeOf(local(0)), local(1)),
      ifThen(lequal('RSTA', 0x100), store(bufferOfSize(0), local(2)), store(0, local(3))),
      elseDo(
        ifThen(lequal(local(1), 0), ret(local(2))),
        add(local(3), local(1), local(3)),
        concat(local(2), local(0), local(2)))));
}

function nvdimmDevice(slot: number): Aml {
  const h = nvdimmHandle(slot);
  const intel = () => toUuid(INTEL_DSM_UUID);
  return device(`NV${slot.toString(16).toUpperCase().padStart(2, '0')}`,
    name('_ADR', h),
    method('_LSI', 0, { serialized: true },
      store(call('NCAL', intel(), 1, 4, 0, h), local(0)),
      createDWordField(local(0), 0, 'STTS'),
      createDWordField(local(0), 4, 'SLSA'),
      createDWordField(local(0), 8, 'MAXT'),
      store(pkg('STTS', 'SLSA', 'MAXT'), local(1)),
      ret(local(1))),
    method('_LSR', 2, { serialized: true },
      name('INPT', buffer([0, 0, 0, 0, 0, 0, 0, 0])),
      createDWordField('INPT', 0, 'OFST'),
      createDWordField('INPT', 4, 'LEN'),
      store(arg(0), 'OFST'),
      store(arg(1), 'LEN'),
      store(pkg('INPT'), local(0)),
      store(call('NCAL', intel(), 1, 5, local(0), h), local(3)),
      createDWordField(local(3), 0, 'STTS'),
      createFieldOp(local(3), 0x20, shiftLeft('LEN', 3), 'LDAT'),
      name('LSA', bufferOfSize(0)),
      toBuffer('LDAT', 'LSA'),
      store(pkg('STTS', 'LSA'), local(1)),
      ret(local(1))),
    method('_LSW', 3, { serialized: true },
      store(arg(2), local(2)),
      name('INPT', buffer([0, 0, 0, 0, 0, 0, 0, 0])),
      createDWordField('INPT', 0, 'OFST'),
      createDWordField('INPT', 4, 'TLEN'),
      store(arg(0), 'OFST'),
      store(arg(1), 'TLEN'),
      concat('INPT', local(2), 'INPT'),
      store(pkg('INPT'), local(0)),
      store(call('NCAL', intel(), 1, 6, local(0), h), local(3)),
      createDWordField(local(3), 0, 'STTS'),
      ret('STTS')),
    method('_DSM', 4, {}, ret(call('NCAL', arg(0), arg(1), arg(2), arg(3), h))));
}

/** \_SB.NVDR (ACPI0012) with NCAL/_DSM/RFIT/_FIT and one NVxx device per RAM slot. */
export function nvdimmRootAml(ramSlots: number): Aml {
  const devices = Array.from({ length: ramSlots }, (_, i) => nvdimmDevice(i));
  return scope('\\_SB', device('NVDR',
    name('_HID', str('ACPI0012')),
    ncall(),
    method('_DSM', 4, {}, ret(call('NCAL', arg(0), arg(1), arg(2), arg(3), 0))),
    name('RSTA', 0),
    rfit(),
    fit(),
    ...devices));
}

/** \_GPE._E04: tell the NVDIMM root device (\_SB.NVDR, in the NVDIMM SSDT) that the FIT changed. */
export function nvdimmGpeAml(): Aml {
  return method(gpeMethodName(ACPI_NVDIMM_HOTPLUG_STATUS_BIT), 0, {}, notify('\\_SB.NVDR', 0x80));
}

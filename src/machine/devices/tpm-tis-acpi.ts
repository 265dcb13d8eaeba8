import {
  One, Zero, add, and, arg, buffer, call, derefOf, device, field, ifThen, index, lequal, lgreaterEqual, local, memory32Fixed,
  method, name, opRegion, pkg, resourceTemplate, ret, store, str, toUuid,
} from '../acpi/aml/index.js';
import type { Aml, AmlArg } from '../acpi/aml/index.js';
import { TPM_PPI_ADDR_BASE, TPM_PPI_MOVV_OFFSET, TPM_PPI_STRUCT_OFFSET, TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE } from '../../spec/tpm.js';

/** TCG Physical Presence Interface _DSM (PPI 1.3) and the memory-clear (MOR) _DSM. */
const PPI_UUID = '3dddfaa6-361b-4eb4-a424-8d10089d1653';
const MOR_UUID = '376054ed-cc13-4675-901c-4756d7f2d45d';
/** The PPI page holds one flags byte per operation; bits 0-2 say whether it is implemented/allowed. */
const PPI_FUNC_MASK = 0x07;
const PPI_FUNC_NOT_IMPLEMENTED = 0;
const PPI_FUNC_BLOCKED = 2;
const PPI_FUNCS = 0x100;
/** Size of QEMU's struct tpm_ppi after the function table: PPIN..LPPR, then MOVV. */
const PPI_STRUCT_LEN = 0x5a;

/** `TPMn [i] = value` for the PPI reply packages. */
const setElement = (pkgName: string, i: AmlArg, value: string): Aml => store(value, index(pkgName, i));
/** `Local0 = DerefOf (Arg3 [i])`. */
const argElement = (i: AmlArg, dest: AmlArg): Aml => store(derefOf(index(arg(3), i)), dest);
/** `Local1 = TPFN (Local0)`. */
const funcFlags = (): Aml => store(call('TPFN', local(0)), local(1));

/**
 * The TPM 2.0 device under the ISA/LPC bridge as QEMU 7.2 describes tpm-tis (MSFT0101, its MMIO
 * block, the PPI 1.3 _DSM over the PPI page at 0xFED45000). Checked byte for byte against QEMU's
 * DSDT in test/machine/tpm-tis.test.ts.
 */
export function tpmTisAml(): Aml {
  const ppiDsm = ifThen(lequal(arg(0), toUuid(PPI_UUID)),
    ifThen(lequal(arg(2), Zero), ret(buffer([0xff, 0x01]))),
    ifThen(lequal(arg(2), One), ret(str('1.3'))),
    ifThen(lequal(arg(2), 2),
      argElement(Zero, local(0)), funcFlags(),
      ifThen(lequal(and(local(1), PPI_FUNC_MASK), PPI_FUNC_NOT_IMPLEMENTED), ret(One)),
      store(local(0), 'PPRQ'), store(Zero, 'PPRM'), ret(Zero)),
    ifThen(lequal(arg(2), 3),
      ifThen(lequal(arg(1), One), setElement('TPM2', One, 'PPRQ'), ret('TPM2')),
      ifThen(lequal(arg(1), 2), setElement('TPM3', One, 'PPRQ'), setElement('TPM3', 2, 'PPRM'), ret('TPM3'))),
    ifThen(lequal(arg(2), 4), ret(2)),
    ifThen(lequal(arg(2), 5), setElement('TPM3', One, 'LPPR'), setElement('TPM3', 2, 'PPRP'), ret('TPM3')),
    ifThen(lequal(arg(2), 6), ret(3)),
    ifThen(lequal(arg(2), 7),
      argElement(Zero, local(0)), funcFlags(),
      ifThen(lequal(and(local(1), PPI_FUNC_MASK), PPI_FUNC_NOT_IMPLEMENTED), ret(One)),
      ifThen(lequal(and(local(1), PPI_FUNC_MASK), PPI_FUNC_BLOCKED), ret(3)),
      ifThen(lequal(arg(1), One), store(local(0), 'PPRQ'), store(Zero, 'PPRM')),
      ifThen(lequal(arg(1), 2), store(local(0), 'PPRQ'), argElement(One, 'PPRM')),
      ret(Zero)),
    ifThen(lequal(arg(2), 8), argElement(Zero, local(0)), funcFlags(), ret(and(local(1), PPI_FUNC_MASK))),
    ret(buffer([0])));
  const morDsm = ifThen(lequal(arg(0), toUuid(MOR_UUID)),
    ifThen(lequal(arg(2), Zero), ret(buffer([0x03]))),
    ifThen(lequal(arg(2), One), argElement(Zero, local(0)), store(local(0), 'MOVV'), ret(Zero)));
  return device('TPM',
    name('_HID', str('MSFT0101')),
    name('_STR', str('TPM 2.0 Device')),
    name('_UID', One),
    name('_STA', 0x0f),
    name('_CRS', resourceTemplate(memory32Fixed(TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE, true))),
    opRegion('TPP2', 'SystemMemory', TPM_PPI_ADDR_BASE + TPM_PPI_STRUCT_OFFSET, PPI_STRUCT_LEN),
    field('TPP2', { access: 'AnyAcc' },
      { name: 'PPIN', bits: 8 }, { name: 'PPIP', bits: 32 }, { name: 'PPRP', bits: 32 }, { name: 'PPRQ', bits: 32 },
      { name: 'PPRM', bits: 32 }, { name: 'LPPR', bits: 32 }),
    opRegion('TPP3', 'SystemMemory', TPM_PPI_ADDR_BASE + TPM_PPI_MOVV_OFFSET, 1),
    field('TPP3', { access: 'ByteAcc' }, { name: 'MOVV', bits: 8 }),
    method('TPFN', 1, { serialized: true },
      ifThen(lgreaterEqual(arg(0), PPI_FUNCS), ret(Zero)),
      opRegion('TPP1', 'SystemMemory', add(TPM_PPI_ADDR_BASE, arg(0)), 1),
      field('TPP1', { access: 'ByteAcc' }, { name: 'TPPF', bits: 8 }),
      ret('TPPF')),
    name('TPM2', pkg(Zero, Zero)),
    name('TPM3', pkg(Zero, Zero, Zero)),
    method('_DSM', 4, { serialized: true }, ppiDsm, morDsm));
}

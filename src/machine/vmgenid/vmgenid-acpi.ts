import {
  add, device, dwordConst, ifThen, index, lequal, local, method, name, notify, pkgOfSize, ret, scope, store, str,
} from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { ACPI_VMGENID_CHANGE_STATUS_BIT } from '../../spec/acpi-pm.js';
import { VMGENID_GUID_OFFSET } from '../../spec/fw-cfg.js';

/**
 * The vmgenid device as the VMGENID SSDT describes it (QEMU docs/specs/vmgenid.txt): VGIA (the
 * blob's guest address, patched by the linker; first, at a fixed table offset), \_SB.VGEN whose
 * ADDR returns VGIA + the GUID offset, and the GPE handler that notifies it on a change.
 */
export function vmgenidAml(): Aml[] {
  return [
    name('VGIA', dwordConst(0)),
    scope('\\_SB', device('VGEN',
      name('_HID', str('QEMUVGID')),
      name('_CID', str('VM_Gen_Counter')),
      name('_DDN', str('VM_Gen_Counter')),
      method('_STA', 0, {},
        store(0x0f, local(0)),
        ifThen(lequal('VGIA', 0), store(0, local(0))),
        ret(local(0))),
      method('ADDR', 0, {},
        store(pkgOfSize(2), local(0)),
        store(add('VGIA', VMGENID_GUID_OFFSET), index(local(0), 0)),
        store(0, index(local(0), 1)),
        ret(local(0))))),
    method(`\\_GPE.${gpeMethodName(ACPI_VMGENID_CHANGE_STATUS_BIT)}`, 0, {}, notify('\\_SB.VGEN', 0x80)),
  ];
}

import { ACPI_HEADER_SIZE } from '../../spec/acpi.js';
import { ACPI_BUILD_TABLE_FILE, VMGENID_ADDR_FW_CFG_FILE, VMGENID_GUID_FW_CFG_FILE } from '../../spec/linker-loader.js';
import {
  add, device, dwordConst, encode, ifThen, index, lequal, local, method, name, notify, pkgOfSize, ret, scope,
  store, str,
} from './aml/index.js';
import type { TableWriter } from './table-writer.js';

/** Where the GUID sits in etc/vmgenid_guid (VMGENID_GUID_OFFSET) and the blob's size. */
export const VMGENID_GUID_OFFSET = 40;
export const VMGENID_FW_CFG_SIZE = 4096;
/** Table offset of the VGIA dword: header, NameOp, "VGIA", DWordPrefix (qemu-host.md §3.5). */
export const VGIA_TABLE_OFFSET = ACPI_HEADER_SIZE + 6;


/**
 * The vmgenid SSDT ("VMGENID") and its linker commands, in QEMU 7.2's order: WRITE_POINTER of
 * the GUID address into etc/vmgenid_addr, ADD_POINTER of the blob base into VGIA, then the
 * table's checksum (qemu-host.md §3.5–3.6). The caller has allocated etc/vmgenid_guid.
 */
export function writeVmgenidSsdt(w: TableWriter): void {
  const start = w.begin('SSDT', 1, 'VMGENID');
  const body = encode(
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
    method('\\_GPE._E05', 0, {}, notify('\\_SB.VGEN', 0x80)),
  );
  w.blob.bytes(body);
  w.linker.writePointer(VMGENID_ADDR_FW_CFG_FILE, 0, 8, VMGENID_GUID_FW_CFG_FILE, VMGENID_GUID_OFFSET);
  w.linker.addPointer(ACPI_BUILD_TABLE_FILE, start + VGIA_TABLE_OFFSET, 4, VMGENID_GUID_FW_CFG_FILE, 0);
  w.end(start);
}

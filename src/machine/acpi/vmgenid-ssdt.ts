import { ACPI_HEADER_SIZE } from '../../spec/acpi.js';
import { ACPI_BUILD_TABLE_FILE, VMGENID_ADDR_FW_CFG_FILE, VMGENID_GUID_FW_CFG_FILE } from '../../spec/linker-loader.js';
import { VMGENID_GUID_OFFSET } from '../../spec/fw-cfg.js';
import { encode } from './aml/index.js';
import { vmgenidAml } from '../vmgenid/vmgenid-acpi.js';
import { vmgenidPciAml } from '../vmgenid/vmgenid-pci-acpi.js';
import type { VmgenidPciAcpiInfo } from '../vmgenid/vmgenid-pci.js';
import type { TableWriter } from './table-writer.js';

export { VMGENID_FW_CFG_SIZE, VMGENID_GUID_OFFSET } from '../../spec/fw-cfg.js';
/** Table offset of the VGIA dword: header, NameOp, "VGIA", DWordPrefix (qemu-host.md §3.5). */
export const VGIA_TABLE_OFFSET = ACPI_HEADER_SIZE + 6;

/**
 * The vmgenid SSDT ("VMGENID") and its linker commands, in QEMU 7.2's order: WRITE_POINTER of
 * the GUID address into etc/vmgenid_addr, ADD_POINTER of the blob base into VGIA, then the
 * table's checksum (qemu-host.md §3.5–3.6). The caller has allocated etc/vmgenid_guid.
 */
export function writeVmgenidSsdt(w: TableWriter): void {
  const start = w.begin('SSDT', 1, 'VMGENID');
  w.blob.bytes(encode(...vmgenidAml()));
  w.linker.writePointer(VMGENID_ADDR_FW_CFG_FILE, 0, 8, VMGENID_GUID_FW_CFG_FILE, VMGENID_GUID_OFFSET);
  w.linker.addPointer(ACPI_BUILD_TABLE_FILE, start + VGIA_TABLE_OFFSET, 4, VMGENID_GUID_FW_CFG_FILE, 0);
  w.end(start);
}

/** The v19 design's SSDT: constant ADDR (and _CRS) for the BAR the firmware assigned; no linker commands. */
export function writeVmgenidPciSsdt(w: TableWriter, info: VmgenidPciAcpiInfo): void {
  const start = w.begin('SSDT', 1, 'VMGENV19');
  w.blob.bytes(encode(...vmgenidPciAml(info)));
  w.end(start);
}

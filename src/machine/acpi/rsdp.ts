import { RSDP, RSDP_V1_SIZE } from '../../spec/acpi.js';
import { ACPI_BUILD_RSDP_FILE, ACPI_BUILD_TABLE_FILE } from '../../spec/linker-loader.js';
import { arrayBlob } from './bios-linker.js';
import type { BiosLinker } from './bios-linker.js';

/** RSDP revision 0 (20 bytes) in its own file, in FSEG, pointing at the RSDT (qemu-host.md §4.4). */
export function buildRsdp(linker: BiosLinker, oemId: string, rsdtOffset: number): Uint8Array {
  const r = new Uint8Array(RSDP_V1_SIZE);
  const blob = arrayBlob(r);
  for (let i = 0; i < 8; i++) r[RSDP.signature + i] = 'RSD PTR '.charCodeAt(i);
  for (let i = 0; i < 6; i++) r[RSDP.oemId + i] = oemId.charCodeAt(i) || 0;
  r[RSDP.revision] = 0;
  linker.allocate(ACPI_BUILD_RSDP_FILE, blob, 16, 'FSEG');
  linker.addPointer(ACPI_BUILD_RSDP_FILE, RSDP.rsdtAddress, 4, ACPI_BUILD_TABLE_FILE, rsdtOffset);
  linker.addChecksum(ACPI_BUILD_RSDP_FILE, 0, RSDP_V1_SIZE, RSDP.checksum);
  return r;
}

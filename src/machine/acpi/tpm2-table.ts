import { ACPI_BUILD_TABLE_FILE, ACPI_BUILD_TPMLOG_FILE } from '../../spec/linker-loader.js';
import { TPM2_LASA_OFFSET, TPM2_START_METHOD_TIS, TPM2_TABLE_REVISION, TPM_LOG_AREA_MINIMUM_SIZE } from '../../spec/tpm.js';
import type { TableWriter } from './table-writer.js';
import { arrayBlob } from './bios-linker.js';

/** Platform class 0: client (TCG ACPI Specification §7.3). */
const TPM2_CLASS_CLIENT = 0;

/**
 * TPM2 (TCG ACPI Specification §7.3, revision 4) for a TIS TPM: no control area, start method
 * 6, no start-method parameters, the 64 KiB event log whose address (LASA) the loader patches to
 * etc/tpm/log (`log`, allocated here as QEMU's build_tpm2 does).
 */
export function writeTpm2(w: TableWriter, log: Uint8Array): void {
  w.linker.allocate(ACPI_BUILD_TPMLOG_FILE, arrayBlob(log), 1, 'HIGH');
  const start = w.begin('TPM2', TPM2_TABLE_REVISION);
  w.blob.uint(TPM2_CLASS_CLIENT, 2).uint(0, 2);
  w.blob.uint(0, 8); // control area address: none for TIS
  w.blob.uint(TPM2_START_METHOD_TIS, 4);
  w.blob.zeros(12); // start method specific parameters
  w.blob.uint(TPM_LOG_AREA_MINIMUM_SIZE, 4);
  w.blob.uint(0, 8);
  w.linker.addPointer(ACPI_BUILD_TABLE_FILE, start + TPM2_LASA_OFFSET, 8, ACPI_BUILD_TPMLOG_FILE, 0);
  w.end(start);
}

import { method, notify } from '../acpi/aml/index.js';
import type { Aml } from '../acpi/aml/index.js';
import { gpeMethodName } from '../acpi/gpe-method.js';
import { ACPI_NVDIMM_HOTPLUG_STATUS_BIT } from '../../spec/acpi-pm.js';

/** \_GPE._E04: tell the NVDIMM root device (\_SB.NVDR, in the NVDIMM SSDT) that the FIT changed. */
export function nvdimmGpeAml(): Aml {
  return method(gpeMethodName(ACPI_NVDIMM_HOTPLUG_STATUS_BIT), 0, {}, notify('\\_SB.NVDR', 0x80));
}

/**
 * Which fwlab code produced the original bytes of a table or fw_cfg file (`fwlab why`'s last step).
 * The machine's ACPI build (src/machine/acpi/build-tables.ts) composes the tables from these writers.
 */
const TABLE_BUILDERS: Readonly<Record<string, string>> = {
  FACS: 'writeFacs (src/machine/acpi/fixed-tables.ts)',
  FACP: 'writeFadt (src/machine/acpi/fixed-tables.ts)',
  APIC: 'writeMadt (src/machine/acpi/fixed-tables.ts)',
  HPET: 'writeHpet (src/machine/acpi/fixed-tables.ts)',
  MCFG: 'writeMcfg (src/machine/acpi/fixed-tables.ts)',
  WAET: 'writeWaet (src/machine/acpi/fixed-tables.ts)',
  RSDT: 'writeRsdt (src/machine/acpi/fixed-tables.ts)',
  DSDT: 'writeDsdt (src/machine/acpi/dsdt.ts, AML from src/machine/acpi/dsdt-*.ts)',
  SRAT: 'writeSrat (src/machine/acpi/srat.ts)',
  NFIT: 'writeNfit (src/machine/acpi/nvdimm-tables.ts)',
  RSDP: 'buildRsdp (src/machine/acpi/rsdp.ts)',
};
const SSDT_BUILDERS: Readonly<Record<string, string>> = {
  VMGENID: 'writeVmgenidSsdt (src/machine/acpi/vmgenid-ssdt.ts)',
  VMGENV19: 'writeVmgenidPciSsdt (src/machine/acpi/vmgenid-ssdt.ts)',
  NVDIMM: 'writeNvdimmSsdt (src/machine/acpi/nvdimm-tables.ts)',
};
const FILE_PRODUCERS: Readonly<Record<string, string>> = {
  'etc/vmgenid_guid': 'the vmgenid device (src/machine/vmgenid/vmgenid.ts)',
  'etc/acpi/tables': 'buildAcpiTables (src/machine/acpi/build-tables.ts)',
  'etc/acpi/rsdp': 'buildRsdp (src/machine/acpi/rsdp.ts)',
  'etc/acpi/nvdimm-mem': 'the NVDIMM DSM page (src/machine/nvdimm/nvdimm-dsm.ts)',
};

export function tableBuilder(signature: string, oemTableId: string): string {
  if (signature === 'SSDT') return SSDT_BUILDERS[oemTableId.trim()] ?? 'an SSDT writer of src/machine/acpi/';
  return TABLE_BUILDERS[signature] ?? 'buildAcpiTables (src/machine/acpi/build-tables.ts)';
}

export function fwCfgProducer(file: string): string {
  return FILE_PRODUCERS[file] ?? 'the fw_cfg device\'s file list (src/machine/fw-cfg/)';
}

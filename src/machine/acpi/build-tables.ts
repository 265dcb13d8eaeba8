import { ACPI_BUILD_TABLE_FILE, VMGENID_GUID_FW_CFG_FILE } from '../../spec/linker-loader.js';
import { BiosLinker, arrayBlob } from './bios-linker.js';
import { writeDsdt } from './dsdt.js';
import type { DsdtInput } from './dsdt-input.js';
import { writeFacs, writeFadt, writeHpet, writeMadt, writeMcfg, writeRsdt, writeWaet } from './fixed-tables.js';
import { buildRsdp } from './rsdp.js';
import { QEMU_OEM, TableWriter } from './table-writer.js';
import type { OemIds, PlacedTable } from './table-writer.js';
import { VMGENID_FW_CFG_SIZE, writeVmgenidPciSsdt, writeVmgenidSsdt } from './vmgenid-ssdt.js';
import type { VmgenidPciAcpiInfo } from '../vmgenid/vmgenid-pci.js';
import { writeSlit, writeSrat } from './srat.js';
import type { SratInput } from './srat.js';
import { NVDIMM_DSM_MEM_SIZE, writeNfit, writeNvdimmSsdt } from './nvdimm-tables.js';
import type { NvdimmInfo } from './nvdimm-tables.js';
import { NVDIMM_DSM_MEM_FILE } from '../../spec/linker-loader.js';
import { PORT_APM } from '../boards/layout.js';
import { writeViot } from './viot.js';
import { writeTpm2 } from './tpm2-table.js';
import { ACPI_BUILD_TPMLOG_FILE } from '../../spec/linker-loader.js';
import { TPM_LOG_AREA_MINIMUM_SIZE } from '../../spec/tpm.js';
import type { ViotInput } from './viot.js';

/** Everything the x86 ACPI build reads from the machine, as plain data. */
export interface AcpiBuildInput {
  readonly dsdt: DsdtInput;
  /** PM I/O base the firmware programmed (0 before it did). */
  readonly pmBase: number;
  /** The MADT's processors: every possible CPU, enabled when present (default: dsdt.cpus, all enabled, id = index). */
  readonly madtCpus?: ReadonlyArray<{ readonly apicId: number; readonly enabled: boolean }>;
  readonly smm: boolean;
  readonly acpiEnable: number;
  readonly acpiDisable: number;
  readonly vmgenid: boolean;
  /** `-device vmgenid-pci` once the firmware mapped its BAR: the v19 SSDT. */
  readonly vmgenidPci?: VmgenidPciAcpiInfo | undefined;
  readonly oem?: OemIds;
  /** NUMA is on (explicit or implied by memory hot-plug): the SRAT. */
  readonly srat?: SratInput | undefined;
  /** `-numa dist`: the SLIT matrix. */
  readonly slit?: ReadonlyArray<readonly number[]> | undefined;
  /** `-device virtio-iommu-pci`: the VIOT. */
  readonly viot?: ViotInput | undefined;
  /** `-machine nvdimm=on`: the NVDIMM SSDT (one NVxx per RAM slot), NFIT when DIMMs exist. */
  readonly nvdimm?: { readonly ramSlots: number; readonly dimms: readonly NvdimmInfo[] } | undefined;
}

export interface AcpiBuildResult {
  readonly tables: Uint8Array;
  readonly rsdp: Uint8Array;
  readonly tableLoader: Uint8Array;
  readonly placed: readonly PlacedTable[];
  /** Blobs the loader names besides the three carriers (etc/acpi/nvdimm-mem, etc/tpm/log). */
  readonly extraFiles: Map<string, Uint8Array>;
}

/** The tables blob is padded to a multiple of 128 KiB (ACPI_BUILD_TABLE_SIZE). */
export const ACPI_BUILD_TABLE_SIZE = 0x20000;

/** QEMU 7.2's acpi_build order: FACS, DSDT, FACP, APIC, [SSDT VMGENID], [HPET], [TPM2], [SRAT, SLIT], [MCFG], [VIOT], [NVDIMM], WAET, RSDT. */
export function buildAcpiTables(input: AcpiBuildInput): AcpiBuildResult {
  const linker = new BiosLinker();
  const w = new TableWriter(linker, input.oem ?? QEMU_OEM);
  const d = input.dsdt;
  const extraFiles = new Map<string, Uint8Array>();
  linker.allocate(ACPI_BUILD_TABLE_FILE, w.blob, 64, 'HIGH');
  if (input.vmgenid) linker.allocate(VMGENID_GUID_FW_CFG_FILE, arrayBlob(new Uint8Array(VMGENID_FW_CFG_SIZE)), 4096, 'HIGH');
  if (input.nvdimm) {
    const mem = new Uint8Array(NVDIMM_DSM_MEM_SIZE);
    extraFiles.set(NVDIMM_DSM_MEM_FILE, mem);
    linker.allocate(NVDIMM_DSM_MEM_FILE, arrayBlob(mem), 4096, 'HIGH');
  }
  const facs = writeFacs(w);
  const dsdt = writeDsdt(w, d);
  const rsdtEntries: number[] = [];
  rsdtEntries.push(w.blob.length);
  writeFadt(w, {
    board: d.board, pmBase: input.pmBase, gpe0Base: d.gpe0Base, gpe0Length: d.gpe0Length,
    smiCmd: input.smm ? PORT_APM : 0, acpiEnable: input.smm ? input.acpiEnable : 0, acpiDisable: input.smm ? input.acpiDisable : 0,
    cpus: d.cpus, facsOffset: facs, dsdtOffset: dsdt,
  });
  rsdtEntries.push(w.blob.length);
  writeMadt(w, input.madtCpus ?? Array.from({ length: d.cpus }, (_, i) => ({ apicId: i, enabled: true })));
  if (input.vmgenid) { rsdtEntries.push(w.blob.length); writeVmgenidSsdt(w); }
  if (input.vmgenidPci) { rsdtEntries.push(w.blob.length); writeVmgenidPciSsdt(w, input.vmgenidPci); }
  if (d.hpet) { rsdtEntries.push(w.blob.length); writeHpet(w); }
  if (d.tpmTis) {
    const log = new Uint8Array(TPM_LOG_AREA_MINIMUM_SIZE);
    extraFiles.set(ACPI_BUILD_TPMLOG_FILE, log);
    rsdtEntries.push(w.blob.length);
    writeTpm2(w, log);
  }
  if (input.srat) { rsdtEntries.push(w.blob.length); writeSrat(w, input.srat); }
  if (input.slit) { rsdtEntries.push(w.blob.length); writeSlit(w, input.slit); }
  if (d.mmcfg) { rsdtEntries.push(w.blob.length); writeMcfg(w, d.mmcfg.base, d.mmcfg.size); }
  if (input.viot) { rsdtEntries.push(w.blob.length); writeViot(w, input.viot); }
  if (input.nvdimm) {
    rsdtEntries.push(w.blob.length);
    writeNvdimmSsdt(w, input.nvdimm.ramSlots);
    if (input.nvdimm.dimms.length > 0) { rsdtEntries.push(w.blob.length); writeNfit(w, input.nvdimm.dimms); }
  }
  rsdtEntries.push(w.blob.length);
  writeWaet(w);
  const rsdt = writeRsdt(w, rsdtEntries);
  const rsdp = buildRsdp(linker, (input.oem ?? QEMU_OEM).oemId, rsdt);
  const used = w.blob.length;
  w.blob.zeros(Math.ceil(used / ACPI_BUILD_TABLE_SIZE) * ACPI_BUILD_TABLE_SIZE - used);
  return { tables: w.blob.toBytes(), rsdp, tableLoader: linker.toBytes(), placed: w.placed, extraFiles };
}

import { NFIT_TYPE } from '../../spec/acpi.js';
import { ACPI_BUILD_TABLE_FILE, NVDIMM_DSM_MEM_FILE } from '../../spec/linker-loader.js';
import { dwordConst, encode, name, uuidBytes } from './aml/index.js';
import type { TableWriter } from './table-writer.js';
import { ByteSink } from './aml/sink.js';
import { nvdimmHandle, nvdimmRootAml } from '../nvdimm/nvdimm-acpi.js';

export { NVDIMM_DSM_MEM_SIZE, NVDIMM_QEMU_RSVD_HANDLE_ROOT } from '../nvdimm/nvdimm-acpi.js';

/** One NVDIMM as the tables describe it; handle = slot + 1 (QEMU's nvdimm_slot_to_handle). */
export interface NvdimmInfo {
  readonly slot: number;
  readonly base: number;
  readonly size: number;
  readonly node: number;
  readonly unarmed?: boolean;
}


const PMEM_REGION_GUID = '66f0d379-b4f3-4074-ac43-0d3318b78cdb';
const EFI_MEMORY_WB = 0x8;
const EFI_MEMORY_NV = 0x8000;

/** The NFIT structures (§5.2.25): per NVDIMM a SPA range, a region mapping and a control region. */
export function nfitStructures(dimms: readonly NvdimmInfo[]): Uint8Array {
  const s = new ByteSink();
  for (const d of dimms) {
    const h = nvdimmHandle(d.slot);
    const spaIndex = h * 2;
    const dcrIndex = h * 2 + 1;
    s.uint(NFIT_TYPE.SPA_RANGE, 2).uint(56, 2).uint(spaIndex, 2).uint(0x3, 2).uint(0, 4).uint(d.node, 4)
      .bytes(uuidBytes(PMEM_REGION_GUID)).uint(d.base, 8).uint(d.size, 8).uint(EFI_MEMORY_WB | EFI_MEMORY_NV, 8);
    s.uint(NFIT_TYPE.REGION_MAPPING, 2).uint(48, 2).uint(h, 4).uint(0, 2).uint(0, 2).uint(spaIndex, 2).uint(dcrIndex, 2)
      .uint(d.size, 8).uint(0, 8).uint(0, 8).uint(0, 2).uint(1, 2).uint(d.unarmed ? 0x8 : 0, 2).uint(0, 2);
    s.uint(NFIT_TYPE.CONTROL_REGION, 2).uint(80, 2).uint(dcrIndex, 2).uint(0x8086, 2).uint(0x0001, 2).uint(0x0001, 2)
      .uint(0, 2).uint(0, 2).uint(0, 2).byte(0).byte(0).uint(0, 2).uint(0, 2).uint(0x123456 + d.slot, 4)
      .uint(0x0301, 2).uint(0, 2).zeros(40).uint(0, 2).zeros(6);
  }
  return s.toBytes();
}

/** NFIT: the header, 4 reserved bytes, then the structures. */
export function writeNfit(w: TableWriter, dimms: readonly NvdimmInfo[]): void {
  const start = w.begin('NFIT', 1);
  w.blob.uint(0, 4).bytes(nfitStructures(dimms));
  w.end(start);
}

/**
 * The NVDIMM SSDT ("NVDIMM"): \_SB.NVDR (ACPI0012) with NCAL/_DSM/RFIT/_FIT, one NVxx device
 * per RAM slot, and MEMA, the DSM buffer address, patched by an ADD_POINTER to
 * etc/acpi/nvdimm-mem before the table's checksum.
 */
export function writeNvdimmSsdt(w: TableWriter, ramSlots: number): void {
  const start = w.begin('SSDT', 1, 'NVDIMM');
  w.blob.bytes(encode(nvdimmRootAml(ramSlots)));
  const memaName = w.blob.length;
  w.blob.bytes(encode(name('MEMA', dwordConst(0))));
  w.linker.addPointer(ACPI_BUILD_TABLE_FILE, memaName + 6, 4, NVDIMM_DSM_MEM_FILE, 0);
  w.end(start);
}

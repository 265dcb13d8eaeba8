import { ACPI_HEADER, ACPI_HEADER_SIZE } from '../../spec/acpi.js';
import { ACPI_BUILD_TABLE_FILE } from '../../spec/linker-loader.js';
import { ByteSink } from './aml/sink.js';
import type { BiosLinker } from './bios-linker.js';

/** OEM identity QEMU 7.2 stamps on every table (ACPI_BUILD_APPNAME6/8, creator "BXPC" rev 1). */
export interface OemIds {
  readonly oemId: string;
  readonly oemTableId: string;
}
export const QEMU_OEM: OemIds = { oemId: 'BOCHS ', oemTableId: 'BXPC    ' };
export const CREATOR_ID = 'BXPC';
export const CREATOR_REVISION = 1;
export const OEM_REVISION = 1;

/** A table as placed in etc/acpi/tables. */
export interface PlacedTable {
  readonly signature: string;
  readonly offset: number;
  readonly length: number;
  readonly oemTableId: string;
}

/**
 * The etc/acpi/tables blob being built: each table is begun with its header, written, and ended,
 * which patches its length and emits its ADD_CHECKSUM after any pointers inside it.
 */
export class TableWriter {
  readonly blob = new ByteSink();
  readonly placed: PlacedTable[] = [];

  constructor(readonly linker: BiosLinker, readonly oem: OemIds = QEMU_OEM) {}

  begin(signature: string, revision: number, oemTableId = this.oem.oemTableId): number {
    const start = this.blob.length;
    this.blob.ascii(signature, 4).uint(0, 4).byte(revision).byte(0)
      .ascii(this.oem.oemId, 6).ascii(oemTableId, 8).uint(OEM_REVISION, 4)
      .ascii(CREATOR_ID, 4).uint(CREATOR_REVISION, 4);
    return start;
  }

  end(start: number): PlacedTable {
    const length = this.blob.length - start;
    this.blob.patchUint(start + ACPI_HEADER.length, length, 4);
    this.linker.addChecksum(ACPI_BUILD_TABLE_FILE, start, length, start + ACPI_HEADER.checksum);
    const signature = String.fromCharCode(...this.blob.toBytes().subarray(start, start + 4));
    const oemTableId = String.fromCharCode(...this.blob.toBytes().subarray(start + ACPI_HEADER.oemTableId, start + ACPI_HEADER.oemTableId + 8));
    const t = { signature, offset: start, length, oemTableId };
    this.placed.push(t);
    return t;
  }

  /** A table-relative pointer field to another table in the same blob. */
  pointerToTable(fieldOffset: number, size: number, targetOffset: number): void {
    this.linker.addPointer(ACPI_BUILD_TABLE_FILE, fieldOffset, size, ACPI_BUILD_TABLE_FILE, targetOffset);
  }

  /** Align the blob (FACS must be 64-byte aligned; QEMU starts at 0 so no padding is needed). */
  alignTo(n: number): void {
    const pad = (n - (this.blob.length % n)) % n;
    this.blob.zeros(pad);
  }
}

export const HEADER_SIZE = ACPI_HEADER_SIZE;

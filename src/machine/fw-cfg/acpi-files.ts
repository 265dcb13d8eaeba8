import type { FwCfgDevice } from './fw-cfg-device.js';
import {
  ACPI_RSDP_SIZE, ACPI_TABLES_PAD, FW_CFG_FILE_ACPI_RSDP, FW_CFG_FILE_ACPI_TABLES, FW_CFG_FILE_TABLE_LOADER,
  TABLE_LOADER_PAD,
} from '../../spec/fw-cfg.js';
import { logger } from '../../lib/log.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { bool, jsonObject } from '../snapshot/part-state.js';

const log = logger('fwcfg');

/** What the ACPI builder (src/machine/acpi/build-acpi.ts) returns, unpadded or padded. */
export interface AcpiBuildResult {
  readonly tables: Uint8Array;
  readonly rsdp: Uint8Array;
  readonly tableLoader: Uint8Array;
  /** Further blobs the loader names (etc/acpi/nvdimm-mem...), registered as fw_cfg files. */
  readonly extraFiles?: ReadonlyMap<string, Uint8Array>;
}

/** Builds the tables from the machine's live state (QEMU's acpi_build). */
export type AcpiBuilder = () => AcpiBuildResult;

/** A copy zero-padded to a multiple of `unit` (at least one unit): builds may be shared (decision 0057). */
function pad(data: Uint8Array, unit: number): Uint8Array {
  const size = Math.max(unit, Math.ceil(data.length / unit) * unit);
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}

/**
 * QEMU's acpi_setup/acpi_build_update for fwlab: build once at machine-init-done so the
 * files have their sizes, then rebuild from live machine state the first time the
 * firmware selects any of the three carriers after a reset (the `patched` flag). The
 * padded sizes keep the directory stable.
 */
export class AcpiFiles implements Snapshottable {
  private patched = false;
  builds = 0;

  constructor(private readonly fw: FwCfgDevice, private readonly build: AcpiBuilder, onReset: (handler: () => void) => void) {
    const r = this.run();
    const onSelect = () => this.update();
    fw.addFile(FW_CFG_FILE_ACPI_TABLES, pad(r.tables, ACPI_TABLES_PAD), { onSelect });
    fw.addFile(FW_CFG_FILE_ACPI_RSDP, pad(r.rsdp, ACPI_RSDP_SIZE), { onSelect });
    fw.addFile(FW_CFG_FILE_TABLE_LOADER, pad(r.tableLoader, TABLE_LOADER_PAD), { onSelect });
    // etc/tpm/log always exists (empty without a TPM, as in QEMU); the build gives it its size.
    for (const [name, data] of r.extraFiles ?? []) {
      if (fw.hasFile(name)) fw.replaceFile(name, data.slice());
      else fw.addFile(name, data.slice());
    }
    onReset(() => {
      this.patched = false;
    });
  }

  /** QEMU's vmstate acpi_build: whether the tables were rebuilt since the last reset. */
  saveState(): PartState {
    return { json: { patched: this.patched } };
  }

  loadState(state: PartState): void {
    this.patched = bool(jsonObject(state, 'acpi-build'), 'patched');
  }

  private run(): AcpiBuildResult {
    this.builds++;
    return this.build();
  }

  /** The select hook: rebuild once per reset and copy into the existing backing stores. */
  update(): void {
    if (this.patched) return;
    this.patched = true;
    const r = this.run();
    log('ACPI rebuilt from live state (build %d)', this.builds);
    this.copy(FW_CFG_FILE_ACPI_TABLES, r.tables, ACPI_TABLES_PAD);
    this.copy(FW_CFG_FILE_ACPI_RSDP, r.rsdp, ACPI_RSDP_SIZE);
    this.copy(FW_CFG_FILE_TABLE_LOADER, r.tableLoader, TABLE_LOADER_PAD);
    for (const [name, data] of r.extraFiles ?? []) {
      if (this.fw.hasFile(name)) this.copy(name, data, 1);
      else this.fw.addFile(name, data.slice());
    }
  }

  private copy(name: string, data: Uint8Array, unit: number): void {
    const cur = this.fw.file(name)!;
    if (data.length <= cur.length) {
      cur.fill(0);
      cur.set(data);
    } else this.fw.replaceFile(name, pad(data, unit));
  }
}

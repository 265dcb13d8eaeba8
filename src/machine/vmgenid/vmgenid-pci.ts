import type { DeviceContext } from '../wiring/device-context.js';
import type { PciFunction } from '../pci/pci-function.js';
import { PCI_BAR_UNMAPPED } from '../pci/pci-function.js';
import type { RamBlock } from '../bus/ram-block.js';
import { ACPI_VMGENID_CHANGE_STATUS_BIT } from '../../spec/acpi-pm.js';
import { guidToMicrosoftBytes, isGuid } from '../../lib/guid.js';
import { hex } from '../../lib/hex.js';
import type { PartState, Snapshottable } from '../snapshot/part-state.js';
import { jsonObject, str } from '../snapshot/part-state.js';

/** Where the v19 tables say the GUID is: BAR0 as the firmware programmed it when it selected the tables. */
export interface VmgenidPciAcpiInfo {
  readonly address: number;
  readonly size: number;
  /** `crs=on`: a static _CRS covering exactly the BAR. */
  readonly crs: boolean;
}

/**
 * The v19 VM Generation ID device (2016 review, never merged): the GUID lives at offset 0 of
 * a RAM-backed PCI BAR; the ACPI tables (built when the firmware selects them, after PCI
 * init) point ADDR at the BAR and, with crs=on, pin it with a _CRS. A change writes the BAR's
 * RAM and raises GPE0 bit 5, as the merged design does.
 */
export class VmgenidPci implements Snapshottable {
  private current: string;
  fn: PciFunction | undefined;

  constructor(private readonly ctx: DeviceContext, readonly ram: RamBlock, guid: string, readonly crs: boolean) {
    this.current = guid.toLowerCase();
    this.ram.writeFrom(0, guidToMicrosoftBytes(this.current), 0, 16);
    ctx.addReportSection('vmgenid-pci', () => ({ guid: this.current, crs: this.crs, bar: this.bar() === undefined ? null : hex(this.bar()!) }));
    ctx.addState('vmgenid-pci', this);
  }

  /** The GUID the saved machine had, after a restore. */
  restoredFrom: string | undefined;

  /** The BAR's RAM and the GUID. */
  saveState(): PartState {
    const ram = this.ram.saveState();
    return { json: { guid: this.current, ram: ram.json ?? null }, ...(ram.bytes ? { bytes: ram.bytes } : {}) };
  }

  /** As the merged design's post_load: this machine's `guid=` goes into the BAR, then GPE0 bit 5 while the BAR decodes. */
  loadState(state: PartState): void {
    const o = jsonObject(state, 'vmgenid-pci');
    this.restoredFrom = str(o, 'guid');
    const ram = o.ram;
    this.ram.loadState({ ...(ram !== undefined ? { json: ram } : {}), ...(state.bytes ? { bytes: state.bytes } : {}) });
    this.ram.writeFrom(0, guidToMicrosoftBytes(this.current), 0, 16);
    if (this.bar() !== undefined) this.ctx.acpi.raiseGpe(ACPI_VMGENID_CHANGE_STATUS_BIT);
  }

  get guid(): string {
    return this.current;
  }

  /** BAR0's address while it decodes. */
  bar(): number | undefined {
    const r = this.fn?.presentRegions.find((x) => x.index === 0);
    return r === undefined || r.addr === PCI_BAR_UNMAPPED ? undefined : r.addr;
  }

  /** What the SSDT describes; undefined while the firmware has not mapped the BAR. */
  acpiInfo(): VmgenidPciAcpiInfo | undefined {
    const address = this.bar();
    return address === undefined ? undefined : { address, size: this.ram.size, crs: this.crs };
  }

  query(): { guid: string } {
    return { guid: this.current };
  }

  /** A new generation ID: into the BAR's RAM, then GPE0 bit 5 (\_GPE._E05 notifies VGEN). */
  setGuid(guid: string): void {
    if (!isGuid(guid)) throw new RangeError(`vmgenid-pci: not a GUID: '${guid}'`);
    this.current = guid.toLowerCase();
    this.ram.writeFrom(0, guidToMicrosoftBytes(this.current), 0, 16);
    this.ctx.acpi.raiseGpe(ACPI_VMGENID_CHANGE_STATUS_BIT);
  }
}

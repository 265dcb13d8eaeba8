import type { PciFunction } from './pci-function.js';
import type { PhysicalMemory } from '../bus/physical-memory.js';
import type { IoHandler } from '../bus/io-handler.js';
import { MmioWindow } from '../bus/memory-target.js';
import {
  PCI_CAP_ID_MSIX, PCI_COMMAND, PCI_COMMAND_MASTER, PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_MASKALL,
} from '../../spec/pci.js';

/** A table entry (PCI 3.0 §6.8.2.6): address, upper address, data, vector control (bit 0: masked). */
const ENTRY_SIZE = 16;
const ENTRY_DATA = 8;
const ENTRY_CTRL = 12;
const CTRL_MASKED = 1;

const tables = new WeakMap<PciFunction, MsixTable>();

/** The emulated MSI-X table of a function, if its model has one. */
export function msixTableOf(fn: PciFunction): MsixTable | undefined {
  return tables.get(fn);
}

/**
 * An MSI-X table and Pending Bit Array in a memory BAR, as QEMU's msix.c keeps them: entries reset
 * masked, a message for a masked vector (or with the function masked) sets its pending bit instead,
 * and unmasking a pending vector sends it. Dword accesses only; others read 0 and are dropped.
 */
export class MsixTable {
  private readonly table: Uint8Array;
  private readonly pba: Uint8Array;
  private owner: PciFunction | undefined;
  readonly window: MmioWindow;

  constructor(readonly vectors: number, private readonly tableOffset: number, private readonly pbaOffset: number,
    private readonly memory: PhysicalMemory | undefined, barSize: number) {
    this.table = new Uint8Array(vectors * ENTRY_SIZE);
    this.pba = new Uint8Array(Math.ceil(vectors / 64) * 8);
    this.reset();
    this.window = new MmioWindow(this.handler, barSize);
  }

  /** The function whose BAR holds the table (its MSI-X capability and Command register decide). */
  attach(fn: PciFunction): void {
    this.owner = fn;
    tables.set(fn, this);
  }

  reset(): void {
    this.table.fill(0);
    for (let v = 0; v < this.vectors; v++) this.table[v * ENTRY_SIZE + ENTRY_CTRL] = CTRL_MASKED;
    this.pba.fill(0);
  }

  private get view(): DataView {
    return new DataView(this.table.buffer);
  }

  private flags(): number {
    const fn = this.owner;
    const cap = fn?.config.capabilities().find(([id]) => id === PCI_CAP_ID_MSIX)?.[1];
    return fn && cap !== undefined ? fn.config.get(cap + PCI_MSIX_FLAGS, 2) : 0;
  }

  enabled(): boolean {
    return (this.flags() & PCI_MSIX_FLAGS_ENABLE) !== 0;
  }

  private masked(vector: number): boolean {
    const f = this.flags();
    return !(f & PCI_MSIX_FLAGS_ENABLE) || (f & PCI_MSIX_FLAGS_MASKALL) !== 0
      || (this.table[vector * ENTRY_SIZE + ENTRY_CTRL]! & CTRL_MASKED) !== 0;
  }

  private pending(vector: number): boolean {
    return ((this.pba[vector >> 3]! >> (vector & 7)) & 1) !== 0;
  }

  private setPending(vector: number, on: boolean): void {
    const bit = 1 << (vector & 7);
    this.pba[vector >> 3] = on ? this.pba[vector >> 3]! | bit : this.pba[vector >> 3]! & ~bit;
  }

  /** QEMU's msix_notify: the message, or the pending bit while masked. */
  notify(vector: number): void {
    if (!this.enabled() || vector >= this.vectors) return;
    if (this.masked(vector)) {
      this.setPending(vector, true);
      return;
    }
    this.send(vector);
  }

  /** The entry's message as a dword the function writes as a bus master (nothing with bus mastering off). */
  private send(vector: number): void {
    const fn = this.owner;
    if (!fn || !this.memory || !(fn.config.get(PCI_COMMAND, 2) & PCI_COMMAND_MASTER)) return;
    const v = this.view;
    const at = vector * ENTRY_SIZE;
    if (v.getUint32(at + 4, true) !== 0) return; // above 4 GiB: nothing decodes there on these boards
    this.memory.write(v.getUint32(at, true), 4, v.getUint32(at + ENTRY_DATA, true));
  }

  /** After the mask state may have changed (a table write, Message Control): pending vectors now unmasked go out. */
  maskChanged(): void {
    for (let v = 0; v < this.vectors; v++) {
      if (this.pending(v) && !this.masked(v)) {
        this.setPending(v, false);
        this.send(v);
      }
    }
  }

  private readonly handler: IoHandler = {
    read: (offset, size) => {
      if (size !== 4 || offset & 3) return 0;
      if (offset >= this.tableOffset && offset < this.tableOffset + this.table.length) return this.view.getUint32(offset - this.tableOffset, true);
      if (offset >= this.pbaOffset && offset < this.pbaOffset + this.pba.length) {
        return new DataView(this.pba.buffer).getUint32(offset - this.pbaOffset, true);
      }
      return 0;
    },
    write: (offset, size, value) => {
      if (size !== 4 || offset & 3) return;
      if (offset < this.tableOffset || offset >= this.tableOffset + this.table.length) return;
      this.view.setUint32(offset - this.tableOffset, value >>> 0, true);
      this.maskChanged();
    },
  };
}

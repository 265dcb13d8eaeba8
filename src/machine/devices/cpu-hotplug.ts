import { logger } from '../../lib/log.js';
import type { IoHandler } from '../bus/io-handler.js';
import type { CpuSlot } from '../options/smp.js';

const log = logger('cpuhp');

/** Register offsets of QEMU's "modern" CPU hot-plug block (docs/specs/acpi_cpu_hotplug.rst). */
const REG_SELECTOR = 0x0; // write: CPU selector; read: command data 2
const REG_FLAGS = 0x4; // read: status; write: control
const REG_COMMAND = 0x5;
const REG_DATA = 0x8;

const STATUS_ENABLED = 1 << 0;
const FLAG_INSERT = 1 << 1;
const FLAG_REMOVE = 1 << 2;
const FLAG_EJECT = 1 << 3;

const CMD_GET_NEXT_WITH_EVENT = 0;
const CMD_OST_EVENT = 1;
const CMD_OST_STATUS = 2;
const CMD_GET_ARCH_ID = 3;

interface CpuState {
  readonly slot: CpuSlot;
  present: boolean;
  /** The device_add id of a hot-plugged CPU (undefined for boot CPUs and anonymous ones). */
  id: string | undefined;
  /** Added by device_add (its QOM path is under /machine/peripheral*). */
  hotplugged: boolean;
  inserting: boolean;
  removing: boolean;
  ostEvent: number;
  ostStatus: number;
}

/** QEMU 7.2 starts in the legacy interface: a bitmap of present APIC IDs (ACPI_GPE_PROC_LEN bytes). */
export const CPU_HOTPLUG_LEGACY_LEN = 32;

/**
 * The CPU hot-plug register block the DSDT's \_SB.CPUS methods drive (PIIX4 PM 0xAF00, ICH9
 * 0x0CD8): a selector over the possible CPUs, their enabled/insert/remove bits, the command
 * that finds the next CPU with an event, the APIC ID read-back, _OST, and eject. device_add and
 * device_del set the insert/remove events and raise GPE bit 2. Until the guest writes 0 to
 * offset 0 (the PRES device's _INI does), the block is QEMU's legacy one: reads give the
 * bitmap of present APIC IDs and that write switches to the modern interface (cpu_hotplug.c).
 */
export class CpuHotplug {
  readonly #cpus: CpuState[];
  #selector = 0;
  #command = 0;
  #modern = false;
  #changes = 0;
  /** After a plug or an eject: the count of present CPUs (QEMU updates CMOS 5Fh and fw_cfg NB_CPUS). */
  onPresentChange: ((present: number) => void) | undefined;

  constructor(slots: readonly CpuSlot[], presentAtStart: number, private readonly raiseGpe: () => void) {
    this.#cpus = slots.map((slot) => ({ slot, present: slot.index < presentAtStart, id: undefined, hotplugged: false, inserting: false, removing: false, ostEvent: 0, ostStatus: 0 }));
  }

  /** The possible CPUs in index order with their presence now (the MADT's enabled flags). */
  slots(): ReadonlyArray<{ readonly slot: CpuSlot; readonly present: boolean; readonly id: string | undefined; readonly hotplugged: boolean }> {
    return this.#cpus.map((c) => ({ slot: c.slot, present: c.present, id: c.id, hotplugged: c.hotplugged }));
  }

  /** Counts plugs and ejects: the x86 run loop adds or drops cores when it changes. */
  get changes(): number {
    return this.#changes;
  }

  /** True once the guest switched the block to the modern interface (only it can unplug). */
  get modern(): boolean {
    return this.#modern;
  }

  /** device_add of a CPU into a free slot: present, insert event, GPE. */
  plug(index: number, id: string | undefined): void {
    const c = this.#cpus[index]!;
    c.present = true;
    c.id = id;
    c.hotplugged = true;
    c.inserting = true;
    this.#changed();
    log('cpu %d (apic %d) plugged', index, c.slot.apicId);
    this.raiseGpe();
  }

  /** device_del: a remove event the guest answers by ejecting (control bit 3). */
  requestUnplug(index: number): void {
    this.#cpus[index]!.removing = true;
    log('cpu %d unplug requested', index);
    this.raiseGpe();
  }

  /** How many CPUs are present now. */
  get presentCount(): number {
    return this.#cpus.filter((c) => c.present).length;
  }

  #changed(): void {
    this.#changes++;
    this.onPresentChange?.(this.presentCount);
  }

  /** Present CPUs as OSPM last reported them through _OST (event, status), for tools. */
  ost(index: number): { readonly event: number; readonly status: number } {
    const c = this.#cpus[index]!;
    return { event: c.ostEvent, status: c.ostStatus };
  }

  private get selected(): CpuState | undefined {
    return this.#cpus[this.#selector];
  }

  readonly io: IoHandler = {
    read: (offset, size) => {
      if (!this.#modern) return this.legacyRead(offset, size);
      const c = this.selected;
      if (!c) return 0;
      // Command data 2 (offset 0) is the high half of the arch id: always 0 for an APIC ID.
      if (offset === REG_FLAGS) return (c.present ? STATUS_ENABLED : 0) | (c.inserting ? FLAG_INSERT : 0) | (c.removing ? FLAG_REMOVE : 0);
      if (offset === REG_DATA) {
        if (this.#command === CMD_GET_NEXT_WITH_EVENT) return this.#selector;
        if (this.#command === CMD_GET_ARCH_ID) return c.slot.apicId;
      }
      return 0;
    },
    write: (offset, _size, value) => {
      if (!this.#modern) {
        if (offset === 0 && value === 0) {
          this.#modern = true;
          log('switched to the modern CPU hot-plug interface');
        }
        return;
      }
      if (offset === REG_SELECTOR) {
        this.#selector = value >>> 0;
        return;
      }
      const c = this.selected;
      if (!c) return;
      if (offset === REG_FLAGS) {
        if (value & FLAG_INSERT) c.inserting = false;
        if (value & FLAG_REMOVE) c.removing = false;
        if (value & FLAG_EJECT && c.present) {
          c.present = false;
          c.id = undefined;
          c.hotplugged = false;
          this.#changed();
          log('cpu %d ejected', this.#selector);
        }
      } else if (offset === REG_COMMAND) {
        this.#command = value & 0xff;
        if (this.#command === CMD_GET_NEXT_WITH_EVENT) {
          for (let i = this.#selector; i < this.#cpus.length; i++) {
            if (this.#cpus[i]!.inserting || this.#cpus[i]!.removing) {
              this.#selector = i;
              break;
            }
          }
        }
      } else if (offset === REG_DATA) {
        if (this.#command === CMD_OST_EVENT) c.ostEvent = value >>> 0;
        else if (this.#command === CMD_OST_STATUS) c.ostStatus = value >>> 0;
      }
    },
  };

  /** The legacy bitmap: bit (id % 8) of byte (id / 8) set for each present CPU's APIC ID. */
  private legacyRead(offset: number, size: number): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) {
      let byte = 0;
      for (const c of this.#cpus) if (c.present && c.slot.apicId >> 3 === offset + i) byte |= 1 << (c.slot.apicId & 7);
      v = (v << 8) | byte;
    }
    return v >>> 0;
  }
}

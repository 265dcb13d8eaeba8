import type { Platform } from '../wiring/platform.js';
import type { AcpiEventHooks } from '../wiring/device-context.js';
import type { IoHandler } from '../bus/io-handler.js';
import type { PciHost } from './pci-host.js';
import type { PciBus } from './pci-bus.js';
import type { PciFunction } from './pci-function.js';
import {
  ACPI_PCI_HOTPLUG_GPE_BIT, PCI_HP_DOWN, PCI_HP_EJ, PCI_HP_RMV,
  PCI_HP_SEL, PCI_HP_UP,
} from '../../spec/pci.js';
import { logger } from '../../lib/log.js';
import type { JsonValue } from '../snapshot/part-state.js';
import { SnapshotMismatch, arr, num } from '../snapshot/part-state.js';

const log = logger('pci');

/** QEMU's ACPI_PCIHP_MAX_HOTPLUG_BUS. */
const ACPI_PCIHP_MAX_HOTPLUG_BUS = 256;

interface SlotStatus {
  up: number;
  down: number;
}

/** A bus the ACPI hot-plug controller serves, as the DSDT numbers it (BSEL). */
export interface HotplugBus {
  readonly bsel: number;
  readonly bus: PciBus;
  /** Slots that may be hot-added/removed (bit n = slot n). */
  readonly slots: number;
}

/**
 * QEMU's ACPI PCI hot-plug controller (docs/specs/acpi_pci_hotplug.txt): pc at 0xAE00
 * (PIIX4), q35 at 0x0CC0 (ICH9). Each hot-pluggable bus has a BSEL number; the guest
 * selects one, reads UP/DOWN slot bitmaps and ejects by writing EJ. Every host request
 * raises GPE0 bit 1 (the DSDT's \_GPE._E01 scans the slots).
 */
export class AcpiPciHotplug {
  private select = 0;
  private readonly status = new Map<PciBus, SlotStatus>();
  private readonly hotAdded = new WeakSet<PciFunction>();

  constructor(private readonly p: Platform, private readonly acpi: AcpiEventHooks, private readonly host: PciHost) {
    // A reset completes pending removals: the guest will not eject them any more (QEMU 7.2 device_del).
    p.onReset(() => {
      for (const [bus, st] of [...this.status]) if (st.down) this.eject(bus, st.down);
      this.select = 0;
      this.status.clear();
    });
  }

  /**
   * Buses with ACPI hot-plug in BSEL order: depth first from the root, each bus's child buses
   * newest first (QEMU walks its child list, which inserts at the head; the root's children
   * include the expander bridges' root buses). The q35 root complex has none: in the
   * q35-rootports fixture, root port 00:11.0 is BSEL 0 and 00:10.0 BSEL 1.
   */
  buses(): HotplugBus[] {
    const out: HotplugBus[] = [];
    const visit = (bus: PciBus) => {
      if (this.isHotpluggable(bus)) out.push({ bsel: out.length, bus, slots: this.slotMask(bus) });
      const children = bus.bridges().map((b) => b.secondary!);
      if (bus === this.host.root) children.push(...this.host.expanders);
      for (const c of children.sort((a, b) => b.seq - a.seq)) visit(c);
    };
    visit(this.host.root);
    return out;
  }

  /**
   * Slots that may be removed (RMV): all but those holding a function that can't be
   * unplugged: chipset functions, models QEMU marks not hot-pluggable (VGA, virtio-gpu-pci),
   * and bridges present from the start.
   */
  private slotMask(bus: PciBus): number {
    let mask = 0xffffffff;
    for (const f of bus.functions()) {
      if (f.spec.hotpluggable === false || (f.secondary && !this.hotAdded.has(f))) mask &= ~(1 << f.slot);
    }
    return mask >>> 0;
  }

  /** Whether the guest may eject this function's slot (its RMV bit). */
  removable(fn: PciFunction): boolean {
    return fn.bus !== undefined && this.acpiServes(fn.bus) && ((this.slotMask(fn.bus) >>> fn.slot) & 1) === 1;
  }

  private st(bus: PciBus): SlotStatus {
    let s = this.status.get(bus);
    if (!s) this.status.set(bus, s = { up: 0, down: 0 });
    return s;
  }

  /**
   * Whether QEMU gives the bus a hot-plug handler (and so a BSEL). Below an expander bridge ACPI
   * hot-plug does not reach: a bus has one only from its own bridge's slot controller (SHPC, a
   * PCIe port's slot, even with hotplug=off), as captured with pxb-pcie.
   */
  isHotpluggable(bus: PciBus): boolean {
    if (bus.rootBus.expander) return bus.bridge?.spec.nativeHotplug === true;
    return bus.kind !== 'pcie-root' && bus.bridge?.spec.slotHotplug !== false;
  }

  /** Whether the guest's ACPI hot-plug (and so device_add/device_del here) serves the bus. */
  acpiServes(bus: PciBus): boolean {
    return bus.rootBus.expander === undefined && this.isHotpluggable(bus);
  }

  /** The controller's registers and which functions were hot-added (they may be unplugged), by bus name and BDF. */
  saveState(): JsonValue {
    return {
      select: this.select,
      status: [...this.status].map(([bus, s]) => ({ bus: bus.name, up: s.up, down: s.down })),
      hotAdded: this.host.functions().filter((f) => this.hotAdded.has(f)).map((f) => f.location),
    };
  }

  /** After the functions were re-created: the registers and the hot-added marks. */
  loadState(o: Record<string, JsonValue>): void {
    this.select = num(o, 'select');
    this.status.clear();
    for (const s of arr(o, 'status')) {
      if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new SnapshotMismatch('pci hot-plug: bad status');
      const bus = this.host.buses().find((b) => b.name === s.bus);
      if (!bus) throw new SnapshotMismatch(`pci hot-plug: no bus ${String(s.bus)}`);
      this.status.set(bus, { up: num(s, 'up'), down: num(s, 'down') });
    }
    const added = new Set(arr(o, 'hotAdded'));
    for (const f of this.host.functions()) if (added.has(f.location)) this.hotAdded.add(f);
  }

  /** A function was hot-added: flag its slot as "up" and notify the guest. */
  added(fn: PciFunction): void {
    const bus = fn.bus!;
    this.hotAdded.add(fn);
    this.st(bus).up |= 1 << fn.slot;
    this.p.event(`PCI hot-plug: ${fn.label} added`);
    this.acpi.raiseGpe(ACPI_PCI_HOTPLUG_GPE_BIT);
  }

  /** Ask the guest to eject a function's slot (it writes EJ when done). */
  requestRemoval(fn: PciFunction): void {
    this.st(fn.bus!).down |= 1 << fn.slot;
    this.p.event(`PCI hot-unplug requested: ${fn.label}`);
    this.acpi.raiseGpe(ACPI_PCI_HOTPLUG_GPE_BIT);
  }

  /** Pending removal requests (slot bitmap) for a bus. */
  pendingRemoval(bus: PciBus): number {
    return this.status.get(bus)?.down ?? 0;
  }

  /** Eject the slots in `mask` on `bus` (what the guest's EJ write does). */
  eject(bus: PciBus, mask: number): void {
    const allowed = this.slotMask(bus);
    for (let slot = 0; slot < 32; slot++) {
      if (!((mask >>> slot) & 1) || !((allowed >>> slot) & 1)) continue;
      const fns = bus.functions().filter((f) => f.slot === slot);
      for (const f of fns.reverse()) {
        this.p.event(`PCI hot-unplug: ${f.label} ejected`);
        this.host.unplug(f);
      }
      this.st(bus).down &= ~(1 << slot);
    }
    log('eject bus %s slots %s', bus.name, mask.toString(16));
  }

  private selected(): PciBus | undefined {
    return this.buses()[this.select]?.bus;
  }

  private readDword(reg: number): number {
    // Every register reads 0 while the selector is out of range (QEMU keeps 256 bus slots).
    if (this.select >= ACPI_PCIHP_MAX_HOTPLUG_BUS) return 0;
    if (reg === PCI_HP_SEL) return this.select;
    const bus = this.selected();
    // An unused BSEL has nothing pending and every slot "removable", as QEMU's zero-initialised table says.
    if (!bus) return reg === PCI_HP_RMV ? 0xffffffff : 0;
    const s = this.st(bus);
    switch (reg) {
      case PCI_HP_UP: {
        const v = s.up;
        s.up = 0;
        return v >>> 0;
      }
      case PCI_HP_DOWN: return s.down >>> 0;
      case PCI_HP_RMV: return this.slotMask(bus);
      default: return 0;
    }
  }

  private writeDword(reg: number, value: number): void {
    if (reg === PCI_HP_SEL) this.select = value >>> 0;
    else if (reg === PCI_HP_EJ) {
      const bus = this.selected();
      if (bus) this.eject(bus, value >>> 0);
    }
  }

  /** The register block: only aligned 4-byte accesses are valid; others read 0 and are dropped (observed on QEMU 7.2). */
  readonly handler: IoHandler = {
    read: (offset, size) => (size === 4 && (offset & 3) === 0 ? this.readDword(offset) : 0),
    write: (offset, size, value) => {
      if (size === 4 && (offset & 3) === 0) this.writeDword(offset, value);
    },
  };
}

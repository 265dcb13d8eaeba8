import type { PciFunction } from './pci-function.js';
import type { IntxLines } from './intx.js';
import { PCI_SECONDARY_BUS } from '../../spec/pci.js';

/**
 * What sits on a bus decides what may plug into it (QEMU's bus types). 'pcie-root-port' is any
 * single-slot PCIe port (root port or a switch's downstream port); 'pcie-switch' a switch's
 * internal bus; 'pxb' / 'pxb-pcie' the extra root bus of a PCI expander bridge.
 */
export type PciBusKind = 'pci-root' | 'pcie-root' | 'pci-bridge' | 'pcie-root-port' | 'pcie-switch' | 'pxb' | 'pxb-pcie';

/** An expander's root bus: its fixed number and the pxb function on bus 0 that hosts it. */
export interface ExpanderRoot {
  readonly busNr: number;
  readonly host: PciFunction;
  /** `numa_node`, when assigned. */
  readonly numaNode: number | undefined;
  /** `bypass_iommu`: the VIOT leaves this root bus out. */
  readonly bypassIommu: boolean;
}

/**
 * A PCI bus: 256 devfn slots. The root bus is number 0; a bridge's secondary bus has the
 * number the firmware wrote into the bridge's secondary-bus register.
 */
let created = 0;

export class PciBus {
  readonly devices: Array<PciFunction | undefined> = new Array(256).fill(undefined);
  /** Creation order: QEMU lists a bus's children newest first (which decides ACPI BSEL numbers). */
  readonly seq = created++;
  /** A root bus's interrupt lines, when its chipset routes them (PIIX3, ICH9). */
  intx: IntxLines | undefined;

  constructor(readonly name: string, readonly kind: PciBusKind, readonly bridge: PciFunction | undefined,
    readonly expander?: ExpanderRoot) {}

  get isRoot(): boolean {
    return this.bridge === undefined;
  }

  get express(): boolean {
    return this.kind === 'pcie-root' || this.kind === 'pcie-root-port' || this.kind === 'pcie-switch' || this.kind === 'pxb-pcie';
  }

  get number(): number {
    if (this.expander) return this.expander.busNr;
    return this.bridge ? this.bridge.config.bytes[PCI_SECONDARY_BUS]! : 0;
  }

  /** The root bus above this one (itself for a root bus). */
  get rootBus(): PciBus {
    let bus: PciBus = this;
    while (bus.bridge?.bus) bus = bus.bridge.bus;
    return bus;
  }

  /**
   * The function a config cycle reaches: fn > 0 is hidden while fn 0 is absent, and behind a
   * PCIe root port only device 0 answers (QEMU 7.2 accepts other slots there, but they read all-ones).
   */
  find(devfn: number): PciFunction | undefined {
    if (this.kind === 'pcie-root-port' && devfn >> 3 !== 0) return undefined;
    const f = this.devices[devfn];
    if (!f) return undefined;
    if ((devfn & 7) !== 0 && !this.devices[devfn & ~7]) return undefined;
    return f;
  }

  functions(): PciFunction[] {
    return this.devices.filter((d): d is PciFunction => d !== undefined);
  }

  /** Bridges on this bus, in devfn order. */
  bridges(): PciFunction[] {
    return this.functions().filter((f) => f.secondary !== undefined);
  }
}

/** Every function below `bus`, depth first (bus order, then each bridge's subtree after it). */
export function walkFunctions(bus: PciBus, out: PciFunction[] = []): PciFunction[] {
  for (const f of bus.functions()) {
    out.push(f);
    if (f.secondary) walkFunctions(f.secondary, out);
  }
  return out;
}

/** Every bus below (and including) `bus`, depth first. */
export function walkBuses(bus: PciBus, out: PciBus[] = []): PciBus[] {
  out.push(bus);
  for (const b of bus.bridges()) walkBuses(b.secondary!, out);
  return out;
}

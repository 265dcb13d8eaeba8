import type { ConfigSpace } from './config-space.js';
import { PCI_CAP_ID_MSI, PCI_CAP_ID_MSIX, PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE, PCI_MSI_FLAGS_64BIT, PCI_MSI_FLAGS_MASKBIT } from '../../spec/pci.js';

/** MSI-X Message Control bit 15: enable (PCI 3.0 §6.8.2.3). */
const MSIX_FLAGS_ENABLE = 0x8000;
const MSIX_CAP_SIZE = 12;

/** MSI capability length by its flags (10, 14, 20 or 24 bytes). */
function msiCapSize(flags: number): number {
  return (flags & PCI_MSI_FLAGS_64BIT ? 14 : 10) + (flags & PCI_MSI_FLAGS_MASKBIT ? 10 : 0);
}

/** Did a config write of [offset, offset+length) touch an MSI or MSI-X capability that is now enabled? */
export function messageSignalledEnabledBy(cfg: ConfigSpace, offset: number, length: number): boolean {
  for (const [id, at] of cfg.capabilities()) {
    const flags = cfg.get(at + PCI_MSI_FLAGS, 2);
    const size = id === PCI_CAP_ID_MSI ? msiCapSize(flags) : id === PCI_CAP_ID_MSIX ? MSIX_CAP_SIZE : 0;
    if (size === 0 || offset >= at + size || at >= offset + length) continue;
    if (id === PCI_CAP_ID_MSI ? flags & PCI_MSI_FLAGS_ENABLE : flags & MSIX_FLAGS_ENABLE) return true;
  }
  return false;
}

/** INTA#..INTD#. */
export const PCI_NUM_PINS = 4;

/**
 * What a host bridge's chipset does with its root bus's interrupt lines (QEMU's pci_bus_irqs):
 * `map` picks the line (PIRQ) a root-bus function's INTx drives, `setLevel` is called when the
 * OR of everything driving a line changes.
 */
export interface IntxRouter {
  readonly lines: number;
  map(slot: number, intx: number): number;
  setLevel(line: number, level: boolean): void;
}

/** PCI-to-PCI Bridge 1.2 §9.1: a secondary-bus device's INTx reaches the bridge's pin (slot + pin) mod 4. */
export function swizzle(slot: number, intx: number): number {
  return (((slot + intx) % PCI_NUM_PINS) + PCI_NUM_PINS) % PCI_NUM_PINS;
}

/**
 * The shared lines of one root bus: how many INTx inputs assert each (QEMU's irq_count), so
 * shared lines are the OR of their sources.
 */
export class IntxLines {
  readonly #count: number[];

  constructor(readonly router: IntxRouter) {
    this.#count = new Array<number>(router.lines).fill(0);
  }

  level(line: number): boolean {
    return (this.#count[line] ?? 0) > 0;
  }

  /** Every line back to no source (a snapshot load recounts from the functions' Status bits). */
  clear(): void {
    this.#count.forEach((n, line) => {
      this.#count[line] = 0;
      if (n > 0) this.router.setLevel(line, false);
    });
  }

  change(line: number, delta: number): void {
    if (line < 0 || line >= this.#count.length) return;
    const was = this.#count[line]! > 0;
    this.#count[line] = Math.max(0, this.#count[line]! + delta);
    const now = this.#count[line]! > 0;
    if (was !== now) this.router.setLevel(line, now);
  }
}

/** What the walk up the tree needs of a function (a PciFunction) and of its bus (a PciBus). */
export interface IntxSource {
  readonly slot: number;
  readonly bus: IntxBus | undefined;
}
export interface IntxBus {
  readonly bridge: IntxSource | undefined;
  readonly expander?: { readonly host: IntxSource } | undefined;
  readonly intx: IntxLines | undefined;
}

/**
 * QEMU's pci_change_irq_level: from the function up through each bus's map (a bridge's swizzle,
 * an expander's rule) to the root bus, whose chipset router takes the counted line.
 */
export function changeIntxLevel(fn: IntxSource, intx: number, delta: number): void {
  let dev: IntxSource | undefined = fn;
  let irq = intx;
  for (let depth = 0; dev?.bus && depth < 256; depth++) {
    const bus: IntxBus = dev.bus;
    if (bus.bridge) {
      irq = swizzle(dev.slot, irq);
      dev = bus.bridge;
    } else if (bus.expander) {
      // QEMU's pxb_map_irq_fn: firmware does not count the expander's slot on bus 0, so it is taken off here.
      irq = swizzle(dev.slot, irq - bus.expander.host.slot);
      dev = bus.expander.host;
    } else {
      bus.intx?.change(bus.intx.router.map(dev.slot, irq), delta);
      return;
    }
  }
}

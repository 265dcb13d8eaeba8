import type { AccessSize, IoHandler } from '../bus/io-handler.js';
import { allOnes } from '../bus/io-handler.js';
import type { PciBus } from './pci-bus.js';
import type { PciFunction } from './pci-function.js';
import { bridgeRoutesBus } from './bridge-windows.js';
import { PCI_BRIDGE_CONTROL, PCI_PRIMARY_BUS, PCI_SUBORDINATE_BUS, PCI_CONFIG_ENABLE, PCIE_CONFIG_SPACE_SIZE, PCIE_MMCFG_BUS_SHIFT, PCIE_MMCFG_DEVFN_SHIFT } from '../../spec/pci.js';

/**
 * Routes config cycles by bus number as QEMU's pci_find_bus_nr does: from the root bus, each
 * child bus newest first (bridges' secondary buses and, under bus 0, the expander root buses)
 * is taken when its number matches or when its range holds the number (a bridge's
 * secondary..subordinate; an expander's when any bridge on it routes the number).
 */
export class ConfigRouter {
  /** Bus number → bus, valid until a bridge's registers or the topology change. */
  private readonly busCache = new Map<number, PciBus | undefined>();

  constructor(
    private readonly root: () => PciBus,
    private readonly changed: (fn: PciFunction) => void,
    /** Sees every write that reaches a function (the `pci_cfg_write` trace). */
    private readonly traceWrite?: (fn: PciFunction, bus: number, devfn: number, reg: number, size: AccessSize, value: number) => void,
    /** The expander (pxb) root buses, children of the root bus. */
    private readonly expanders: () => readonly PciBus[] = () => [],
  ) {}

  /** A function was plugged or unplugged, or bridges were reset: bus numbers may route differently. */
  topologyChanged(): void {
    this.busCache.clear();
  }

  findBus(n: number): PciBus | undefined {
    if (this.busCache.has(n)) return this.busCache.get(n);
    const bus = this.walkToBus(n);
    this.busCache.set(n, bus);
    return bus;
  }

  private children(bus: PciBus): PciBus[] {
    const sec = bus.bridges().map((b) => b.secondary!);
    return (bus === this.root() ? [...sec, ...this.expanders()] : sec).sort((a, b) => b.seq - a.seq);
  }

  /** The walk from another bus (QEMU's query-pci looks for a bridge's secondary bus from the bridge's own bus). */
  findBusFrom(start: PciBus, n: number): PciBus | undefined {
    return start === this.root() ? this.findBus(n) : this.walkToBus(n, start);
  }

  private walkToBus(n: number, from: PciBus = this.root()): PciBus | undefined {
    let bus: PciBus | undefined = from;
    if (bus.number === n) return bus;
    if (bus.bridge && !bridgeRoutesBus(bus.bridge, n)) return undefined;
    while (bus) {
      let next: PciBus | undefined;
      for (const sec of this.children(bus)) {
        if (sec.number === n) return sec;
        const inRange = sec.expander ? sec.bridges().some((b) => bridgeRoutesBus(b, n)) : bridgeRoutesBus(sec.bridge!, n);
        if (inRange) {
          next = sec;
          break;
        }
      }
      bus = next;
    }
    return undefined;
  }

  find(bus: number, devfn: number): PciFunction | undefined {
    return this.findBus(bus)?.find(devfn);
  }

  read(bus: number, devfn: number, reg: number, size: AccessSize): number {
    const f = this.find(bus, devfn);
    return f?.hasPower ? f.readConfig(reg, size) : allOnes(size);
  }

  write(bus: number, devfn: number, reg: number, size: AccessSize, value: number): void {
    const f = this.find(bus, devfn);
    if (!f?.hasPower) return;
    this.traceWrite?.(f, bus, devfn, reg, size, value);
    const moved = f.writeConfig(reg, size, value);
    // Bus numbers and bridge control (secondary bus reset) decide where config cycles go
    // (bridgeRoutesBus); a bridge's other registers (windows, command) do not.
    if (f.secondary && touchesRouting(reg, size)) this.busCache.clear();
    if (moved) this.changed(f);
  }
}

/** Whether a write of `size` bytes at `reg` reaches the bus numbers (0x18-0x1a) or Bridge Control (0x3e-0x3f). */
function touchesRouting(reg: number, size: number): boolean {
  const end = reg + size;
  return (reg < PCI_SUBORDINATE_BUS + 1 && end > PCI_PRIMARY_BUS) || (reg < PCI_BRIDGE_CONTROL + 2 && end > PCI_BRIDGE_CONTROL);
}

/**
 * Configuration mechanism #1: 0xCF8 latches a 32-bit address (only 4-byte writes at
 * offset 0 count), 0xCFC–0xCFF read/write the addressed dword's bytes.
 */
export class Mechanism1 {
  configReg = 0;

  constructor(private readonly router: ConfigRouter) {}

  readonly address: IoHandler = {
    read: (_offset, size) => (this.configReg & allOnes(size)) >>> 0,
    write: (offset, size, value) => {
      if (offset === 0 && size === 4) this.configReg = value >>> 0;
    },
  };

  readonly data: IoHandler = {
    read: (offset, size) => {
      if (!(this.configReg & PCI_CONFIG_ENABLE)) return allOnes(size);
      const a = this.configReg | offset;
      return this.router.read((a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff, size);
    },
    write: (offset, size, value) => {
      if (!(this.configReg & PCI_CONFIG_ENABLE)) return;
      const a = this.configReg | offset;
      this.router.write((a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff, size, value);
    },
  };

  reset(): void {
    this.configReg = 0;
  }
}

/** PCI Express enhanced configuration access (ECAM/MMCONFIG): 4 KiB per function. */
export function ecamHandler(router: ConfigRouter): IoHandler {
  const split = (offset: number) => ({
    bus: (offset >>> PCIE_MMCFG_BUS_SHIFT) & 0xff,
    devfn: (offset >>> PCIE_MMCFG_DEVFN_SHIFT) & 0xff,
    reg: offset & (PCIE_CONFIG_SPACE_SIZE - 1),
  });
  return {
    read: (offset, size) => {
      const { bus, devfn, reg } = split(offset);
      if (reg + size > PCIE_CONFIG_SPACE_SIZE) return allOnes(size);
      return router.read(bus, devfn, reg, size);
    },
    write: (offset, size, value) => {
      const { bus, devfn, reg } = split(offset);
      if (reg + size <= PCIE_CONFIG_SPACE_SIZE) router.write(bus, devfn, reg, size, value);
    },
  };
}

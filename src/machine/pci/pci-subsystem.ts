import type { Platform } from '../wiring/platform.js';
import type { AcpiEventHooks, ChipsetContext } from '../wiring/device-context.js';
import type { DeviceDriver, DeviceInstance, PciDevFn } from '../options/device-driver.js';
import type { AccessSize } from '../bus/io-handler.js';
import { PciHost } from './pci-host.js';
import type { PciExBar } from './pci-host.js';
import type { PciFunction } from './pci-function.js';
import { PCI_BAR_UNMAPPED } from './pci-function.js';
import { attachPcChipset } from './chipset-pc.js';
import { attachQ35Chipset } from './chipset-q35.js';
import { AcpiPciHotplug } from './hotplug.js';
import { PcieSlotHotplug } from './pcie-slot.js';
import { Shpc, shpcOf } from './shpc.js';
import type { PciBus } from './pci-bus.js';
import { bridgeWindow } from './bridge-windows.js';
import { queryPci } from './query-pci.js';
import type { PciInfo } from './query-pci.js';
import { describeOverlap } from './bar-mapper.js';
import type { PciOverlap } from './bar-mapper.js';
import { DEFAULT_NIC_MAC, e1000eModel, e1000Model, stdVgaFor } from './models.js';
import { parseMachineArgs } from '../options/command-line.js';
import {
  FDC_IRQ, LPT1_IRQ, PC_PCI_HOTPLUG_BASE, PC_PCI_HOTPLUG_LEN, PORT_FDC, PORT_IDE_PRIMARY, PORT_LPT1, Q35_PCI_HOTPLUG_BASE, Q35_PCI_HOTPLUG_LEN,
} from '../boards/layout.js';
import { PCI_CLASS_DEVICE, PCI_DEVICE_ID, PCI_VENDOR_ID } from '../../spec/pci.js';
import { UsageError } from '../../lib/errors.js';
import { PciState } from './pci-state.js';
import { hex } from '../../lib/hex.js';

/** A BAR as ACPI and reports see it. `address` is -1 while it does not decode. */
export interface PciBarSummary {
  readonly bar: number;
  readonly type: 'io' | 'memory';
  readonly address: number;
  readonly size: number;
  readonly prefetch: boolean;
  readonly is64: boolean;
}

/** A bridge's bus numbers and windows ([base, limit]; empty when limit < base). */
export interface PciBridgeSummary {
  readonly primary: number;
  readonly secondary: number;
  readonly subordinate: number;
  readonly io: { readonly base: number; readonly limit: number };
  readonly memory: { readonly base: number; readonly limit: number };
  readonly prefetchable: { readonly base: number; readonly limit: number };
}

/** One PCI function, for ACPI (_ADR, _CRS, slots) and reports. */
export interface PciDeviceSummary {
  readonly bdf: string;
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
  readonly name: string;
  readonly id: string | undefined;
  readonly vendor: number;
  readonly device: number;
  /** Base class and subclass, e.g. 0x0200. */
  readonly classCode: number;
  readonly bars: readonly PciBarSummary[];
  readonly bridge: PciBridgeSummary | undefined;
  readonly hotpluggable: boolean;
}

/** A bus served by the ACPI PCI hot-plug controller: its BSEL and hot-pluggable slots. */
export interface PciHotplugBusSummary {
  readonly bsel: number;
  readonly busName: string;
  readonly busNumber: number;
  /** The bridge leading to the bus ("00:02.0"), absent for the root bus. */
  readonly bridgeBdf: string | undefined;
  /** Bit n set: slot n may be hot-plugged/unplugged. */
  readonly slots: number;
}

/** What the PCI subsystem is wired to besides the platform (given by the DeviceManager). */
export interface PciSubsystemHooks {
  readonly acpi: AcpiEventHooks;
  readonly chipset: ChipsetContext;
  /** The PM block's base as the chipset last mapped it. */
  pmBase(): number | undefined;
  /** The -device catalog (device_add parses against it). */
  readonly drivers: ReadonlyMap<string, DeviceDriver>;
  /** Create one parsed -device instance with its driver's context (device_add). */
  createDevice(device: DeviceInstance, pci: PciSubsystem): void;
}

/**
 * The machine's PCI subsystem: host bridge, chipset functions, `-device` functions,
 * BAR mapping with overlap detection, ACPI hot-plug and `query-pci`. The machine's `pci` field.
 */
export class PciSubsystem {
  readonly host: PciHost;
  readonly hotplugController: AcpiPciHotplug;
  /** The PCIe ports' own slots, where ACPI hot-plug does not reach (below expanders). */
  readonly nativeSlots: PcieSlotHotplug;
  /** pcie-root-port chassis/slot pairs in use ("chassis/slot"): each must be unique. */
  readonly usedChassisSlots = new Set<string>();
  /** device_add specs in order with the function each plugged (a snapshot replays those still present). */
  readonly hotplugged: Array<{ readonly args: string; readonly fn: PciFunction }> = [];

  constructor(private readonly p: Platform, private readonly hooks: PciSubsystemHooks) {
    this.host = new PciHost(p);
    this.hotplugController = new AcpiPciHotplug(p, hooks.acpi, this.host);
    this.nativeSlots = new PcieSlotHotplug(p, this.host, (bus) => this.hotplugController.acpiServes(bus));
  }

  /** A config read as the CPU would do it, without the I/O ports (all-ones where nothing answers). */
  configRead(bus: number, devfn: number, reg: number, size: AccessSize): number {
    return this.host.router.read(bus, devfn, reg, size);
  }

  configWrite(bus: number, devfn: number, reg: number, size: AccessSize, value: number): void {
    this.host.router.write(bus, devfn, reg, size, value);
  }

  /** Every function, depth first (bus 0 in devfn order, each bridge's subtree after it). */
  devices(): PciDeviceSummary[] {
    return this.host.functions().map(summarize);
  }

  /** q35's MMCONFIG (PCIEXBAR) state; undefined on pc. */
  pciexbar(): PciExBar | undefined {
    return this.host.pciexbar;
  }

  /** Where the firmware put the chipset's PM block (PIIX4 0x40 / ICH9 PMBASE), if enabled. */
  pmBase(): number | undefined {
    return this.hooks.pmBase();
  }

  hotplugBuses(): PciHotplugBusSummary[] {
    return this.hotplugController.buses().map((h) => ({
      bsel: h.bsel, busName: h.bus.name, busNumber: h.bus.number, bridgeBdf: h.bus.bridge?.bdf, slots: h.slots,
    }));
  }

  /** Current overlaps (BAR vs BAR, BAR vs RAM or another region). */
  overlaps(): readonly PciOverlap[] {
    return this.host.mapper.overlaps();
  }

  /** Called with the new list whenever an overlap appears or clears (monitor BAR_OVERLAP events). */
  onOverlapChange(listener: (overlaps: readonly PciOverlap[]) => void): void {
    this.host.mapper.onOverlapChange(listener);
  }

  /** Map/unmap and overlap events (the most recent 500) as `DEBUG=fwlab:pci` shows them. */
  events(): readonly string[] {
    return this.host.mapper.events;
  }

  /** QMP `query-pci`. */
  queryPci(): PciInfo[] {
    return queryPci(this.host.root, this.host.router, this.host.expanders);
  }

  /**
   * Hot-add a device at run time: `driverArgs` is a -device value ("e1000,bus=br1,addr=5,id=n1").
   * Raises GPE0 bit 1 so the guest's ACPI scans the slot, or the PCIe port's slot event below an expander.
   */
  hotplug(driverArgs: string): PciDeviceSummary {
    const first = this.plugSpec(driverArgs);
    const shpc = this.shpcServing(first.bus!);
    if (this.nativeSlots.serves(first.bus!)) this.nativeSlots.plugged(first);
    else if (shpc) shpc.plugged(first);
    else this.hotplugController.added(first);
    this.hotplugged.push({ args: driverArgs, fn: first });
    return summarize(first);
  }

  /** Parse and create a device_add spec; returns its first function (no hot-plug notification). */
  plugSpec(driverArgs: string): PciFunction {
    const { config, devices } = this.p;
    const objects = config.memoryBackends.flatMap((b) => ['-object', `memory-backend-ram,id=${b.id},size=${b.size}`]);
    const inst = parseMachineArgs([...objects, '-device', driverArgs], this.hooks.drivers).devices[0]!;
    const driver = this.hooks.drivers.get(inst.driver)!;
    if (driver.bus !== 'pci') throw new UsageError(`device_add ${inst.driver}: not a PCI device`);
    if (inst.id && devices.some((d) => d.id === inst.id)) throw new UsageError(`Duplicate device ID '${inst.id}'`);
    if (driver.singleton && this.host.functions().some((f) => f.name === inst.driver)) {
      throw new UsageError(`device_add ${inst.driver}: at most one ${inst.driver} device is supported`);
    }
    const busName = inst.props.get('bus');
    const bus = typeof busName === 'string' ? this.host.busByName(busName) : this.host.defaultBus();
    if (!bus) throw new UsageError(`Bus '${String(busName)}' not found`);
    const native = this.nativeSlots.serves(bus);
    const shpc = this.shpcServing(bus);
    if (bus.rootBus.expander && !native && !shpc) throw new UsageError(`Bus '${bus.name}' is below an expander bridge: its hot-plug would be its bridge's own, which it has none of`);
    if (!this.hotplugController.isHotpluggable(bus)) throw new UsageError(`Bus '${bus.name}' does not support hotplugging`);
    if (native) this.nativeSlots.prePlug(bus);
    if (shpc) {
      const addr = inst.props.get('addr') as PciDevFn | undefined;
      Shpc.checkSlot(addr ? addr.slot : Math.max(0, bus.devices.findIndex((d, i) => i % 8 === 0 && d === undefined)) >> 3);
    }
    const before = new Set(this.host.functions());
    this.host.hotplugging = true;
    try {
      this.hooks.createDevice(inst, this);
    } finally {
      this.host.hotplugging = false;
    }
    const added = this.host.functions().filter((f) => !before.has(f));
    const first = added[0];
    if (!first) throw new Error(`device_add ${inst.driver}: the driver plugged nothing`);
    return first;
  }

  /** Ask the guest to release a device (by id); it is removed when the guest ejects its slot (or powers it off). */
  unplug(id: string): void {
    const fn = this.host.findById(id);
    if (!fn) throw new UsageError(`Device '${id}' not found`);
    if (fn.bus && this.nativeSlots.serves(fn.bus)) return this.nativeSlots.requestRemoval(fn);
    const shpc = fn.bus && this.shpcServing(fn.bus);
    if (shpc) return shpc.requestRemoval(fn);
    if (!this.hotplugController.removable(fn)) {
      throw new UsageError(`Device '${id}' (${fn.name}) does not support hot-unplug on bus '${fn.bus?.name ?? '?'}'`);
    }
    this.hotplugController.requestRemoval(fn);
  }

  /** The SHPC of the bridge above `bus` when it handles the bus's hot-plug (ACPI does not serve it). */
  private shpcServing(bus: PciBus): Shpc | undefined {
    return bus.bridge && !this.hotplugController.acpiServes(bus) ? shpcOf(bus.bridge) : undefined;
  }

  /** The boot report's PCI section: a table, overlaps, PCIEXBAR, hot-plug buses, recent events. */
  report(): unknown {
    const table = this.host.functions().map((f) => {
      const s = summarize(f);
      const bars = s.bars.map((b) => `BAR${b.bar} ${b.type === 'io' ? 'io' : `${b.is64 ? 'mem64' : 'mem32'}${b.prefetch ? ' pref' : ''}`} `
        + `${b.address === PCI_BAR_UNMAPPED ? 'unmapped' : hex(b.address)}+${hex(b.size)}`);
      const br = s.bridge ? [`bus ${s.bridge.primary}->${s.bridge.secondary}..${s.bridge.subordinate}`,
        `io ${hex(s.bridge.io.base)}-${hex(s.bridge.io.limit)}`, `mem ${hex(s.bridge.memory.base)}-${hex(s.bridge.memory.limit)}`,
        `pref ${hex(s.bridge.prefetchable.base)}-${hex(s.bridge.prefetchable.limit)}`] : [];
      return [`${s.bdf} ${s.vendor.toString(16).padStart(4, '0')}:${s.device.toString(16).padStart(4, '0')}`,
        `class ${s.classCode.toString(16).padStart(4, '0')} ${s.name}${s.id ? ` (${s.id})` : ''}`, ...br, ...bars].join('  ');
    });
    const x = this.pciexbar();
    return {
      table,
      overlaps: this.overlaps().map((o) => ({ ...o, text: describeOverlap(o), start: hex(o.start), end: hex(o.end - 1) })),
      pciexbar: x ? { enabled: x.enabled, base: hex(x.base), size: hex(x.size) } : null,
      hotplug: this.hotplugBuses().map((h) => ({ ...h, slots: hex(h.slots, 8) })),
      mappingEvents: this.host.mapper.eventCount,
      recentEvents: this.events().slice(-50),
    };
  }
}

function summarize(f: PciFunction): PciDeviceSummary {
  const c = f.config;
  const win = (k: 'io' | 'mem' | 'pref') => bridgeWindow(f, k);
  return {
    bdf: f.bdf, bus: f.busNumber, slot: f.slot, function: f.fn, name: f.name, id: f.qdevId,
    vendor: c.get(PCI_VENDOR_ID, 2), device: c.get(PCI_DEVICE_ID, 2), classCode: c.get(PCI_CLASS_DEVICE, 2),
    bars: f.presentRegions.map((r) => ({
      bar: r.index, type: r.kind === 'io' ? 'io' as const : 'memory' as const, address: r.addr, size: r.size, prefetch: r.prefetch, is64: r.is64,
    })),
    bridge: f.isBridge ? {
      primary: c.get(0x18, 1), secondary: c.get(0x19, 1), subordinate: c.get(0x1a, 1),
      io: win('io'), memory: win('mem'), prefetchable: win('pref'),
    } : undefined,
    hotpluggable: f.spec.hotpluggable !== false,
  };
}

/** QEMU's -device drivers whose presence suppresses the default VGA. */
const VGA_DRIVERS = new Set(['VGA', 'virtio-vga', 'cirrus-vga', 'qxl-vga', 'vmware-svga', 'bochs-display', 'ramfb']);

/** Host bridge, the board's chipset functions, hot-plug registers, QEMU's default devices. */
export function createPciSubsystem(p: Platform, hooks: PciSubsystemHooks): PciSubsystem {
  const pci = new PciSubsystem(p, hooks);
  const host = pci.host;
  const q35 = p.board.name === 'q35';
  host.batch(() => {
    if (q35) attachQ35Chipset(p, hooks.chipset, host);
    else attachPcChipset(p, hooks.chipset, host);
    for (const usb of p.config.usbControllers) hooks.createDevice(usb, pci);
    p.ports.register('acpi-pci-hotplug', q35 ? Q35_PCI_HOTPLUG_BASE : PC_PCI_HOTPLUG_BASE,
      q35 ? Q35_PCI_HOTPLUG_LEN : PC_PCI_HOTPLUG_LEN, pci.hotplugController.handler);
    // QEMU 7.2 creates the -vga display (default std unless -nodefaults or a display -device) before the NIC.
    const vga = p.config.vga;
    if (vga) hooks.createDevice(vga, pci);
    else if (vga === undefined && !p.config.nodefaults && !p.config.devices.some((d) => VGA_DRIVERS.has(d.driver))) host.plug(stdVgaFor(p, 16, true).spec);
    for (const nic of p.config.nics) hooks.createDevice(nic, pci);
    if (!p.config.nodefaults) {
      if (p.config.defaultNic) host.plug(q35 ? e1000eModel(DEFAULT_NIC_MAC) : e1000Model());
      p.addDevice({ name: 'isa-parallel', bus: 'isa', where: `ports ${hex(PORT_LPT1)}-${hex(PORT_LPT1 + 7)}, IRQ ${LPT1_IRQ} (not emulated)` });
      if (!q35) p.addDevice({ name: 'isa-fdc', bus: 'isa', where: `ports ${hex(PORT_FDC)}-${hex(PORT_FDC + 5)}, IRQ ${FDC_IRQ} (not emulated)` });
      p.addDevice({
        name: 'ide-cd', bus: 'isa',
        where: q35 ? 'AHCI port 2 (not emulated)' : `IDE secondary master, ports ${hex(PORT_IDE_PRIMARY - 0x80)} (not emulated)`,
      });
    }
  });
  p.addReportSection('pci', () => pci.report());
  p.addState('pci', new PciState(pci));
  return pci;
}

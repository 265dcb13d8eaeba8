import { PCI_CLASS_DISPLAY_VGA } from '../../spec/pci.js';
import { mapVgaLowmem } from '../devices/vga-lowmem.js';
import type { Platform } from '../wiring/platform.js';
import type { Mapping } from '../bus/physical-memory.js';
import { MmioWindow } from '../bus/memory-target.js';
import type { PciDevFn } from '../options/device-driver.js';
import { PciBus } from './pci-bus.js';
import type { ExpanderRoot, PciBusKind } from './pci-bus.js';
import { walkBuses, walkFunctions } from './pci-bus.js';
import { PciFunction } from './pci-function.js';
import type { PciFunctionSpec } from './pci-function.js';
import { ConfigRouter, Mechanism1, ecamHandler } from './config-access.js';
import { BarMapper } from './bar-mapper.js';
import { setRootPortPopulated } from './capabilities.js';
import { DEFAULT_ROM_FILES, loadOptionRom } from '../roms/option-rom.js';
import { PCI_CONFIG_ADDRESS_PORT, PCI_CONFIG_DATA_PORT } from '../../spec/pci.js';
import { UsageError } from '../../lib/errors.js';
import { logger } from '../../lib/log.js';
import { hex } from '../../lib/hex.js';

const log = logger('pci');
const hx2 = (v: number): string => v.toString(16).padStart(2, '0');

/** Where a new function goes: a bus by name (pci.0, pcie.0 or a bridge's id) and slot.fn. */
export interface Placement {
  readonly bus?: string | undefined;
  readonly addr?: PciDevFn | undefined;
  readonly id?: string | undefined;
  readonly multifunction?: boolean;
  readonly rom?: boolean;
  /** `romfile=` as the user gave it (undefined: the model's default ROM, src/machine/roms/option-rom.ts). */
  readonly romfile?: string | undefined;
  /** `rombar=0`: no ROM BAR, the ROM file goes to fw_cfg instead (romWithoutBar). */
  readonly romBarOff?: boolean;
  /** A bus given directly (an expander's internal bridge), instead of by name. */
  readonly target?: PciBus;
}

/** A device model: its spec may depend on the bus it lands on (virtio turns PCIe behind a port). */
export type PciModel = PciFunctionSpec | ((bus: PciBus) => PciFunctionSpec);

/** The q35 MMCONFIG window as the MCH's PCIEXBAR selects it. */
export interface PciExBar {
  readonly enabled: boolean;
  readonly base: number;
  readonly size: number;
}

/**
 * The PCI host: root bus, config mechanism #1 on 0xCF8/0xCFC, optional ECAM, the BAR
 * mapper, and plugging/unplugging of functions. Board chipsets and `-device` drivers
 * build on it.
 */
export class PciHost {
  readonly root: PciBus;
  readonly router: ConfigRouter;
  readonly mech1: Mechanism1;
  readonly mapper: BarMapper;
  private ecam: Mapping | undefined;
  private ecamState: PciExBar | undefined;
  private batching = false;
  /** Bridges' secondary buses by the bridge's id (what `bus=` names). */
  private readonly busesById = new Map<string, PciBus>();
  /** The expander (pxb / pxb-pcie) root buses, in creation order. */
  readonly expanders: PciBus[] = [];
  /** Where a `rombar=0` function's ROM file goes (the device manager serves it through fw_cfg). */
  romWithoutBar: ((spec: PciFunctionSpec, file: string) => void) | undefined;
  /** Whether a port's own slot controller handles hot-plug on the bus (src/machine/pci/pcie-slot.ts). */
  nativeSlot: ((bus: PciBus) => boolean) | undefined;
  /** Set while device_add plugs: a natively served slot then updates its registers itself. */
  hotplugging = false;
  /** qdev ids of the functions unplugged so far, in order (the monitor's DEVICE_DELETED). */
  readonly unpluggedIds: string[] = [];

  constructor(private readonly p: Platform) {
    const q35 = p.board.name === 'q35';
    this.root = new PciBus(q35 ? 'pcie.0' : 'pci.0', q35 ? 'pcie-root' : 'pci-root', undefined);
    this.mapper = new BarMapper(p, () => this.functions());
    const trace = p.trace.wants('pci') ? p.trace : undefined;
    // QEMU's trace-event format: pci_cfg_write "%s %02x:%02x.%x @0x%x <- 0x%x".
    this.router = new ConfigRouter(() => this.root, (fn) => {
      if (!this.batching) this.mapper.updateFunction(fn);
    }, trace && ((f, bus, devfn, reg, size, value) => {
      const v = size === 4 ? value >>> 0 : value & ((1 << (8 * size)) - 1);
      trace.emit('pci', `pci_cfg_write ${f.name} ${hx2(bus)}:${hx2(devfn >> 3)}.${devfn & 7} @0x${reg.toString(16)} <- 0x${v.toString(16)}`);
    }), () => this.expanders);
    this.mech1 = new Mechanism1(this.router);
    const ports = p.ports;
    ports.register('pci-conf-addr', PCI_CONFIG_ADDRESS_PORT, 4, this.mech1.address, true);
    // 0xCF9 (reset control) overlays the address register's second byte, as in QEMU.
    const rcr = ports.list().find((r) => r.base === PCI_CONFIG_ADDRESS_PORT + 1);
    if (rcr) {
      ports.unregister(rcr);
      ports.register(rcr.name, rcr.base, rcr.length, rcr.handler, rcr.mayOverlap);
    }
    ports.register('pci-conf-data', PCI_CONFIG_DATA_PORT, 4, this.mech1.data);
    p.onReset(() => this.reset());
  }

  /** Every plugged function, depth first: the root bus's tree, then each expander's. */
  functions(): PciFunction[] {
    const out = walkFunctions(this.root);
    for (const e of this.expanders) walkFunctions(e, out);
    return out;
  }

  buses(): PciBus[] {
    const out = walkBuses(this.root);
    for (const e of this.expanders) walkBuses(e, out);
    return out;
  }

  /** A bus by the name `bus=` uses: the root's (pci.0 / pcie.0), a bridge's id, a pxb-pcie's id or pxb-internal. */
  busByName(name: string): PciBus | undefined {
    if (name === this.root.name) return this.root;
    return this.busesById.get(name) ?? [...this.expanders].reverse().find((e) => e.name === name);
  }

  /**
   * The bus a device without `bus=` lands on: QEMU searches from the newest system-bus device,
   * so after a pxb it is the newest expander's root bus (where only bridges may go).
   */
  defaultBus(): PciBus {
    return this.expanders[this.expanders.length - 1] ?? this.root;
  }

  /** Add an expander's root bus (its number, the pxb function on bus 0 hosting it, its NUMA node). */
  addExpander(name: string, kind: 'pxb' | 'pxb-pcie', root: ExpanderRoot, id: string | undefined): PciBus {
    const bus = new PciBus(name, kind, undefined, root);
    this.expanders.push(bus);
    if (id !== undefined && kind === 'pxb-pcie' && !this.busesById.has(id)) this.busesById.set(id, bus);
    this.router.topologyChanged();
    return bus;
  }

  findById(id: string): PciFunction | undefined {
    return this.functions().find((f) => f.qdevId === id);
  }

  /** Re-decode BARs and windows (after any config write that may change them). */
  update(): void {
    if (!this.batching) this.mapper.update();
  }

  /** Run `fn` with mapping updates deferred to the end. */
  batch(fn: () => void): void {
    const was = this.batching;
    this.batching = true;
    try {
      fn();
    } finally {
      this.batching = was;
      if (!was) this.mapper.update();
    }
  }

  /** Map (or unmap, with undefined) the ECAM window (q35's MCH drives this from PCIEXBAR). */
  setEcam(state: PciExBar): void {
    if (this.ecam) this.p.memory.unmap(this.ecam);
    this.ecam = undefined;
    this.ecamState = state;
    if (state.enabled) {
      this.ecam = this.p.memory.map('pcie-mmcfg', state.base, new MmioWindow(ecamHandler(this.router), state.size), {
        priority: 1, mayOverlap: true,
      });
      log('MMCONFIG at %s+%s', hex(state.base), hex(state.size));
    }
  }

  get pciexbar(): PciExBar | undefined {
    return this.ecamState;
  }

  /** Plug a function; throws UsageError for what QEMU would refuse. */
  private plugCount = 0;

  /** Where `plug` would put the function, or QEMU's error for the bus or slot (do_pci_register_device). */
  resolve(model: PciModel, placement: Placement = {}): { bus: PciBus; spec: PciFunctionSpec; devfn: number } {
    const bus = placement.target ?? (placement.bus === undefined ? this.defaultBus() : this.busByName(placement.bus));
    if (!bus) throw new UsageError(`Bus '${placement.bus}' not found`);
    const spec = typeof model === 'function' ? model(bus) : model;
    if (bus.expander && spec.headerType !== 1) throw new UsageError(`PCI: Only PCI/PCIe bridges can be plugged into ${bus.expander.host.name}`);
    if (placement.addr) {
      const devfn = placement.addr.slot * 8 + placement.addr.fn;
      const other = bus.devices[devfn];
      if (other) {
        throw new UsageError(`PCI: slot ${placement.addr.slot} function ${placement.addr.fn} not available for ${spec.name}, in use by ${other.name},id=${other.qdevId ?? '(null)'}`);
      }
      return { bus, spec, devfn };
    }
    const first = bus.devices.findIndex((d, i) => i % 8 === 0 && d === undefined);
    if (first < 0 || bus.devices[first]) throw new UsageError(`PCI: no slot available for ${spec.name} on bus ${bus.name}`);
    return { bus, spec, devfn: first };
  }

  plug(model: PciModel, placement: Placement = {}): PciFunction {
    const { bus, spec, devfn } = this.resolve(model, placement);
    // pci_add_option_rom with rombar=0: the file is loaded through fw_cfg, for 0.11 compatibility.
    const barlessRom = placement.romBarOff ? placement.romfile ?? DEFAULT_ROM_FILES[spec.name] : undefined;
    if (barlessRom) this.romWithoutBar?.(spec, barlessRom);
    const rom = placement.rom ?? true;
    const romImage = rom ? loadOptionRom(spec, placement.romfile, this.p.config.dataDirs)?.image : undefined;
    const fn = new PciFunction(spec, placement.id, { multifunction: placement.multifunction ?? false, rom, romImage });
    fn.bus = bus;
    fn.devfn = devfn;
    fn.plugOrder = ++this.plugCount;
    if (fn.isBridge) {
      const kind: PciBusKind = spec.name === 'pcie-root-port' || spec.name === 'xio3130-downstream' ? 'pcie-root-port'
        : spec.name === 'x3130-upstream' ? 'pcie-switch' : 'pci-bridge';
      fn.secondary = new PciBus(placement.id ?? `${spec.name}.${devfn}`, kind, fn);
      if (placement.id !== undefined && !this.busesById.has(placement.id)) this.busesById.set(placement.id, fn.secondary);
    }
    fn.sealPowerOn();
    bus.devices[devfn] = fn;
    this.router.topologyChanged();
    spec.afterReset?.(fn);
    // A VGA-class function decodes the legacy VGA memory window, as QEMU's VGA models map vga-lowmem.
    if (spec.classCode === PCI_CLASS_DISPLAY_VGA && !spec.ownsLegacyVga) mapVgaLowmem(this.p);
    if (!(this.hotplugging && this.nativeSlot?.(bus))) this.portPopulated(bus);
    this.p.addDevice({ name: spec.name, id: placement.id, bus: 'pci', where: `${bus.name} ${hex(devfn >> 3, 2)}.${devfn & 7}` });
    log('plug %s at %s %s.%d', spec.name, bus.name, hex(devfn >> 3, 2), devfn & 7);
    return fn;
  }

  /** Remove a function (and everything behind it, for a bridge). */
  unplug(fn: PciFunction): void {
    const bus = fn.bus;
    if (!bus || bus.devices[fn.devfn] !== fn) return;
    const gone = fn.secondary ? [fn, ...walkFunctions(fn.secondary)] : [fn];
    // An unplugged function lets go of its INTx while the tree above it is still in place (QEMU's pci_qdev_unrealize).
    for (const g of gone) g.setIntx(false);
    for (const g of gone) {
      this.mapper.remove(g);
      if (g.secondary && g.qdevId !== undefined && this.busesById.get(g.qdevId) === g.secondary) this.busesById.delete(g.qdevId);
    }
    bus.devices[fn.devfn] = undefined;
    for (const g of gone) {
      if (g.qdevId === undefined) continue;
      this.unpluggedIds.push(g.qdevId);
      // The id is free again (a later device_add may take it).
      const at = this.p.devices.findIndex((d) => d.bus === 'pci' && d.id === g.qdevId);
      if (at >= 0) this.p.devices.splice(at, 1);
    }
    this.router.topologyChanged();
    if (!this.nativeSlot?.(bus)) this.portPopulated(bus);
    this.update();
    log('unplug %s from %s', fn.name, bus.name);
  }

  /** A root port's slot/link registers say whether a device sits behind it. */
  private portPopulated(bus: PciBus): void {
    if (!(bus.kind === 'pcie-root-port' && bus.bridge)) return;
    const target = bus.devices[0];
    // Only QEMU's generic root ports sync their link to the device behind (x-speed/x-width); the
    // xio3130 downstream port keeps its x1 2.5 GT/s status either way (captured).
    const link = bus.bridge.spec.name === 'pcie-root-port' ? target?.spec.express === true : undefined;
    setRootPortPopulated(bus.bridge.config, bus.functions().length > 0, link, bus.rootBus.expander !== undefined);
  }

  reset(): void {
    this.mech1.reset();
    this.router.topologyChanged();
    this.batch(() => {
      for (const f of this.functions()) f.reset();
      for (const b of this.buses()) this.portPopulated(b);
    });
  }
}

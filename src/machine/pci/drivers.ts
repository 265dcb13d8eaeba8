import type { DeviceInstance, PciDevFn, PciDeviceDriver, PropSpec } from '../options/device-driver.js';
import type { PciDeviceContext } from '../wiring/device-context.js';
import { RamWindow } from '../bus/memory-target.js';
import type { PciModel, Placement } from './pci-host.js';
import type { PciFunction } from './pci-function.js';
import {
  e1000Model, e1000eModel, ivshmemPlainModel, nvmeModel, pciBridgeModel, pcieRootPortModel, stdVgaFor,
} from './models.js';
import type { ResourceReserve } from './capabilities.js';
import { UsageError } from '../../lib/errors.js';
import { macOf, NIC_PROPS } from './nic-mac.js';

const COMMON_PROPS: Record<string, PropSpec> = {
  bus: { kind: 'string', description: 'bus to plug into: pci.0 (pc), pcie.0 (q35) or a bridge id' },
  addr: { kind: 'pci-addr', description: 'slot[.function] on that bus (default: first free slot)' },
  multifunction: { kind: 'bool', description: 'set the multi-function bit in the header type' },
  romfile: { kind: 'string', description: "option ROM file name; '' removes the ROM BAR" },
  rombar: { kind: 'uint', description: '0: no ROM BAR; the ROM file is served as fw_cfg genroms/ (vgaroms/ for VGA-class devices)', default: '1' },
};

function str(d: DeviceInstance, key: string): string | undefined {
  const v = d.props.get(key);
  return typeof v === 'string' ? v : undefined;
}

function num(d: DeviceInstance, key: string): number | undefined {
  const v = d.props.get(key);
  return typeof v === 'number' ? v : undefined;
}

export function placement(d: DeviceInstance): Placement {
  const rom = str(d, 'romfile') !== '' && num(d, 'rombar') !== 0;
  return {
    bus: str(d, 'bus'), addr: d.props.get('addr') as PciDevFn | undefined, id: d.id,
    multifunction: d.props.get('multifunction') === true, rom, romfile: str(d, 'romfile'), romBarOff: num(d, 'rombar') === 0,
  };
}

/** Plug a model through the machine's PCI host (a -device at start-up or a hot-plug). */
function plug(ctx: PciDeviceContext, d: DeviceInstance, model: PciModel): PciFunction {
  return ctx.pci.host.plug(model, placement(d));
}

export function pciDriver(name: string, description: string, props: Record<string, PropSpec>,
  create: (ctx: PciDeviceContext, d: DeviceInstance) => void, singleton = false): PciDeviceDriver {
  return { name, description, bus: 'pci', props: { ...COMMON_PROPS, ...props }, create, ...(singleton ? { singleton } : {}) };
}

const RESERVE_PROPS: Record<string, PropSpec> = {
  'bus-reserve': { kind: 'uint', description: 'secondary bus numbers to reserve (Red Hat resource-reserve capability)' },
  'io-reserve': { kind: 'size', description: 'I/O window size to reserve' },
  'mem-reserve': { kind: 'size', description: 'memory window size to reserve (< 4 GiB)' },
  'pref32-reserve': { kind: 'size', description: '32-bit prefetchable window size to reserve' },
  'pref64-reserve': { kind: 'size', description: '64-bit prefetchable window size to reserve' },
};

function reserveOf(d: DeviceInstance): ResourceReserve | undefined {
  const r: ResourceReserve = {
    bus: num(d, 'bus-reserve'), io: num(d, 'io-reserve'), mem: num(d, 'mem-reserve'),
    pref32: num(d, 'pref32-reserve'), pref64: num(d, 'pref64-reserve'),
  };
  if (r.pref32 !== undefined && r.pref64 !== undefined) {
    throw new UsageError(`-device ${d.driver}: PCI resource reserve cap: PREF32 and PREF64 conflict`);
  }
  if (r.mem !== undefined && r.mem > 0xffffffff) throw new UsageError(`-device ${d.driver}: mem-reserve must be below 4 GiB`);
  if (r.bus !== undefined && r.bus > 0xffffffff) throw new UsageError(`-device ${d.driver}: bus-reserve is too large`);
  return Object.values(r).some((v) => v !== undefined) ? r : undefined;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

export const PCI_DRIVERS: readonly PciDeviceDriver[] = [
  pciDriver('pci-bridge', 'PCI-PCI bridge (1b36:0001, SHPC)', {
    chassis_nr: { kind: 'uint', description: 'chassis number (required, > 0)' },
    shpc: { kind: 'bool', description: 'standard hot-plug controller', default: 'on' },
    msi: { kind: 'bool', description: 'MSI capability (needs shpc)', default: 'on' },
    ...RESERVE_PROPS,
  }, (m, d) => {
    const chassisNr = num(d, 'chassis_nr') ?? 0;
    if (chassisNr === 0 || chassisNr > 255) {
      throw new UsageError('-device pci-bridge: Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0.');
    }
    plug(m, d, pciBridgeModel({ chassisNr, shpc: d.props.get('shpc') !== false, msi: d.props.get('msi') !== false, reserve: reserveOf(d), memory: m.memory }));
  }),
  pciDriver('pcie-root-port', 'PCI Express root port (1b36:000c), hot-plug capable slot', {
    chassis: { kind: 'uint', description: 'chassis number', default: '0' },
    slot: { kind: 'uint', description: 'physical slot number', default: '0' },
    port: { kind: 'uint', description: 'port number', default: '0' },
    hotplug: { kind: 'bool', description: 'hot-plug capable slot', default: 'on' },
    ...RESERVE_PROPS,
  }, (m, d) => {
    const chassis = num(d, 'chassis') ?? 0;
    const slot = num(d, 'slot') ?? 0;
    const key = `${chassis}/${slot}`;
    const used = m.pci.usedChassisSlots;
    if (used.has(key)) throw new UsageError(`-device pcie-root-port: Can't add chassis slot, error -16 (chassis ${chassis} slot ${slot} is taken; give each root port its own chassis= or slot=)`);
    used.add(key);
    plug(m, d, pcieRootPortModel({ chassis, slot, port: num(d, 'port') ?? 0, reserve: reserveOf(d), hotplug: d.props.get('hotplug') !== false, memory: m.memory }));
  }),
  pciDriver('e1000', 'Intel 82540EM Gigabit Ethernet (8086:100e)', NIC_PROPS, (m, d) => void plug(m, d, e1000Model())),
  pciDriver('e1000e', 'Intel 82574L Gigabit Ethernet (8086:10d3), q35 default NIC', NIC_PROPS, (m, d) => void plug(m, d, e1000eModel(macOf(m, d)))),
  pciDriver('nvme', 'NVM Express controller (1b36:0010)', {
    serial: { kind: 'string', description: 'controller serial number (required)' },
    drive: { kind: 'string', description: 'block backend id (fwlab keeps no disk contents)' },
  }, (m, d) => {
    if (!str(d, 'serial')) throw new UsageError('-device nvme: serial property not set');
    plug(m, d, nvmeModel());
  }),
  pciDriver('ivshmem-plain', 'Inter-VM shared memory (1af4:1110), BAR2 = the memdev', {
    memdev: { kind: 'string', description: 'memory backend id (required; size must be a power of two)' },
  }, (m, d) => {
    const id = str(d, 'memdev');
    if (!id) throw new UsageError("-device ivshmem-plain: You must specify a 'memdev'");
    const ram = m.memoryBackend(id);
    if (!isPowerOfTwo(ram.size)) throw new UsageError(`-device ivshmem-plain: memdev '${id}' size must be a power of two`);
    plug(m, d, ivshmemPlainModel(new RamWindow(ram, 0, ram.size)));
  }),
  pciDriver('VGA', 'Standard VGA (1234:1111)', {
    vgamem_mb: { kind: 'uint', description: 'video memory in MiB (rounded up to a power of two)', default: '16' },
    edid: { kind: 'bool', description: 'EDID blob at the MMIO BAR', default: 'on' },
    xres: { kind: 'uint', description: 'EDID preferred width (0: 1280)', default: '0' },
    yres: { kind: 'uint', description: 'EDID preferred height (0: 800)', default: '0' },
    xmax: { kind: 'uint', description: 'EDID: no modes wider than this (0: no limit)', default: '0' },
    ymax: { kind: 'uint', description: 'EDID: no modes taller than this (0: no limit)', default: '0' },
    refresh_rate: { kind: 'uint', description: 'EDID preferred refresh rate in mHz (0: 75000)', default: '0' },
  }, (m, d) => void plug(m, d, stdVgaFor(m, num(d, 'vgamem_mb') ?? 16, str(d, 'romfile') !== '' && num(d, 'rombar') !== 0,
    d.props.get('edid') === false ? null
      : { prefx: num(d, 'xres'), prefy: num(d, 'yres'), maxx: num(d, 'xmax'), maxy: num(d, 'ymax'), refreshRate: num(d, 'refresh_rate') }).spec)),
];

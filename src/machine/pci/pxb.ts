import type { DeviceInstance, PciDeviceDriver } from '../options/device-driver.js';
import type { PciDeviceContext } from '../wiring/device-context.js';
import type { PciFunctionSpec } from './pci-function.js';
import type { PciBus } from './pci-bus.js';
import { pciDriver, placement } from './drivers.js';
import { pciBridgeModel } from './models.js';
import { UsageError } from '../../lib/errors.js';
import {
  PCI_CLASS_BRIDGE_HOST, PCI_DEVICE_ID_REDHAT_PXB, PCI_DEVICE_ID_REDHAT_PXB_PCIE, PCI_STATUS_66MHZ, PCI_STATUS_FAST_BACK,
  PCI_VENDOR_ID_REDHAT,
} from '../../spec/pci.js';

/**
 * PCI expander bridges as QEMU 7.2 builds them (hw/pci-bridge/pci_expander_bridge.c): a host
 * bridge function on bus 0 that opens another root bus numbered `bus_nr`. `pxb` (pc) puts a
 * pci-bridge with the pxb's id, chassis_nr = bus_nr and no SHPC at slot 0 of its bus
 * ("pxb-internal"), so `bus=<id>` is that bridge's secondary bus; `pxb-pcie` (q35) is a PCIe root
 * bus named by its id, for root ports and other bridges. The firmware learns how many there are
 * from fw_cfg `etc/extra-pci-roots`; the DSDT describes each as \_SB.PCxx.
 */

/** fw_cfg file with the number of expander root buses (u64 LE), present only when there is one. */
export const FW_CFG_FILE_EXTRA_PCI_ROOTS = 'etc/extra-pci-roots';

/** numa_node's default: NUMA_NODE_UNASSIGNED (MAX_NODES). */
export const NUMA_NODE_UNASSIGNED = 128;

function pxbModel(kind: 'pxb' | 'pxb-pcie'): PciFunctionSpec {
  return {
    name: kind, vendor: PCI_VENDOR_ID_REDHAT, device: kind === 'pxb' ? PCI_DEVICE_ID_REDHAT_PXB : PCI_DEVICE_ID_REDHAT_PXB_PCIE,
    classCode: PCI_CLASS_BRIDGE_HOST, status: PCI_STATUS_66MHZ | PCI_STATUS_FAST_BACK, hotpluggable: false,
  };
}

function uintOf(d: DeviceInstance, key: string, bits: 8 | 16, def: number): number {
  const v = d.props.get(key);
  if (v === undefined) return def;
  if (typeof v !== 'number' || v >= 2 ** bits) throw new UsageError(`-device ${d.driver}: Parameter '${key}' expects uint${bits}_t`);
  return v;
}

function u64(v: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return b;
}

/** `pxb_dev_realize_common`, in QEMU's order of checks. */
function createPxb(ctx: PciDeviceContext, d: DeviceInstance, kind: 'pxb' | 'pxb-pcie'): void {
  const host = ctx.pci.host;
  const busNr = uintOf(d, 'bus_nr', 8, 0);
  const numaNode = uintOf(d, 'numa_node', 16, NUMA_NODE_UNASSIGNED);
  const refuse = (message: string) => new UsageError(`-device ${kind}: ${message}`);
  const where = placement(d);
  const model = pxbModel(kind);
  const target = host.resolve(model, where).bus;
  if (target.express !== (kind === 'pxb-pcie')) {
    throw refuse(kind === 'pxb' ? 'pxb devices cannot reside on a PCIe bus' : 'pxb-pcie devices cannot reside on a PCI bus');
  }
  const nodes = ctx.config.numa?.nodeMemory.length ?? 0;
  if (numaNode !== NUMA_NODE_UNASSIGNED && numaNode >= nodes) throw refuse(`Illegal numa node ${numaNode}`);
  if (!target.isRoot) throw refuse('PXB devices can be attached only to root bus');
  if (clashes(target, host.expanders, busNr)) throw refuse(`Bus ${busNr} is already in use`);
  // The internal pci-bridge's realize: its chassis is bus_nr.
  if (kind === 'pxb' && busNr === 0) throw refuse('Bridge chassis not specified. Each bridge is required to be assigned a unique chassis id > 0.');
  const fn = host.plug(model, where);
  const bus = host.addExpander(kind === 'pxb' ? 'pxb-internal' : d.id ?? `pxb-pcie.${busNr}`, kind, { busNr, host: fn, numaNode: numaNode === NUMA_NODE_UNASSIGNED ? undefined : numaNode, bypassIommu: d.props.get('bypass_iommu') === true }, d.id);
  if (kind === 'pxb') host.plug(pciBridgeModel({ chassisNr: busNr, shpc: false, msi: false, reserve: undefined }), { target: bus, id: d.id });
  const fw = ctx.fwCfg;
  const data = u64(host.expanders.length);
  if (fw.hasFile(FW_CFG_FILE_EXTRA_PCI_ROOTS)) fw.replaceFile(FW_CFG_FILE_EXTRA_PCI_ROOTS, data);
  else fw.addFile(FW_CFG_FILE_EXTRA_PCI_ROOTS, data);
}

/** `pxb_register_bus`: another child bus of bus 0 with the number (an expander's, or a bridge's secondary bus as it reads now). */
function clashes(root: PciBus, expanders: readonly PciBus[], busNr: number): boolean {
  return expanders.some((e) => e.number === busNr) || root.bridges().some((b) => b.secondary!.number === busNr);
}

const PXB_PROPS = {
  bus_nr: { kind: 'uint', description: 'number of the root bus it opens (1-255; pxb: also the internal bridge\'s chassis)', default: '0' },
  numa_node: { kind: 'uint', description: 'NUMA node of the bus (_PXM in the DSDT)', default: String(NUMA_NODE_UNASSIGNED) },
  bypass_iommu: { kind: 'bool', description: 'bypass the IOMMU (the VIOT leaves the bus out; fwlab has no IOMMU translation)', default: 'off' },
} as const;

export const PXB_DRIVERS: readonly PciDeviceDriver[] = [
  pciDriver('pxb', 'PCI expander bridge (1b36:0009): another root bus, bus=<id> behind its internal pci-bridge', PXB_PROPS,
    (ctx, d) => createPxb(ctx, d, 'pxb')),
  pciDriver('pxb-pcie', 'PCI Express expander bridge (1b36:000b): another PCIe root bus for root ports', PXB_PROPS,
    (ctx, d) => createPxb(ctx, d, 'pxb-pcie')),
];

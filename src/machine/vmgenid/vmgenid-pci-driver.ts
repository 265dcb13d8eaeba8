import type { PciDeviceDriver } from '../options/device-driver.js';
import { RamBlock } from '../bus/ram-block.js';
import { RamWindow } from '../bus/memory-target.js';
import { pciDriver, placement } from '../pci/drivers.js';
import { vmgenidPciModel, VMGENID_PCI_BAR_SIZE } from '../pci/models.js';
import { PCI_DEVICE_ID_REDHAT_VMGENID_V19 } from '../../spec/pci.js';
import { guidFromSeed } from '../../lib/guid.js';
import { UsageError } from '../../lib/errors.js';
import { VmgenidPci } from './vmgenid-pci.js';

/** `-device vmgenid-pci,guid=G[,crs=on|off][,device-id=N]`: the v19 design (one per machine, not with vmgenid). */
export const VMGENID_PCI_DRIVER: PciDeviceDriver = pciDriver('vmgenid-pci',
  'VM Generation ID, the v19 PCI design (1b36:0009 by default, class 0500, 4 KiB prefetchable BAR)', {
    guid: { kind: 'uuid', description: "the generation GUID, or 'auto'", default: 'auto' },
    crs: { kind: 'bool', description: 'a static _CRS pinning the BAR (v19 as posted)', default: 'off' },
    'device-id': { kind: 'uint', description: 'PCI device id (v19 used 0x0009, later given to pxb)', default: String(PCI_DEVICE_ID_REDHAT_VMGENID_V19) },
  }, (ctx, d) => {
    const deviceId = (d.props.get('device-id') as number | undefined) ?? PCI_DEVICE_ID_REDHAT_VMGENID_V19;
    if (deviceId > 0xffff) throw new UsageError('-device vmgenid-pci: device-id must fit in 16 bits');
    if (ctx.attached.vmgenid || ctx.attached.vmgenidPci) throw new UsageError('-device vmgenid-pci: one VM Generation ID device per machine');
    const prop = String(d.props.get('guid') ?? 'auto');
    const seed = ctx.config.random ? globalThis.crypto.randomUUID() : `vmgenid-pci ${d.id ?? ''} ${ctx.config.argv.join(' ')}`;
    const ram = new RamBlock('vmgenid-pci', VMGENID_PCI_BAR_SIZE);
    const dev = new VmgenidPci(ctx, ram, prop === 'auto' ? guidFromSeed(seed) : prop, d.props.get('crs') === true);
    dev.fn = ctx.pci.host.plug(vmgenidPciModel(deviceId, new RamWindow(ram, 0, VMGENID_PCI_BAR_SIZE)), placement(d));
    ctx.attached.vmgenidPci = dev;
  }, true);

import type { SystemDeviceDriver } from '../options/device-driver.js';
import { Vmgenid } from './vmgenid.js';
import { guidFromSeed } from '../../lib/guid.js';
import { UsageError } from '../../lib/errors.js';
import { fwCfgDmaOf } from '../fw-cfg/x86-items.js';

/**
 * `-device vmgenid,guid=UUID|auto`: one per machine. QEMU's `auto` is random; fwlab's is
 * derived from the command line, so the same options give the same GUID (random with `--random`).
 */
export const VMGENID_DRIVER: SystemDeviceDriver = {
  name: 'vmgenid',
  description: 'VM Generation ID (GUID in a firmware-allocated page, GPE0 bit 5 on change)',
  bus: 'system',
  singleton: true,
  props: {
    guid: { kind: 'uuid', description: "the generation ID, or 'auto'", default: 'auto' },
  },
  create(ctx, device) {
    const prop = String(device.props.get('guid') ?? 'auto');
    const seed = ctx.config.random ? globalThis.crypto.randomUUID() : `vmgenid ${device.id ?? ''} ${ctx.config.argv.join(' ')}`;
    const guid = prop === 'auto' ? guidFromSeed(seed) : prop;
    if (ctx.attached.vmgenid) throw new Error('vmgenid: one per machine');
    if (ctx.attached.vmgenidPci) throw new UsageError('-device vmgenid: one VM Generation ID device per machine (vmgenid-pci is there)');
    // QEMU 7.2's refusal, word for word: the guest address comes back through a fw_cfg DMA write.
    if (!fwCfgDmaOf(ctx.config)) throw new UsageError('-device vmgenid: vmgenid requires DMA write support in fw_cfg, which this machine type does not provide');
    ctx.attached.vmgenid = new Vmgenid(ctx, guid);
    ctx.addDevice({ name: 'vmgenid', id: device.id, bus: 'system', where: 'fw_cfg etc/vmgenid_guid' });
  },
};

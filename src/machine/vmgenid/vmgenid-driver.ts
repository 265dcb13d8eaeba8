import type { DeviceDriver } from '../options/device-driver.js';
import { Vmgenid, registerVmgenid } from './vmgenid.js';
import { fwCfgOf } from '../fw-cfg/fw-cfg-subsystem.js';
import { guidFromSeed } from '../../lib/guid.js';
import { randomUUID } from 'node:crypto';

/**
 * `-device vmgenid,guid=UUID|auto`: one per machine. QEMU's `auto` is random; fwlab's is
 * derived from the command line, so the same options give the same GUID (random with `--random`).
 */
export const VMGENID_DRIVER: DeviceDriver = {
  name: 'vmgenid',
  description: 'VM Generation ID (GUID in a firmware-allocated page, GPE0 bit 5 on change)',
  bus: 'system',
  singleton: true,
  props: {
    guid: { kind: 'uuid', description: "the generation ID, or 'auto'", default: 'auto' },
  },
  create(machine, device) {
    const prop = String(device.props.get('guid') ?? 'auto');
    const seed = machine.config.random ? randomUUID() : `vmgenid ${device.id ?? ''} ${machine.config.argv.join(' ')}`;
    const guid = prop === 'auto' ? guidFromSeed(seed) : prop;
    registerVmgenid(machine, new Vmgenid(machine, fwCfgOf(machine), guid));
    machine.addDevice({ name: 'vmgenid', id: device.id, bus: 'system', where: 'fw_cfg etc/vmgenid_guid' });
  },
};

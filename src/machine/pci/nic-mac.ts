import type { DeviceInstance, PropSpec } from '../options/device-driver.js';
import type { MachineConfig } from '../options/machine-config.js';
import { UsageError } from '../../lib/errors.js';

const str = (d: DeviceInstance, k: string) => (typeof d.props.get(k) === 'string' ? d.props.get(k) as string : undefined);

/** NIC names; their default MACs come from QEMU's 52:54:00:12:34:56 counter in creation order. */
export const NIC_DRIVERS = new Set(['e1000', 'e1000e', 'rtl8139', 'pcnet', 'vmxnet3', 'ne2k_pci', 'virtio-net-pci']);

export const NIC_PROPS: Record<string, PropSpec> = {
  mac: { kind: 'macaddr', description: 'MAC address (default 52:54:00:12:34:56, then :57...)' },
  netdev: { kind: 'string', description: 'network backend id (fwlab has no network)' },
};

const macBytes = (text: string) => Uint8Array.from(text.split(/[:-]/).map((h) => parseInt(h, 16)));

/** QEMU's qemu_macaddr_default_if_unset: the first 52:54:00:12:34:xx (from 0x56) no earlier NIC took. */
export function macOf(ctx: { readonly config: MachineConfig }, d: DeviceInstance): Uint8Array {
  const own = str(d, 'mac');
  if (own) return macBytes(own);
  const used = new Set<string>();
  // The board's default NIC (no -nodefaults, -net, -nic or -netdev) is created first and takes the first address.
  if (!ctx.config.nodefaults && ctx.config.defaultNic) used.add('52:54:00:12:34:56');
  for (const other of [...ctx.config.nics, ...ctx.config.devices]) {
    if (other === d) break;
    if (!NIC_DRIVERS.has(other.driver)) continue;
    const m = str(other, 'mac');
    if (m) used.add(m.replaceAll('-', ':'));
    else {
      for (let i = 0x56; i < 0x100; i++) {
        const cand = `52:54:00:12:34:${i.toString(16)}`;
        if (!used.has(cand)) {
          used.add(cand);
          break;
        }
      }
    }
  }
  for (let i = 0x56; i < 0x100; i++) {
    const cand = `52:54:00:12:34:${i.toString(16)}`;
    if (!used.has(cand)) return macBytes(cand);
  }
  throw new UsageError(`-device ${d.driver}: no free default MAC address left`);
}

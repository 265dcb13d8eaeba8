/**
 * Devices QEMU 7.2 creates from options other than -device: the USB controllers of `-usb` /
 * `-machine usb=on` (pc: piix3-usb-uhci at 01.2, pc_init1; q35: an ICH9 EHCI at 1d.7 with its
 * UHCI companions 1-3 at 1d.0-2, ehci_create_ich9_with_companions), and the -device form of a
 * -nic / -net nic NIC, the virtio-blk-pci of each `-drive if=virtio` (drive_new: after every -device,
 * its drive named virtio0, virtio1... unless it has an id). Each is the driver's defaults plus the
 * properties QEMU sets.
 */
import { UsageError } from '../../lib/errors.js';
import { parseProp, withDefaults } from './device-driver.js';
import type { DeviceDriver, DeviceInstance, PropValue } from './device-driver.js';
import type { BoardName } from '../boards/ram-layout.js';
import type { NicRequest } from './nic-options.js';
import { parseQemuOpts } from './qemu-opts.js';

/** The USB host controllers fwlab has: a usb-bus for USB devices. */
export const USB_CONTROLLERS = new Set([
  'qemu-xhci', 'nec-usb-xhci', 'usb-ehci', 'ich9-usb-ehci1', 'ich9-usb-uhci1', 'ich9-usb-uhci2', 'ich9-usb-uhci3',
  'ich9-usb-uhci4', 'ich9-usb-uhci5', 'ich9-usb-uhci6', 'piix3-usb-uhci', 'piix4-usb-uhci',
]);

function implied(driverName: string, drivers: ReadonlyMap<string, DeviceDriver>, set: Readonly<Record<string, string>>, what: string): DeviceInstance {
  const driver = drivers.get(driverName);
  if (!driver) throw new UsageError(`${what}: fwlab has no ${driverName}`);
  const props = new Map<string, PropValue>();
  for (const [k, v] of Object.entries(set)) {
    const spec = driver.props[k];
    if (!spec) throw new Error(`${driverName} has no property ${k}`);
    props.set(k, parseProp(what, k, spec, v));
  }
  return { driver: driverName, id: undefined, props: withDefaults(what, driver, props) };
}

export function usbControllers(board: BoardName, drivers: ReadonlyMap<string, DeviceDriver>): DeviceInstance[] {
  if (board === 'pc') return [implied('piix3-usb-uhci', drivers, { addr: '01.2' }, '-usb')];
  return [
    implied('ich9-usb-ehci1', drivers, { addr: '1d.7', multifunction: 'on' }, '-usb'),
    implied('ich9-usb-uhci1', drivers, { addr: '1d.0', multifunction: 'on' }, '-usb'),
    implied('ich9-usb-uhci2', drivers, { addr: '1d.1', multifunction: 'on' }, '-usb'),
    implied('ich9-usb-uhci3', drivers, { addr: '1d.2', multifunction: 'on' }, '-usb'),
  ];
}

/** A -nic / -net nic NIC as the -device it stands for: the board's default model unless named, the MAC if given. */
export function nicDevice(r: NicRequest, board: BoardName, drivers: ReadonlyMap<string, DeviceDriver>): DeviceInstance {
  const driverName = r.model ?? (board === 'q35' ? 'e1000e' : 'e1000');
  const driver = drivers.get(driverName);
  const set: Record<string, string> = {};
  if (r.mac !== undefined) set.mac = r.mac;
  if (driver?.props.vectors) set.vectors = r.vectors;
  return implied(driverName, drivers, set, `-nic model=${driverName}`);
}

/** The devices `-drive ...,if=virtio` adds, after `devices` (the -device list, checked for a -device that takes such a drive). */
export function virtioDrives(argv: readonly string[], devices: readonly DeviceInstance[], drivers: ReadonlyMap<string, DeviceDriver>): DeviceInstance[] {
  const out: DeviceInstance[] = [];
  for (let i = 0; i + 1 < argv.length; i++) {
    if (argv[i] !== '-drive' && argv[i] !== '--drive') continue;
    const text = argv[++i]!;
    const o = parseQemuOpts('-drive', text);
    if (o.props.get('if') !== 'virtio') continue;
    const id = o.props.get('id') ?? `virtio${out.length}`;
    if (devices.some((d) => d.props.get('drive') === id)) {
      throw new UsageError(`-drive ${text}: Drive '${id}' is already in use because it has been automatically connected to another device (did you need 'if=none' in the drive options?)`);
    }
    out.push(implied('virtio-blk-pci', drivers, { drive: id }, `-drive ${text}`));
  }
  return out;
}

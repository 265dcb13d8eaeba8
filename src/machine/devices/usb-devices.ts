/**
 * USB devices on a USB host controller's bus (`-device usb-tablet` ...): QEMU 7.2 refuses them
 * without a controller ("No 'usb-bus' bus found"); fwlab accepts them there and records them. The
 * controllers are PCI functions the firmware and OS see; the USB bus behind them is not emulated,
 * so a USB device is never enumerated (the boot report says so).
 */
import type { DeviceInstance, PropSpec, SystemDeviceDriver } from '../options/device-driver.js';
import type { DeviceContext } from '../wiring/device-context.js';

const USB_PROPS: Record<string, PropSpec> = {
  bus: { kind: 'string', description: 'the USB bus (a controller\'s, e.g. usb-bus.0)' },
  port: { kind: 'string', description: 'port path on that bus' },
};

function usbDevice(name: string, description: string, extra: Record<string, PropSpec> = {}): SystemDeviceDriver {
  return {
    name, description: `${description} (USB: accepted, not emulated)`, bus: 'usb', props: { ...USB_PROPS, ...extra },
    create(ctx: DeviceContext, device: DeviceInstance): void {
      ctx.addDevice({ name, id: device.id, bus: 'usb', where: 'USB bus (not emulated)' });
    },
  };
}

export const USB_DEVICE_DRIVERS: readonly SystemDeviceDriver[] = [
  usbDevice('usb-tablet', 'QEMU USB Tablet'),
  usbDevice('usb-kbd', 'QEMU USB Keyboard'),
  usbDevice('usb-mouse', 'QEMU USB Mouse'),
  usbDevice('usb-hub', 'QEMU USB Hub'),
  usbDevice('usb-storage', 'QEMU USB MSD', { drive: { kind: 'string', description: 'block backend id (fwlab keeps no disk contents)' } }),
];

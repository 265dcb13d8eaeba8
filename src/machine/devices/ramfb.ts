import type { SystemDeviceDriver } from '../options/device-driver.js';

/** `etc/ramfb`: address (8), fourcc (4), flags (4), width, height, stride (4 each), big-endian. */
const RAMFB_CONFIG_SIZE = 28;

/**
 * `-device ramfb`: a framebuffer the guest describes by writing `etc/ramfb` through fw_cfg DMA.
 * QEMU also serves vgaroms/vgabios-ramfb.bin; fwlab ships no option ROM images.
 */
export const RAMFB: SystemDeviceDriver = {
  name: 'ramfb',
  description: 'RAM framebuffer configured through fw_cfg etc/ramfb (no VGA BIOS image in fwlab)',
  bus: 'system',
  singleton: true,
  props: {},
  create(ctx, device) {
    ctx.fwCfg.addFile('etc/ramfb', new Uint8Array(RAMFB_CONFIG_SIZE), { writable: true });
    ctx.addDevice({ name: 'ramfb', id: device.id, bus: 'system', where: 'fw_cfg etc/ramfb' });
  },
};

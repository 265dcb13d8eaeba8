import type { SystemDeviceDriver } from '../options/device-driver.js';
import { findFirmwareFile } from '../roms/data-dirs.js';

/** The VGA BIOS QEMU's ramfb serves through fw_cfg (rom_add_vga: vgaroms/), from Debian's seabios. */
const RAMFB_VGA_BIOS = 'vgabios-ramfb.bin';

/** `etc/ramfb`: address (8), fourcc (4), flags (4), width, height, stride (4 each), big-endian. */
const RAMFB_CONFIG_SIZE = 28;

/**
 * `-device ramfb`: a framebuffer the guest describes by writing `etc/ramfb` through fw_cfg DMA.
 * QEMU also serves vgaroms/vgabios-ramfb.bin; fwlab serves the installed file (none without Debian's seabios).
 */
export const RAMFB: SystemDeviceDriver = {
  name: 'ramfb',
  description: 'RAM framebuffer configured through fw_cfg etc/ramfb, with vgaroms/vgabios-ramfb.bin when installed',
  bus: 'system',
  singleton: true,
  props: {},
  create(ctx, device) {
    ctx.fwCfg.addFile('etc/ramfb', new Uint8Array(RAMFB_CONFIG_SIZE), { writable: true });
    const rom = findFirmwareFile(RAMFB_VGA_BIOS, ctx.config.dataDirs);
    if (rom) ctx.fwCfg.addFile(`vgaroms/${RAMFB_VGA_BIOS}`, rom.data);
    ctx.addDevice({ name: 'ramfb', id: device.id, bus: 'system', where: 'fw_cfg etc/ramfb' });
  },
};

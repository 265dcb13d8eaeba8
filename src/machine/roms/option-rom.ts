import type { PciFunctionSpec } from '../pci/pci-function.js';
import { findFirmwareFile } from './data-dirs.js';
import { UsageError } from '../../lib/errors.js';
import { logger } from '../../lib/log.js';

const log = logger('pci');

/**
 * The option ROM each PCI model loads when `romfile` is not given (the romfile of QEMU 7.2's
 * device classes; Debian installs the vgabios-* files with seabios and the efi-* files with ipxe-qemu).
 */
export const DEFAULT_ROM_FILES: Readonly<Record<string, string>> = {
  VGA: 'vgabios-stdvga.bin',
  'cirrus-vga': 'vgabios-cirrus.bin',
  'qxl-vga': 'vgabios-qxl.bin',
  'virtio-vga': 'vgabios-virtio.bin',
  'bochs-display': 'vgabios-bochs-display.bin',
  'vmware-svga': 'vgabios-vmware.bin',
  'ati-vga': 'vgabios-ati.bin',
  e1000: 'efi-e1000.rom',
  e1000e: 'efi-e1000e.rom',
  'virtio-net-pci': 'efi-virtio.rom',
  rtl8139: 'efi-rtl8139.rom',
  pcnet: 'efi-pcnet.rom',
  ne2k_pci: 'efi-ne2k_pci.rom',
  vmxnet3: 'efi-vmxnet3.rom',
};

/** A loaded expansion ROM: the image padded to the BAR size (a power of two), and where it came from. */
export interface OptionRomImage {
  readonly file: string;
  readonly path: string;
  readonly image: Uint8Array;
}

const images = new WeakMap<Uint8Array, Map<string, Uint8Array>>();

function pow2ceil(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

const le16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);

/**
 * QEMU's pci_patch_ids: a default ROM shared by several devices gets the device's vendor and
 * device id in its PCI data structure, with the byte at offset 6 (etherboot's checksum) adjusted
 * so the image still sums as before. Only a ROM with the 55AAh signature and a "PCIR" structure
 * inside the file is touched.
 */
export function patchPciIds(rom: Uint8Array, fileSize: number, vendor: number, device: number): void {
  if (fileSize < 0x1a || le16(rom, 0) !== 0xaa55) return;
  const pcir = le16(rom, 0x18);
  if (pcir + 8 >= fileSize || String.fromCharCode(...rom.subarray(pcir, pcir + 4)) !== 'PCIR') return;
  let checksum = rom[6]!;
  const patch = (at: number, want: number): void => {
    const have = le16(rom, at);
    if (have === want) return;
    checksum = (checksum + (have & 0xff) + (have >> 8) - (want & 0xff) - (want >> 8)) & 0xff;
    rom[6] = checksum;
    rom[at] = want & 0xff;
    rom[at + 1] = want >> 8;
  };
  patch(pcir + 4, vendor);
  patch(pcir + 6, device);
}

/**
 * The expansion ROM of a function as QEMU's pci_add_option_rom loads it: `romfile` (the user's, or
 * the model's default) found on the firmware search path, its BAR the file size rounded up to a
 * power of two, default ROMs patched to the device's ids. A user's romfile that is missing or
 * empty is QEMU's error; a default ROM that is not installed leaves the model's usual BAR size
 * with nothing behind it (reads all-ones; QEMU itself would refuse to start), said on fwlab:pci.
 */
export function loadOptionRom(spec: PciFunctionSpec, romfile: string | undefined, dataDirs: readonly string[]): OptionRomImage | undefined {
  const isDefault = romfile === undefined;
  const file = romfile ?? DEFAULT_ROM_FILES[spec.name];
  if (file === undefined || file === '') return undefined;
  const found = findFirmwareFile(file, dataDirs);
  if (!found) {
    if (!isDefault) throw new UsageError(`-device ${spec.name}: failed to find romfile "${file}"`);
    log('%s: option ROM %s not installed; its ROM BAR reads all-ones', spec.name, file);
    return undefined;
  }
  if (found.data.length === 0) throw new UsageError(`-device ${spec.name}: romfile "${file}" is empty`);
  // ROM BARs are read-only, so functions with the same file and ids share one image.
  const key = `${isDefault ? `${spec.vendor}:${spec.device}` : 'as-is'}`;
  let byIds = images.get(found.data);
  if (!byIds) images.set(found.data, (byIds = new Map()));
  let image = byIds.get(key);
  if (!image) {
    image = new Uint8Array(pow2ceil(found.data.length));
    image.set(found.data);
    if (isDefault) patchPciIds(image, found.data.length, spec.vendor, spec.device);
    byIds.set(key, image);
  }
  log('%s: option ROM %s (%d bytes, BAR %d KiB)', spec.name, found.path, found.data.length, image.length / 1024);
  return { file, path: found.path, image };
}

import type { FwCfgDevice } from './fw-cfg-device.js';
import { findFirmwareFile } from '../roms/data-dirs.js';
import { logger } from '../../lib/log.js';

const log = logger('fwcfg');

/** QEMU serves the option ROMs it adds as fw_cfg files under this directory; SeaBIOS runs them. */
const GENROMS = 'genroms/';
/** The TPR-patching ROM of QEMU's kvmvapic device, which every pc/q35 machine with an APIC adds (vapic=on). */
export const VAPIC_ROM = 'kvmvapic.bin';

/** The fw_cfg file name an option ROM QEMU adds is served under. */
export function genromsName(rom: string): string {
  return GENROMS + rom;
}

/** Serve an installed ROM as `genroms/<rom>` (QEMU's rom_add_option); false when it is not installed. */
function addOptionRom(fw: FwCfgDevice, rom: string, dataDirs: readonly string[]): boolean {
  const found = findFirmwareFile(rom, dataDirs);
  if (!found) {
    log('option ROM %s not found on the firmware search path', rom);
    return false;
  }
  fw.addFile(genromsName(rom), found.data);
  return true;
}

/**
 * What QEMU 7.2's rom_add_option does for the ROM it adds with bootindex 0 (x86_load_linux):
 * the installed ROM image as `genroms/<rom>` (bootorder names it: bootorder.ts). The image is read
 * from the firmware search path at run time and never shipped; without it the caller that needs the
 * ROM names the gap.
 */
export function addBootOptionRom(fw: FwCfgDevice, rom: string, dataDirs: readonly string[]): boolean {
  return addOptionRom(fw, rom, dataDirs);
}

/**
 * QEMU's kvmvapic device adds its ROM (bootindex -1) on every pc and q35 machine; SeaBIOS runs it
 * after the PCI ROMs. fwlab serves the installed file; the device's port 0x7e hypercalls are not
 * modelled (under TCG they only patch the ROM's own hypercall sites and enable TPR reporting).
 */
export function addVapicRom(fw: FwCfgDevice, dataDirs: readonly string[]): boolean {
  return addOptionRom(fw, VAPIC_ROM, dataDirs);
}

/**
 * QEMU 7.2's pci_add_option_rom for a device with `rombar=0`: the ROM file as given (no id
 * patching) under `vgaroms/` for a VGA-class device (rom_add_vga), else `genroms/`
 * (rom_add_option), named by the file's base name. A missing file is only a message in QEMU.
 */
export function addRomWithoutBar(fw: FwCfgDevice, file: string, vga: boolean, dataDirs: readonly string[]): void {
  const found = findFirmwareFile(file, dataDirs);
  if (!found) {
    log('could not open option rom %s', file);
    return;
  }
  fw.addFile(`${vga ? 'vgaroms' : 'genroms'}/${file.slice(file.lastIndexOf('/') + 1)}`, found.data);
}

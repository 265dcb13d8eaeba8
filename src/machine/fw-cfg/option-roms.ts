import type { FwCfgDevice } from './fw-cfg-device.js';
import { FW_CFG_FILE_BOOTORDER } from '../../spec/fw-cfg.js';
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
 * the installed ROM image as `genroms/<rom>`, and `bootorder` naming it ("/rom@genroms/<rom>",
 * NUL-terminated; captured). The image is read from the installed QEMU data at run time and
 * never shipped; without it only bootorder is set (the caller that needs the ROM names the gap).
 */
export function addBootOptionRom(fw: FwCfgDevice, rom: string, dataDirs: readonly string[]): boolean {
  fw.replaceFile(FW_CFG_FILE_BOOTORDER, new TextEncoder().encode(`/rom@${genromsName(rom)}\0`));
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

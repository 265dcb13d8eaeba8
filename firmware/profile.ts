/** The two firmware personalities: SeaBIOS 1.16.2 (default ROM) and OVMF edk2-stable202211 (fwlab-ovmf ROM). */
import type { LoaderPolicy } from './loader/findings.js';
import type { BiosIdentity } from './bios/tables/smbios.js';

export interface FirmwareProfile {
  readonly name: 'seabios' | 'ovmf';
  readonly banner: string;
  readonly loaderPolicy: LoaderPolicy;
  /** The SMBIOS type 0 strings the firmware adds when QEMU gives none (SeaBIOS: BIOS_NAME, VERSION, BIOS_DATE). */
  readonly smbiosIdentity: BiosIdentity;
}

export const SEABIOS_PROFILE: FirmwareProfile = {
  name: 'seabios', banner: 'SeaBIOS 1.16.2 profile', loaderPolicy: 'seabios',
  // Debian's bios-256k.bin build: the same type 0 bytes, so the tables and the RSDP land where SeaBIOS's do.
  smbiosIdentity: { vendor: 'SeaBIOS', version: '1.16.2-debian-1.16.2-1', date: '04/01/2014' },
};

export const OVMF_PROFILE: FirmwareProfile = {
  name: 'ovmf', banner: 'OVMF edk2-stable202211 profile', loaderPolicy: 'ovmf',
  // firmware/ovmf/smbios.ts adds OvmfPkg's own type 0 (the same strings); SeaBIOS's installer is not used here.
  smbiosIdentity: { vendor: 'EFI Development Kit II / OVMF', version: '0.0.0', date: '02/06/2015' },
};

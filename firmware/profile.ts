/** The two firmware personalities: SeaBIOS 1.16.2 (default ROM) and OVMF edk2-stable202211 (fwlab-ovmf ROM). */
import type { LoaderPolicy } from './loader/findings.js';

export interface FirmwareProfile {
  readonly name: 'seabios' | 'ovmf';
  readonly banner: string;
  readonly loaderPolicy: LoaderPolicy;
}

export const SEABIOS_PROFILE: FirmwareProfile = {
  name: 'seabios', banner: 'SeaBIOS 1.16.2 profile', loaderPolicy: 'seabios',
};

export const OVMF_PROFILE: FirmwareProfile = {
  name: 'ovmf', banner: 'OVMF edk2-stable202211 profile', loaderPolicy: 'ovmf',
};

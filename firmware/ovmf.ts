/** fwlab OVMF: the same firmware with the OVMF (edk2-stable202211) profile, built as roms/fwlab-ovmf.mjs. */
import type { CpuProgram } from '../src/spec/cpu-wire.js';
import { FIRMWARE_VERSION, post } from './post.js';
import { OVMF_PROFILE } from './profile.js';

export const program: CpuProgram = {
  name: 'fwlab-ovmf',
  version: FIRMWARE_VERSION,
  run: (wire) => post(wire, OVMF_PROFILE),
};

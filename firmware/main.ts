/**
 * fwlab BIOS: the firmware ROM module (SeaBIOS 1.16.2 profile). It holds nothing but the
 * CPU wire and finds everything the way SeaBIOS does: config cycles, fw_cfg port I/O and DMA.
 */
import type { CpuProgram } from '../src/spec/cpu-wire.js';
import { FIRMWARE_VERSION, post } from './post.js';
import { SEABIOS_PROFILE } from './profile.js';
import { serveBiosCall } from './bios/services.js';

export const program: CpuProgram = {
  name: 'fwlab-bios',
  version: FIRMWARE_VERSION,
  run: (wire) => post(wire, SEABIOS_PROFILE),
  serve: serveBiosCall,
};

/**
 * fwlab BIOS: the firmware ROM module. It holds nothing but the CPU wire and finds
 * everything the way SeaBIOS does: by port I/O and physical memory.
 */
import type { CpuProgram, CpuWire, ProgramExit } from '../src/spec/cpu-wire.js';
import { Console } from './console.js';
import { cmosRamSize } from './cmos.js';

function post(wire: CpuWire): ProgramExit {
  const con = new Console(wire);
  con.log('fwlab BIOS 0.1 (SeaBIOS 1.16.2 profile)');
  const ram = cmosRamSize(wire);
  con.log(`RAM from CMOS: ${ram.below4g >>> 20} MiB below 4G, ${Math.floor(ram.above4g / 2 ** 20)} MiB above`);
  con.log('no boot device: halting');
  return { kind: 'halt', reason: 'no boot device' };
}

export const program: CpuProgram = {
  name: 'fwlab-bios',
  version: '0.1.0',
  run: (wire) => post(wire),
};

/** SeaBIOS's disk_ret for int 13h: the status in AH and in the BDA's last-status byte (74h), CF when it is not success. */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { BDA_BASE } from '../../src/spec/bios-data-area.js';
import type { BiosFrame } from './frame.js';

export const RET_SUCCESS = 0x00;
export const RET_EPARAM = 0x01;
/** The last-status byte of the hard disk (BDA 74h). */
export const BDA_DISK_LAST_STATUS = 0x74;

export function ret(wire: CpuWire, f: BiosFrame, status: number): void {
  wire.write8(BDA_BASE + BDA_DISK_LAST_STATUS, status);
  f.setHi('eax', status);
  f.setFlag(1, status !== RET_SUCCESS);
}

/** AH=41h, EDD installation check: BX=AA55h, CX=7 (fixed-disk access, locking/ejecting, EDD), AH=30h (EDD 3.0). */
export function eddPresent(wire: CpuWire, f: BiosFrame): void {
  f.set16('ebx', 0xaa55);
  f.set16('ecx', 0x0007);
  ret(wire, f, RET_SUCCESS);
  f.setHi('eax', 0x30);
}

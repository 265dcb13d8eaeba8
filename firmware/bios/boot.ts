/**
 * SeaBIOS's boot of the first hard disk (boot.c boot_disk): its first sector at 0000:7C00, the
 * 55AAh signature checked, then a jump there with DL = 80h. The x86 core runs what it finds.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import { ataIdentify, ataRead } from './ata-pio.js';

const BOOT_ADDR = 0x7c00;
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55;
const HARD_DISK = 0x80;

/** Undefined when no IDE disk answers: the firmware hands over to the guest program as before. */
export function bootFromDisk(wire: CpuWire, log: (line: string) => void): ProgramExit | undefined {
  const g = ataIdentify(wire);
  if (!g) return undefined;
  wire.write8(BDA_BASE + BDA.diskCount, 1);
  log(`ata0-0: QEMU HARDDISK ATA-7 Hard-Disk (${g.sectors} sectors, CHS ${g.cylinders}/${g.heads}/${g.spt})`);
  log('Booting from Hard Disk...');
  if (ataRead(wire, 0, 1, BOOT_ADDR) !== 1 || wire.read16(BOOT_ADDR + SIGNATURE_OFFSET) !== SIGNATURE) {
    log('Boot failed: not a bootable disk');
    log('No bootable device.');
    return { kind: 'halt', reason: 'No bootable device.' };
  }
  log(`Booting from 0000:${BOOT_ADDR.toString(16)}`);
  return { kind: 'x86', cs: 0, ip: BOOT_ADDR, dl: HARD_DISK };
}

/**
 * SeaBIOS's boot of the first hard disk (boot.c boot_disk): its first sector at 0000:7C00, the
 * 55AAh signature checked, then a jump there with DL = 80h. The x86 core runs what it finds.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import { ahciDisk, openHardDisk, recordAhciDisk } from './disk.js';
import type { SataDisk } from './sata.js';

const BOOT_ADDR = 0x7c00;
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55;
const HARD_DISK = 0x80;

/**
 * Undefined when no disk answers: the firmware hands over to the guest program as before. `sata` is
 * the AHCI disk the POST brought up (q35); without it the IDE primary master is asked.
 */
export function bootFromDisk(wire: CpuWire, log: (line: string) => void, sata?: SataDisk): ProgramExit | undefined {
  if (sata) recordAhciDisk(wire, sata.disk, sata.geometry);
  const disk = sata ? ahciDisk(wire, sata.disk, sata.geometry) : openHardDisk(wire);
  if (!disk) return undefined;
  const g = disk.geometry;
  wire.write8(BDA_BASE + BDA.diskCount, 1);
  const name = sata ? `AHCI/${sata.disk.port}` : 'ata0-0';
  log(`${name}: QEMU HARDDISK ATA-7 Hard-Disk (${g.sectors} sectors, CHS ${g.cylinders}/${g.heads}/${g.spt})`);
  log('Booting from Hard Disk...');
  if (disk.read(0, 1, BOOT_ADDR) !== 1 || wire.read16(BOOT_ADDR + SIGNATURE_OFFSET) !== SIGNATURE) {
    log('Boot failed: not a bootable disk');
    log('No bootable device.');
    return { kind: 'halt', reason: 'No bootable device.' };
  }
  log(`Booting from 0000:${BOOT_ADDR.toString(16)}`);
  return { kind: 'x86', cs: 0, ip: BOOT_ADDR, dl: HARD_DISK };
}

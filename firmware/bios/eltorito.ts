/**
 * El Torito 1.0 boot from the CD-ROM, as SeaBIOS's cdrom_boot: the Boot Record Volume
 * Descriptor at sector 17 ("EL TORITO SPECIFICATION"), the boot catalog it points to (validation
 * entry: header 01h, platform 80x86, key 55AAh; initial entry bootable 88h), the image's 512-byte
 * virtual sectors loaded at its load segment (07C0h when 0), and the specification packet int 13h
 * AH=4Bh returns; for a floppy (media 1-3) or hard-disk (4 and above) image the emulation SeaBIOS
 * sets up (cdemu.ts): drive 00h with the diskette type's geometry and the equipment word's diskette
 * bits, or drive 80h with the geometry of the image's first partition's last CHS and one more hard
 * disk in the BDA.
 */
import type { CpuWire, ProgramExit } from '../../src/spec/cpu-wire.js';
import { CD_SECTOR } from '../../src/spec/atapi.js';
import { BDA, BDA_BASE } from '../../src/spec/bios-data-area.js';
import { cdIsReady, cdRead } from './cdrom.js';
import type { CdDrive } from './cdrom.js';
import { bootEntry } from './boot-entry.js';
import { CDEMU, CDEMU_ADDR, CDEMU_SIZE } from './cdemu.js';

/** The CD-ROM's BIOS drive number (SeaBIOS's EXTSTART_CD; the first CD-ROM). */
export const CD_DRIVE = 0xe0;
const BOOT_RECORD_LBA = 0x11;
const BOOT_RECORD_ID = 'CD001\x01EL TORITO SPECIFICATION';
const DEFAULT_LOAD_SEGMENT = 0x07c0;
/** Where the descriptor and the catalog are read (the boot image's own place, overwritten after). */
const SCRATCH = 0x7c00;
/** Floppy emulation geometry by media type (SeaBIOS's CDEmu.chs: last head, sectors, last cylinder). */
const FLOPPY_CHS: Readonly<Record<number, readonly [number, number, number]>> = { 1: [1, 15, 79], 2: [1, 18, 79], 3: [1, 36, 79] };
/** The MBR's first partition entry's ending CHS (head, sector | cylinder bits 8-9, cylinder bits 0-7). */
const MBR_PART0_LAST = 0x1be + 5;
const EQUIPMENT_DISKETTE = 0x41;
const MAX_CHUNK = 64 * 1024 / CD_SECTOR;

/** SeaBIOS's cdrom_boot: the load segment and boot drive when the image is in memory, else its failure code. */
function load(wire: CpuWire, cd: CdDrive, log: (line: string) => void): number | { segment: number; drive: number } {
  cdIsReady(wire, cd, log);
  if (!cdRead(cd, BOOT_RECORD_LBA, 1, SCRATCH)) return 3;
  const vd = wire.readBytes(SCRATCH, CD_SECTOR);
  if (vd[0] !== 0) return 4;
  if (String.fromCharCode(...vd.subarray(1, 1 + BOOT_RECORD_ID.length)) !== BOOT_RECORD_ID || vd[1 + BOOT_RECORD_ID.length] !== 0) return 5;
  const catalog = wire.read32(SCRATCH + 0x47) >>> 0;
  if (!cdRead(cd, catalog, 1, SCRATCH)) return 7;
  const c = wire.readBytes(SCRATCH, 0x30);
  if (c[0] !== 0x01) return 8;
  if (c[1] !== 0x00) return 9;
  if (c[0x1e] !== 0x55 || c[0x1f] !== 0xaa) return 10;
  if (c[0x20] !== 0x88) return 11;
  const media = c[0x21]!;
  const segment = (c[0x22]! | (c[0x23]! << 8)) || DEFAULT_LOAD_SEGMENT;
  const count = c[0x26]! | (c[0x27]! << 8);
  const lba = (c[0x28]! | (c[0x29]! << 8) | (c[0x2a]! << 16) | (c[0x2b]! << 24)) >>> 0;
  const p = wire.readBytes(CDEMU_ADDR, CDEMU_SIZE);
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  dv.setUint16(CDEMU.loadSegment, segment, true);
  dv.setUint16(CDEMU.bufferSegment, 0, true);
  dv.setUint16(CDEMU.sectorCount, count, true);
  dv.setUint32(CDEMU.ilba, lba, true);
  p[CDEMU.controller] = cd.controller;
  dv.setUint16(CDEMU.deviceSpec, cd.device, true);
  wire.writeBytes(CDEMU_ADDR, p);
  let blocks = Math.ceil(count / 4);
  let at = lba;
  let addr = segment * 16;
  while (blocks > 0) {
    const n = Math.min(blocks, MAX_CHUNK);
    if (!cdRead(cd, at, n, addr)) return 12;
    blocks -= n;
    at += n;
    addr += n * CD_SECTOR;
  }
  if (media === 0) {
    wire.write8(CDEMU_ADDR + CDEMU.emulatedDrive, CD_DRIVE);
    return { segment, drive: CD_DRIVE };
  }
  let drive: number;
  let chs: readonly number[];
  if (media < 4) {
    drive = 0x00;
    const eq = BDA_BASE + BDA.equipment;
    wire.write16(eq, wire.read16(eq) | EQUIPMENT_DISKETTE);
    chs = FLOPPY_CHS[media]!;
  } else {
    drive = 0x80;
    wire.write8(BDA_BASE + BDA.diskCount, wire.read8(BDA_BASE + BDA.diskCount) + 1);
    chs = [...wire.readBytes(segment * 16 + MBR_PART0_LAST, 3)];
  }
  wire.write8(CDEMU_ADDR + CDEMU.emulatedDrive, drive);
  wire.writeBytes(CDEMU_ADDR + CDEMU.heads, Uint8Array.from(chs));
  wire.write8(CDEMU_ADDR + CDEMU.media, media);
  return { segment, drive };
}

/** "Booting from DVD/CD...": the boot image entered at its load segment (canonicalised to seg:ip as SeaBIOS), DL = the boot drive (E0h, or the emulated 00h / 80h). */
export function bootFromCdrom(wire: CpuWire, cd: CdDrive, log: (line: string) => void): ProgramExit | undefined {
  log('Booting from DVD/CD...');
  const r = load(wire, cd, log);
  if (typeof r === 'number') {
    log(`Boot failed: Could not read from CDROM (code ${r.toString(16).padStart(4, '0')})`);
    return undefined;
  }
  const cs = r.segment & 0xf000;
  const ip = (r.segment & 0x0fff) << 4;
  log(`Booting from ${cs.toString(16).padStart(4, '0')}:${ip.toString(16).padStart(4, '0')}`);
  return bootEntry(cs, ip, r.drive);
}


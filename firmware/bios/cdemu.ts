/**
 * El Torito floppy and hard-disk emulation, as SeaBIOS 1.16.2's CDEmu (cdrom.c): the emulation state
 * is SeaBIOS's struct eltorito_s — the specification packet int 13h AH=4Bh returns — kept in the EBDA;
 * reads of the emulated drive are 512-byte sectors from the image's first CD sector (`ilba`): virtual
 * sector n is the quarter n & 3 of CD sector ilba + n / 4 (cdemu_read: a partial first and last CD sector
 * through a bounce buffer, the whole ones straight to the caller's buffer).
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { EBDA_FWLAB, EBDA_SEGMENT } from '../../src/spec/bios-data-area.js';
import { CD_SECTOR } from '../../src/spec/atapi.js';
import { cdRead } from './cdrom.js';
import type { CdDrive } from './cdrom.js';

/** struct eltorito_s (El Torito 1.0 §5.3 Table 13): 13h bytes. */
export const CDEMU = {
  size: 0x00, media: 0x01, emulatedDrive: 0x02, controller: 0x03, ilba: 0x04, deviceSpec: 0x08,
  bufferSegment: 0x0a, loadSegment: 0x0c, sectorCount: 0x0e, heads: 0x10, sptcyl: 0x11, cyllow: 0x12,
} as const;
export const CDEMU_SIZE = 0x13;
export const CDEMU_ADDR = EBDA_SEGMENT * 16 + EBDA_FWLAB.elTorito;
const VSECTOR = 512;
const PER_CD = CD_SECTOR / VSECTOR;
/** The bounce buffer for partial CD sectors: guest memory saved before and put back after (int 13h leaves no trace). */
const BOUNCE = 0x7000;
/** SeaBIOS's DISK_RET_EBADTRACK, what its ATAPI drivers answer a failed read with. */
const RET_EBADTRACK = 0x0c;

export interface Emulation {
  readonly media: number;
  readonly drive: number;
  readonly ilba: number;
  /** The logical geometry (getLCHS on the emulated drive). */
  readonly cylinders: number;
  readonly heads: number;
  readonly spt: number;
}

/** The emulation in force (CDEmu.media non-zero), if any. */
export function activeEmulation(wire: CpuWire): Emulation | undefined {
  const media = wire.read8(CDEMU_ADDR + CDEMU.media);
  if (!media) return undefined;
  const sptcyl = wire.read8(CDEMU_ADDR + CDEMU.sptcyl);
  return {
    media,
    drive: wire.read8(CDEMU_ADDR + CDEMU.emulatedDrive),
    ilba: wire.read32(CDEMU_ADDR + CDEMU.ilba) >>> 0,
    cylinders: wire.read8(CDEMU_ADDR + CDEMU.cyllow) + ((sptcyl << 2) & 0x300) + 1,
    heads: wire.read8(CDEMU_ADDR + CDEMU.heads) + 1,
    spt: sptcyl & 0x3f,
  };
}

/** One CD sector's quarters [from, from + n) to `addr`, through the bounce buffer. */
function partial(wire: CpuWire, cd: CdDrive, lba: number, from: number, n: number, addr: number): boolean {
  const saved = wire.readBytes(BOUNCE, CD_SECTOR);
  const ok = cdRead(cd, lba, 1, BOUNCE);
  const data = ok ? wire.readBytes(BOUNCE + from * VSECTOR, n * VSECTOR) : undefined;
  wire.writeBytes(BOUNCE, saved);
  if (data) wire.writeBytes(addr, data);
  return ok;
}

/** cdemu_read: `count` virtual sectors from `lba` to `addr`; the status and the sectors moved. */
export function cdemuRead(wire: CpuWire, cd: CdDrive, emu: Emulation, lba: number, count: number, addr: number): { status: number; count: number } {
  let block = emu.ilba + Math.floor(lba / PER_CD);
  let left = count;
  let done = 0;
  const first = lba % PER_CD;
  if (first) {
    const n = Math.min(PER_CD - first, left);
    if (!partial(wire, cd, block, first, n, addr)) return { status: RET_EBADTRACK, count: done };
    left -= n;
    done += n;
    addr += n * VSECTOR;
    block++;
  }
  if (left >= PER_CD) {
    const blocks = Math.floor(left / PER_CD);
    if (!cdRead(cd, block, blocks, addr)) return { status: RET_EBADTRACK, count: done };
    done += blocks * PER_CD;
    left -= blocks * PER_CD;
    addr += blocks * CD_SECTOR;
    block += blocks;
  }
  if (left) {
    if (!partial(wire, cd, block, 0, left, addr)) return { status: RET_EBADTRACK, count: done };
    done += left;
  }
  return { status: 0, count: done };
}

/** AH=4Bh: the packet to `to`; AL=00h also ends the emulation (the drive counts stay, as SeaBIOS's cdemu_134b). */
export function elToritoStatus(wire: CpuWire, to: number, terminate: boolean): void {
  wire.writeBytes(to, wire.readBytes(CDEMU_ADDR, CDEMU_SIZE));
  if (terminate) wire.write8(CDEMU_ADDR + CDEMU.media, 0);
}

/** POST: SeaBIOS's CDEmu starts as { size: 13h } and zeros. */
export function resetCdemu(wire: CpuWire): void {
  const p = new Uint8Array(CDEMU_SIZE);
  p[CDEMU.size] = CDEMU_SIZE;
  wire.writeBytes(CDEMU_ADDR, p);
}

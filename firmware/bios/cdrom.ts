/**
 * The CD-ROM drive E0h (SeaBIOS's EXTSTART_CD): where it is (an AHCI port on q35, an IDE unit on pc,
 * recorded in the EBDA at POST so int 13h keeps no firmware state), SCSI commands to it, and
 * SeaBIOS's scsi_is_ready (TEST UNIT READY, REQUEST SENSE, three "medium not present" answers).
 */
import type { CpuWire } from '../../src/spec/cpu-wire.js';
import { EBDA_FWLAB, EBDA_SEGMENT } from '../../src/spec/bios-data-area.js';
import { ASC_MEDIUM_NOT_PRESENT, CD_SECTOR, SCSI } from '../../src/spec/atapi.js';
import { ahciPacket } from './ahci.js';
import type { AhciDisk } from './ahci.js';
import { idePacket } from './atapi-pio.js';
import type { IdeCdrom } from './atapi-pio.js';

const EBDA = EBDA_SEGMENT * 16;
const KIND_AHCI = 1;
const KIND_IDE = 2;
/** Where REQUEST SENSE data lands while the firmware asks (below the boot sector area). */
const SENSE_BUFFER = 0x7000;
const SENSE_LENGTH = 18;

export type CdLocation = { readonly kind: 'ahci'; readonly disk: AhciDisk } | { readonly kind: 'ide'; readonly cd: IdeCdrom };

export interface CdDrive {
  readonly location: CdLocation;
  /** The El Torito controller index and device (SeaBIOS: cntl_id / 2 and % 2; cntl_id = AHCI port or 2 × channel + unit). */
  readonly controller: number;
  readonly device: number;
  command(cdb: Uint8Array, addr: number, bytes: number): boolean;
}

export function recordCdrom(wire: CpuWire, loc: CdLocation): void {
  wire.write8(EBDA + EBDA_FWLAB.cdKind, loc.kind === 'ahci' ? KIND_AHCI : KIND_IDE);
  if (loc.kind === 'ahci') {
    const d = loc.disk;
    wire.write8(EBDA + EBDA_FWLAB.cdUnit, d.port);
    wire.write32(EBDA + EBDA_FWLAB.cdAbar, d.abar);
    wire.write32(EBDA + EBDA_FWLAB.cdList, d.list);
    wire.write32(EBDA + EBDA_FWLAB.cdFis, d.fis);
    wire.write32(EBDA + EBDA_FWLAB.cdCmd, d.cmd);
  } else {
    wire.write8(EBDA + EBDA_FWLAB.cdUnit, loc.cd.unit);
    wire.write16(EBDA + EBDA_FWLAB.cdIdeBase, loc.cd.base);
  }
}

export function cdDrive(wire: CpuWire, location: CdLocation): CdDrive {
  const cntl = location.kind === 'ahci' ? location.disk.port : (location.cd.base === 0x1f0 ? 0 : 2) + location.cd.unit;
  return {
    location,
    controller: cntl >> 1,
    device: cntl & 1,
    command: (cdb, addr, bytes) => (location.kind === 'ahci'
      ? ahciPacket(wire, location.disk, cdb, addr, bytes) : idePacket(wire, location.cd, cdb, addr, bytes)),
  };
}

/** The CD-ROM recorded at POST, if any. */
export function openCdrom(wire: CpuWire): CdDrive | undefined {
  const kind = wire.read8(EBDA + EBDA_FWLAB.cdKind);
  const unit = wire.read8(EBDA + EBDA_FWLAB.cdUnit);
  if (kind === KIND_AHCI) {
    return cdDrive(wire, { kind: 'ahci', disk: {
      abar: wire.read32(EBDA + EBDA_FWLAB.cdAbar) >>> 0, port: unit, list: wire.read32(EBDA + EBDA_FWLAB.cdList) >>> 0,
      fis: wire.read32(EBDA + EBDA_FWLAB.cdFis) >>> 0, cmd: wire.read32(EBDA + EBDA_FWLAB.cdCmd) >>> 0,
    } });
  }
  if (kind === KIND_IDE) return cdDrive(wire, { kind: 'ide', cd: { base: wire.read16(EBDA + EBDA_FWLAB.cdIdeBase), unit: (unit & 1) as 0 | 1 } });
  return undefined;
}

/** READ(10): `count` 2048-byte blocks at `lba` to `addr`. */
export function cdRead(cd: CdDrive, lba: number, count: number, addr: number): boolean {
  const cdb = new Uint8Array(12);
  cdb[0] = SCSI.READ_10;
  cdb[2] = lba >>> 24; cdb[3] = (lba >>> 16) & 0xff; cdb[4] = (lba >>> 8) & 0xff; cdb[5] = lba & 0xff;
  cdb[7] = count >> 8; cdb[8] = count & 0xff;
  return cd.command(cdb, addr, count * CD_SECTOR);
}

/** SeaBIOS's scsi_is_ready: TEST UNIT READY until it succeeds or the device said "medium not present" three times. */
export function cdIsReady(wire: CpuWire, cd: CdDrive, log: (line: string) => void): boolean {
  let tries = 3;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (cd.command(Uint8Array.of(SCSI.TEST_UNIT_READY), 0, 0)) return true;
    if (!cd.command(Uint8Array.of(SCSI.REQUEST_SENSE, 0, 0, 0, SENSE_LENGTH), SENSE_BUFFER, SENSE_LENGTH)) continue;
    if (wire.read8(SENSE_BUFFER + 12) === ASC_MEDIUM_NOT_PRESENT) {
      tries--;
      log(`Device reports MEDIUM NOT PRESENT - ${tries} tries left`);
      if (!tries) return false;
    }
  }
  return false;
}

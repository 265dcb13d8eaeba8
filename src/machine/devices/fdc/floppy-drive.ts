/**
 * One floppy drive behind the controller, as QEMU 7.2's FDrive: the head position, the medium's
 * geometry and data rate, the disk-change line. A drive can be absent (no drive), empty (a drive
 * without medium: QEMU's default drive A) or hold a raw image.
 */
import type { BlockBackend } from '../ata-channel.js';
import { pickFormat, FALLBACK_DRIVE_TYPE } from './fd-formats.js';
import type { FloppyDriveType } from './fd-formats.js';

export const FD_SECTOR = 512;

/** fd_seek's answers. */
export const SEEK_SAME = 0;
export const SEEK_MOVED = 1;
export const SEEK_BAD_TRACK = 2;
export const SEEK_BAD_SECTOR = 3;

export class FloppyDrive {
  /** The drive's type ('none' without a drive); an empty drive is the fallback type, as QEMU's pick_drive_type. */
  readonly type: FloppyDriveType;
  head = 0;
  track = 0;
  sect = 0;
  doubleSided = false;
  lastSect = 0;
  maxTrack = 0;
  readOnly = true;
  mediaChanged = 1;
  mediaRate = 0;
  perpendicular = 0;

  /**
   * `present`: a drive is connected; `medium`: its image (undefined: empty). Geometry as fd_revalidate:
   * an empty drive gets bounds 0xFF so seeks move the head ("fd_empty_seek_hack").
   */
  constructor(readonly present: boolean, medium: BlockBackend | undefined) {
    this.#medium = medium;
    if (!present) {
      this.type = 'none';
      return;
    }
    this.type = medium ? pickFormat(medium.sectors).drive : FALLBACK_DRIVE_TYPE;
    this.revalidate();
  }

  #medium: BlockBackend | undefined;

  get medium(): BlockBackend | undefined {
    return this.#medium;
  }

  /**
   * A medium inserted or removed at run time (QEMU's fd_change_cb): the disk-change line goes up
   * (DIR bit 7, down again at the next seek to another cylinder with a medium in) and the geometry
   * is taken again for the drive's type.
   */
  changeMedium(medium: BlockBackend | undefined): void {
    this.#medium = medium;
    this.mediaChanged = 1;
    this.revalidate();
  }

  /** fd_revalidate: the geometry of the medium for this drive type; without one, bounds 0xFF. */
  private revalidate(): void {
    const medium = this.#medium;
    if (!medium) {
      this.doubleSided = false;
      this.lastSect = 0xff;
      this.maxTrack = 0xff;
      this.readOnly = true;
      return;
    }
    const fmt = pickFormat(medium.sectors, this.type === 'none' ? undefined : this.type);
    this.doubleSided = fmt.maxHead !== 0;
    this.lastSect = fmt.lastSect;
    this.maxTrack = fmt.maxTrack;
    this.mediaRate = fmt.rate;
    this.readOnly = medium.readOnly;
  }

  get inserted(): boolean {
    return this.medium !== undefined;
  }

  get sides(): number {
    return this.doubleSided ? 2 : 1;
  }

  /** The LBA of a position (fd_sector_calc; sector 0 gives −1 as in QEMU's unsigned wrap). */
  sectorOf(head: number, track: number, sect: number): number {
    return (track * this.sides + head) * this.lastSect + sect - 1;
  }

  get sector(): number {
    return this.sectorOf(this.head, this.track, this.sect);
  }

  /** fd_seek: move to (head, track, sect) when it is on the medium. */
  seek(head: number, track: number, sect: number): number {
    if (track > this.maxTrack || (head !== 0 && !this.doubleSided)) return SEEK_BAD_TRACK;
    if (sect > this.lastSect) return SEEK_BAD_SECTOR;
    let ret = SEEK_SAME;
    if (this.sectorOf(head, track, sect) !== this.sector) {
      this.head = head;
      if (this.track !== track) {
        if (this.inserted) this.mediaChanged = 0;
        ret = SEEK_MOVED;
      }
      this.track = track;
      this.sect = sect;
    }
    return this.inserted ? ret : SEEK_BAD_TRACK;
  }

  recalibrate(): void {
    this.seek(0, 0, 1);
  }

  /** One sector at the head (blk_pread; a sector past the image's end fails: false). */
  readSector(out: Uint8Array): boolean {
    const lba = this.sector;
    if (!this.medium || lba < 0 || lba >= this.medium.sectors) return false;
    this.medium.read(lba, out.subarray(0, FD_SECTOR));
    return true;
  }

  writeSector(data: Uint8Array): boolean {
    const lba = this.sector;
    if (!this.medium || this.medium.readOnly || lba < 0 || lba >= this.medium.sectors) return false;
    this.medium.write(lba, data.slice(0, FD_SECTOR));
    return true;
  }

  saveState(): Record<string, number> {
    return { head: this.head, track: this.track, sect: this.sect, lastSect: this.lastSect, mediaChanged: this.mediaChanged, perpendicular: this.perpendicular };
  }

  loadState(s: Record<string, number>): void {
    this.head = s.head ?? 0;
    this.track = s.track ?? 0;
    this.sect = s.sect ?? 0;
    this.lastSect = s.lastSect ?? this.lastSect;
    this.mediaChanged = s.mediaChanged ?? 1;
    this.perpendicular = s.perpendicular ?? 0;
  }
}

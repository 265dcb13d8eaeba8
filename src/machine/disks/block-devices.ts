/**
 * The machine's drives as QEMU's block layer names them (hw/block's BlockBackend: `ide1-cd0`,
 * `floppy0`, ...), with what the monitor's media commands need: whether the medium is removable,
 * whether the device has a tray, and QEMU's device callbacks (change_media_cb, eject_request_cb,
 * is_tray_open, is_medium_locked) over fwlab's CD-ROM unit and floppy drive.
 */
import { readFileSync } from 'node:fs';
import type { BlockBackend } from '../devices/ata-channel.js';
import { SECTOR } from '../devices/ata-channel.js';
import { cdMediumOf } from '../devices/atapi/mmc-cdrom.js';
import type { MmcCdrom } from '../devices/atapi/mmc-cdrom.js';
import type { FloppyDrive } from '../devices/fdc/floppy-drive.js';

/** An image in a drive: the file as given and whether it was opened read-only. */
export interface InsertedMedium {
  readonly file: string;
  readonly readOnly: boolean;
  readonly backend: BlockBackend;
}

export interface BlockDevice {
  /** QEMU's drive name: ide<bus>-<cd|hd><unit>, floppy<unit>. */
  readonly name: string;
  readonly kind: 'cdrom' | 'floppy' | 'disk';
  readonly removable: boolean;
  readonly hasTray: boolean;
  /** The drive's readonly= option (blockdev-change-medium's read-only-mode "retain"). */
  readonly originalReadOnly: boolean;
  medium: InsertedMedium | undefined;
  isTrayOpen(): boolean;
  isLocked(): boolean;
  /** change_media_cb: `load` true closes the tray / announces a new medium. */
  changeMedia(load: boolean): void;
  ejectRequest(force: boolean): void;
  /** blk_insert_bs / blk_remove_bs: the medium behind the device, no callback. */
  setMedium(m: InsertedMedium | undefined): void;
  /** The guest moved the tray (START STOP UNIT): set by the monitor for DEVICE_TRAY_MOVED. */
  onGuestTray: ((open: boolean) => void) | undefined;
}

/** QEMU's if=ide drive name: pc has two units per bus, q35's AHCI one per port. */
export const ideDriveName = (index: number, cdrom: boolean, q35: boolean): string =>
  `ide${q35 ? index : index >> 1}-${cdrom ? 'cd' : 'hd'}${q35 ? 0 : index & 1}`;

export function cdromBlockDevice(name: string, mmc: MmcCdrom, medium: InsertedMedium | undefined): BlockDevice {
  const dev: BlockDevice = {
    name, kind: 'cdrom', removable: true, hasTray: true, originalReadOnly: true, medium,
    isTrayOpen: () => mmc.isTrayOpen,
    isLocked: () => mmc.isLocked,
    changeMedia: (load) => mmc.changeTray(load),
    ejectRequest: (force) => mmc.requestEject(force),
    setMedium: (m) => {
      dev.medium = m;
      mmc.setMedium(m ? cdMediumOf(m.backend) : undefined);
    },
    onGuestTray: undefined,
  };
  mmc.onTrayMoved = (open) => dev.onGuestTray?.(open);
  return dev;
}

/** A floppy drive has no tray: the medium changes when it is inserted or removed (fd_change_cb). */
export function floppyBlockDevice(name: string, drive: FloppyDrive, medium: InsertedMedium | undefined, readOnly: boolean): BlockDevice {
  const dev: BlockDevice = {
    name, kind: 'floppy', removable: true, hasTray: false, originalReadOnly: readOnly, medium,
    isTrayOpen: () => false,
    isLocked: () => false,
    changeMedia: () => drive.changeMedium(dev.medium?.backend),
    ejectRequest: () => {},
    setMedium: (m) => { dev.medium = m; },
    onGuestTray: undefined,
  };
  return dev;
}

export function diskBlockDevice(name: string, medium: InsertedMedium): BlockDevice {
  return {
    name, kind: 'disk', removable: false, hasTray: false, originalReadOnly: medium.readOnly, medium,
    isTrayOpen: () => false, isLocked: () => false, changeMedia: () => {}, ejectRequest: () => {}, setMedium: () => {},
    onGuestTray: undefined,
  };
}

/** The image size in bytes. */
export const mediumBytes = (m: InsertedMedium): number => m.backend.sectors * SECTOR;

/**
 * A raw image opened for a drive at run time (blockdev-change-medium): read into memory, the guest's
 * writes stay there. Fails with QEMU's "Could not open 'FILE': REASON".
 */
export function openMediumImage(file: string, readOnly: boolean): InsertedMedium {
  let image: Uint8Array;
  try {
    image = new Uint8Array(readFileSync(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'No such file or directory' : code === 'EACCES' ? 'Permission denied' : code === 'EISDIR' ? 'Is a directory' : String(code);
    throw new Error(`Could not open '${file}': ${reason}`);
  }
  const backend: BlockBackend = {
    sectors: Math.floor(image.length / SECTOR),
    readOnly,
    read: (lba, out) => out.set(image.subarray(lba * SECTOR, lba * SECTOR + out.length)),
    write: (lba, data) => image.set(data, lba * SECTOR),
  };
  return { file, readOnly, backend };
}

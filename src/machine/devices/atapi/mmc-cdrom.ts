import {
  ASC_INVALID_FIELD_IN_CDB, ASC_INVALID_OPCODE, ASC_LBA_OUT_OF_RANGE, ASC_MEDIUM_MAY_HAVE_CHANGED, ASC_MEDIUM_NOT_PRESENT,
  ASC_MEDIUM_REMOVAL_PREVENTED, ASC_SAVING_PARAMETERS_NOT_SUPPORTED, CD_SECTOR, SCSI, SENSE_ILLEGAL_REQUEST, SENSE_NO_SENSE,
  SENSE_NOT_READY, SENSE_UNIT_ATTENTION,
} from '../../../spec/atapi.js';
import type { JsonValue } from '../../snapshot/part-state.js';
import { bool, num } from '../../snapshot/part-state.js';
import { logger } from '../../../lib/log.js';

const log = logger('atapi');

/** A CD medium: `blocks` 2048-byte logical blocks. */
export interface CdMedium {
  readonly blocks: number;
  read(lba: number, out: Uint8Array): void;
}

export interface MmcFailure {
  readonly key: number;
  readonly asc: number;
  readonly ascq: number;
  /**
   * A command refused while a unit attention is pending (QEMU's ide_atapi_cmd_check_status): the
   * error register gets MC as well, the status ERR alone, the interrupt reason 0.
   */
  readonly checkStatus?: true;
}

/** What a command did: the data for the host (already cut to the allocation length), or CHECK CONDITION. */
export type MmcResult = { readonly ok: true; readonly data: Uint8Array | undefined } | ({ readonly ok: false } & MmcFailure);

/** 80 minutes of 75 blocks a second: a bigger medium is a DVD (QEMU's media_is_dvd). */
const CD_MAX_BLOCKS = 80 * 60 * 75;
const PROFILE_DVD_ROM = 0x0010;
const PROFILE_CD_ROM = 0x0008;
const MODE_PAGE_ERROR_RECOVERY = 0x01;
const MODE_PAGE_CAPABILITIES = 0x2a;
/** MMC-5 §6.7: the medium type byte of the mode parameter header QEMU reports. */
const MODE_MEDIUM_TYPE = 0x70;
const GESN_POLLED = 0x01;
const GESN_MEDIA = 4;
const GESN_NEA = 0x80;
const MEC_EJECT_REQUESTED = 1;
const MEC_NEW_MEDIA = 2;
/** GESN media status (MMC-5 Table 144): tray open, medium present. */
const MS_TRAY_OPEN = 1;
const MS_MEDIA_PRESENT = 2;

/** Commands answered while a unit attention is pending (SPC-3 §5.9.7, as QEMU's ALLOW_UA). */
const ALLOW_UA = new Set<number>([SCSI.INQUIRY, SCSI.REQUEST_SENSE, SCSI.GET_CONFIGURATION, SCSI.GET_EVENT_STATUS_NOTIFICATION]);
/** Commands that need a medium (QEMU's CHECK_READY). */
const CHECK_READY = new Set<number>([SCSI.TEST_UNIT_READY, SCSI.READ_CAPACITY_10, SCSI.READ_10, SCSI.READ_12, SCSI.SEEK_10,
  SCSI.READ_TOC, SCSI.READ_DISC_INFORMATION]);

const be16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24; b[at + 1] = (v >>> 16) & 0xff; b[at + 2] = (v >>> 8) & 0xff; b[at + 3] = v & 0xff;
}
const ascii = (s: string, n: number): number[] => [...s.padEnd(n, ' ')].map((c) => c.charCodeAt(0));

/**
 * The SCSI/MMC logical unit of QEMU 7.2's ide-cd, without its transport: a CDB in, data or CHECK
 * CONDITION out, with the sense data REQUEST SENSE returns. The answers are QEMU's (recorded in
 * test/fixtures/qtest/atapi-*.trace): INQUIRY "QEMU DVD-ROM", MODE SENSE(10) pages 01h/2Ah, GET
 * CONFIGURATION with the profile list only, READ TOC formats 0 and 1, GET EVENT STATUS NOTIFICATION
 * (polled, media class). Sense stays until the next error; REQUEST SENSE clears a unit attention.
 */
export class MmcCdrom {
  private senseKey = SENSE_NO_SENSE;
  private asc = 0;
  private ascq = 0;
  private locked = false;
  private newMedia = false;
  private ejectRequest = false;
  /** The tray (QEMU's tray_open): open, the medium (if any) is not readable. */
  private trayOpen = false;
  /** After a change with the tray closed: 1 → the next command reports NOT READY, 2 → UNIT ATTENTION (QEMU's cdrom_changed). */
  private changed = 0;
  /** The host side: DEVICE_TRAY_MOVED when the guest opens or closes the tray (START STOP UNIT). */
  onTrayMoved: ((open: boolean) => void) | undefined;
  /**
   * The start of the device's I/O buffer: the last packet or data put there (QEMU builds replies in
   * it, whole, before the allocation length cuts them). A packet sent without the AHCI ATAPI bit is
   * read from it.
   */
  readonly ioBuffer = new Uint8Array(16);

  fillIoBuffer(data: Uint8Array): void {
    this.ioBuffer.set(data.subarray(0, this.ioBuffer.length));
  }

  constructor(private medium: CdMedium | undefined) {}

  get hasMedium(): boolean {
    return this.medium !== undefined;
  }

  get isTrayOpen(): boolean {
    return this.trayOpen;
  }

  /** PREVENT ALLOW MEDIUM REMOVAL's lock (QEMU's tray_locked). */
  get isLocked(): boolean {
    return this.locked;
  }

  get mediumBlocks(): number | undefined {
    return this.medium?.blocks;
  }

  /**
   * The host moved the tray (QEMU's ide_cd_change_cb): `load` closes it, else it opens; the guest
   * then sees NOT READY, then UNIT ATTENTION (MEDIUM MAY HAVE CHANGED), and a new-media event.
   */
  changeTray(load: boolean): void {
    this.trayOpen = !load;
    this.changed = 1;
    this.newMedia = true;
    this.ejectRequest = false;
  }

  /** The host asked for the tray while the guest holds it locked (ide_cd_eject_request_cb); `force` unlocks it. */
  requestEject(force: boolean): void {
    this.ejectRequest = true;
    if (force) this.locked = false;
  }

  /** The medium behind the tray (QEMU's blk_insert_bs / blk_remove_bs): the tray is moved apart. */
  setMedium(medium: CdMedium | undefined): void {
    this.medium = medium;
  }

  saveState(): Record<string, JsonValue> {
    return { senseKey: this.senseKey, asc: this.asc, ascq: this.ascq, locked: this.locked, newMedia: this.newMedia,
      ejectRequest: this.ejectRequest, trayOpen: this.trayOpen, changed: this.changed };
  }

  loadState(o: Record<string, JsonValue>): void {
    this.senseKey = num(o, 'senseKey'); this.asc = num(o, 'asc'); this.ascq = num(o, 'ascq');
    this.locked = bool(o, 'locked'); this.newMedia = bool(o, 'newMedia');
    this.ejectRequest = o.ejectRequest === true; this.trayOpen = o.trayOpen === true;
    this.changed = typeof o.changed === 'number' ? o.changed : 0;
  }

  private fail(key: number, asc: number, ascq = 0): MmcResult {
    this.senseKey = key; this.asc = asc; this.ascq = ascq;
    log('CHECK CONDITION %s/%s/%s', key.toString(16), asc.toString(16), ascq.toString(16));
    return { ok: false, key, asc, ascq };
  }

  private reply(data: Uint8Array, alloc: number): MmcResult {
    const out = data.subarray(0, Math.min(data.length, alloc));
    this.fillIoBuffer(data);
    return { ok: true, data: out.length > 0 ? out : undefined };
  }

  run(cdb: Uint8Array): MmcResult {
    const op = cdb[0]!;
    const allowUa = ALLOW_UA.has(op);
    // QEMU's ide_atapi_cmd: a pending unit attention refuses the command, sense unchanged.
    if (this.senseKey === SENSE_UNIT_ATTENTION && !allowUa) return { ok: false, key: SENSE_UNIT_ATTENTION, asc: this.asc, ascq: this.ascq, checkStatus: true };
    // After a change: first "medium not present" (the guest sees the tray open), then the unit attention.
    if (!allowUa && !this.trayOpen && this.medium && this.changed) {
      if (this.changed === 1) {
        this.changed = 2;
        return this.fail(SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT);
      }
      this.changed = 0;
      return this.fail(SENSE_UNIT_ATTENTION, ASC_MEDIUM_MAY_HAVE_CHANGED);
    }
    if (CHECK_READY.has(op) && (this.trayOpen || !this.medium)) return this.fail(SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT);
    const medium = this.medium;
    switch (op) {
      case SCSI.TEST_UNIT_READY: case SCSI.SEEK_10: case SCSI.SET_CD_SPEED: return { ok: true, data: undefined };
      case SCSI.REQUEST_SENSE: return this.requestSense(cdb[4]!);
      case SCSI.INQUIRY: return this.reply(Uint8Array.from([0x05, 0x80, 0x00, 0x21, 0x1f, 0, 0, 0, ...ascii('QEMU', 8),
        ...ascii('QEMU DVD-ROM', 16), ...ascii('2.5+', 4)]), cdb[4]!);
      case SCSI.READ_CAPACITY_10: {
        const b = new Uint8Array(8);
        put32(b, 0, medium!.blocks - 1);
        put32(b, 4, CD_SECTOR);
        return this.reply(b, 8);
      }
      case SCSI.READ_10: return this.read(be32(cdb, 2), be16(cdb, 7));
      case SCSI.READ_12: return this.read(be32(cdb, 2), be32(cdb, 6));
      case SCSI.MODE_SENSE_10: return this.modeSense(cdb);
      case SCSI.GET_CONFIGURATION: return this.getConfiguration(be16(cdb, 7));
      case SCSI.READ_TOC: return this.readToc(cdb);
      case SCSI.GET_EVENT_STATUS_NOTIFICATION: return this.eventStatus(cdb);
      case SCSI.PREVENT_ALLOW_MEDIUM_REMOVAL:
        this.locked = (cdb[4]! & 1) !== 0;
        return { ok: true, data: undefined };
      case SCSI.START_STOP_UNIT: return this.startStop(cdb[4]!);
      case SCSI.READ_DISC_INFORMATION: {
        if (cdb[1]! & 7) return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD_IN_CDB);
        const b = new Uint8Array(32);
        // length, complete session / finalized disc, first track 1, one session, tracks 1..1, unrestricted use
        b.set([0x00, 0x20, 0x0e, 0x01, 0x01, 0x01, 0x01, 0x20]);
        return this.reply(b, be16(cdb, 7));
      }
      case SCSI.MECHANISM_STATUS: {
        const b = new Uint8Array(8);
        b[5] = 1; // one slot
        return this.reply(b, be16(cdb, 8));
      }
      default:
        return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_OPCODE);
    }
  }

  private requestSense(alloc: number): MmcResult {
    const b = new Uint8Array(18);
    b[0] = 0xf0; // valid, current errors
    b[2] = this.senseKey;
    b[7] = 10;
    b[12] = this.asc;
    b[13] = this.ascq;
    if (this.senseKey === SENSE_UNIT_ATTENTION) this.senseKey = SENSE_NO_SENSE;
    return this.reply(b, alloc);
  }

  private read(lba: number, count: number): MmcResult {
    const medium = this.medium!;
    if (count === 0) return { ok: true, data: undefined };
    if (lba + count > medium.blocks) return this.fail(SENSE_ILLEGAL_REQUEST, ASC_LBA_OUT_OF_RANGE);
    const data = new Uint8Array(count * CD_SECTOR);
    for (let i = 0; i < count; i++) medium.read(lba + i, data.subarray(i * CD_SECTOR, (i + 1) * CD_SECTOR));
    this.fillIoBuffer(data);
    return { ok: true, data };
  }

  private modeSense(cdb: Uint8Array): MmcResult {
    const control = cdb[2]! >> 6;
    const page = cdb[2]! & 0x3f;
    if (control === 3) return this.fail(SENSE_ILLEGAL_REQUEST, ASC_SAVING_PARAMETERS_NOT_SUPPORTED);
    if (control === 1) return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD_IN_CDB);
    let body: number[];
    if (page === MODE_PAGE_ERROR_RECOVERY) body = [0x01, 0x06, 0x00, 0x05, 0, 0, 0, 0];
    else if (page === MODE_PAGE_CAPABILITIES) {
      // MMC-5 §7.x capabilities page: reads CD-R/RW, DVD-ROM; audio, multi-session; lock, eject; 706 KB/s
      body = [0x2a, 0x14, 0x3b, 0x00, 0x71, 0x60, 0x29 | (this.locked ? 2 : 0), 0x00, 0x02, 0xc0, 0x00, 0x02, 0x02, 0x00, 0x02, 0xc0,
        0x00, 0x00, 0x00, 0x00];
    } else return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD_IN_CDB);
    const b = Uint8Array.from([0, 0, MODE_MEDIUM_TYPE, 0, 0, 0, 0, 0, ...body]);
    // The bytes after the length field (MMC-5); for the capabilities page QEMU counts the whole reply.
    b[1] = page === MODE_PAGE_CAPABILITIES ? b.length : b.length - 2;
    return this.reply(b, be16(cdb, 7));
  }

  private getConfiguration(alloc: number): MmcResult {
    const medium = this.medium;
    const dvd = medium !== undefined && medium.blocks > CD_MAX_BLOCKS;
    const current = medium === undefined ? 0 : dvd ? PROFILE_DVD_ROM : PROFILE_CD_ROM;
    const b = new Uint8Array(20);
    put32(b, 0, b.length - 4);
    b[6] = current >> 8; b[7] = current & 0xff;
    // Feature 0000h (profile list): persistent, current; DVD-ROM then CD-ROM, the current one flagged.
    b.set([0x00, 0x00, 0x03, 0x08, 0x00, 0x10, current === PROFILE_DVD_ROM ? 1 : 0, 0x00, 0x00, 0x08, current === PROFILE_CD_ROM ? 1 : 0, 0x00], 8);
    return this.reply(b, alloc);
  }

  private readToc(cdb: Uint8Array): MmcResult {
    const msf = (cdb[1]! & 2) !== 0;
    // The format in byte 9 bits 7:6 (SFF-8020); QEMU ignores MMC's byte 2 field.
    const format = cdb[9]! >> 6;
    const start = cdb[6]!;
    const alloc = be16(cdb, 7);
    const blocks = this.medium!.blocks;
    const address = (lba: number): number[] => {
      if (!msf) return [lba >>> 24, (lba >>> 16) & 0xff, (lba >>> 8) & 0xff, lba & 0xff];
      const f = lba + 150;
      return [0, Math.floor(f / (60 * 75)), Math.floor(f / 75) % 60, f % 75];
    };
    if (format === 0) {
      if (start > 1 && start !== 0xaa) return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD_IN_CDB);
      const entries: number[] = [];
      if (start <= 1) entries.push(0, 0x14, 1, 0, ...address(0));
      entries.push(0, 0x16, 0xaa, 0, ...address(blocks));
      const b = Uint8Array.from([0, 0, 1, 1, ...entries]);
      b[1] = b.length - 2;
      return this.reply(b, alloc);
    }
    // Session information: QEMU leaves the track descriptor zero.
    if (format === 1) return this.reply(Uint8Array.from([0, 0x0a, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]), alloc);
    return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD_IN_CDB);
  }

  private eventStatus(cdb: Uint8Array): MmcResult {
    if (!(cdb[1]! & GESN_POLLED)) return this.fail(SENSE_ILLEGAL_REQUEST, ASC_INVALID_FIELD_IN_CDB);
    const alloc = be16(cdb, 7);
    if (!(cdb[4]! & (1 << GESN_MEDIA))) return this.reply(Uint8Array.from([0, 0, GESN_NEA, 1 << GESN_MEDIA]), alloc);
    const status = this.trayOpen ? MS_TRAY_OPEN : this.medium ? MS_MEDIA_PRESENT : 0;
    let event = 0;
    if (status !== MS_TRAY_OPEN) {
      if (this.newMedia) { event = MEC_NEW_MEDIA; this.newMedia = false; }
      else if (this.ejectRequest) { event = MEC_EJECT_REQUESTED; this.ejectRequest = false; }
    }
    return this.reply(Uint8Array.from([0, 4, GESN_MEDIA, 1 << GESN_MEDIA, event, status, 0, 0]), alloc);
  }

  /** QEMU's cmd_start_stop_unit: LoEj with Start clear opens the tray unless locked, with Start set closes it; a power condition does neither. */
  private startStop(flags: number): MmcResult {
    const loadEject = (flags & 2) !== 0;
    const start = (flags & 1) !== 0;
    if (flags & 0xf0 || !loadEject) return { ok: true, data: undefined };
    if (!start && !this.trayOpen && this.locked) {
      return this.fail(this.medium ? SENSE_NOT_READY : SENSE_ILLEGAL_REQUEST, ASC_MEDIUM_REMOVAL_PREVENTED);
    }
    if (this.trayOpen !== !start) {
      this.trayOpen = !start;
      this.onTrayMoved?.(this.trayOpen);
    }
    return { ok: true, data: undefined };
  }
}

/** A medium on a raw image of 512-byte sectors. */
export function cdMediumOf(backend: { readonly sectors: number; read(lba: number, out: Uint8Array): void }): CdMedium {
  return {
    blocks: Math.floor(backend.sectors / 4),
    read: (lba, out) => backend.read(lba * 4, out),
  };
}

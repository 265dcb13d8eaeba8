/**
 * QEMU 7.2's removable-media commands (blockdev.c, block/qapi-sysemu.c): query-block, eject,
 * blockdev-open-tray / -close-tray, blockdev-change-medium and blockdev-remove-medium, with their
 * errors and DEVICE_TRAY_MOVED events (sent when a device's tray changes state, by the host or by
 * the guest's START STOP UNIT). Devices are named as QEMU's drives (ide1-cd0, floppy0); `id` (a qdev
 * id or QOM path) names none in fwlab, whose devices have no qdev ids.
 * Checked against QEMU 7.2: test/fixtures/qemu-7.2/qmp/pc-media.jsonl (test/tools/qmp-media.test.ts).
 */
import type { BlockDevice, InsertedMedium, Machine } from '../../inspect.js';
import { mediumBytes, openMediumImage } from '../../inspect.js';
import { QmpError, genericError, invalidParameterType, stringArg } from './qmp-error.js';

type Args = Readonly<Record<string, unknown>>;
type Emit = (event: string, data: unknown) => void;

/** QEMU's qdev path of a device without an id: fwlab's QOM tree has no such entries, so a stable stand-in. */
const qdevPath = (d: BlockDevice): string => `/machine/unattached/${d.name}`;

function optString(args: Args, name: string): string | undefined {
  const v = args[name];
  if (v !== undefined && typeof v !== 'string') throw invalidParameterType(name, 'string');
  return v;
}

export class MonitorBlock {
  constructor(private readonly machine: Machine, private readonly emit: Emit) {
    for (const d of machine.blockDevices) d.onGuestTray = (open) => this.trayMoved(d, open);
  }

  private trayMoved(d: BlockDevice, open: boolean): void {
    this.emit('DEVICE_TRAY_MOVED', { device: d.name, 'tray-open': open, id: qdevPath(d) });
  }

  /** blk_dev_change_media_cb: the device's callback, then the event when the tray moved. */
  private changeMedia(d: BlockDevice, load: boolean): void {
    const was = d.isTrayOpen();
    d.changeMedia(load);
    if (d.hasTray && was !== d.isTrayOpen()) this.trayMoved(d, d.isTrayOpen());
  }

  /** qmp_get_blk: exactly one of device (a drive name) and id (a qdev id: none in fwlab). */
  private lookup(args: Args): BlockDevice {
    const device = optString(args, 'device');
    const id = optString(args, 'id');
    if ((device === undefined) === (id === undefined)) throw genericError("Need exactly one of 'device' and 'id'");
    const d = device === undefined ? undefined : this.machine.blockDevices.find((x) => x.name === device);
    if (!d) throw new QmpError('DeviceNotFound', `Device '${device ?? id}' not found`);
    return d;
  }

  private removable(d: BlockDevice): BlockDevice {
    if (!d.removable) throw genericError(`Device '${d.name}' is not removable`);
    return d;
  }

  /** do_open_tray; 'locked' when the guest holds the tray and force was not given (the guest was asked). */
  private openTray(d: BlockDevice, force: boolean): 'locked' | undefined {
    this.removable(d);
    if (!d.hasTray || d.isTrayOpen()) return undefined;
    const locked = d.isLocked();
    if (locked) d.ejectRequest(force);
    if (!locked || force) this.changeMedia(d, false);
    return locked && !force ? 'locked' : undefined;
  }

  private lockedError(d: BlockDevice): QmpError {
    return genericError(`Device '${d.name}' is locked and force was not specified, wait for tray to open and try again`);
  }

  private removeMedium(d: BlockDevice): void {
    this.removable(d);
    if (d.hasTray && !d.isTrayOpen()) throw genericError(`Tray of device '${d.name}' is not open`);
    if (!d.medium) return;
    d.setMedium(undefined);
    if (!d.hasTray) this.changeMedia(d, false);
  }

  private closeTray(d: BlockDevice): void {
    this.removable(d);
    if (!d.hasTray || !d.isTrayOpen()) return;
    this.changeMedia(d, true);
  }

  run(name: string, args: Args): unknown {
    switch (name) {
      case 'query-block': return this.machine.blockDevices.map((d) => this.info(d));
      case 'blockdev-open-tray': {
        const d = this.lookup(args);
        if (this.openTray(d, args.force === true) === 'locked') throw this.lockedError(d);
        return {};
      }
      case 'blockdev-close-tray':
        this.closeTray(this.lookup(args));
        return {};
      case 'eject': {
        const d = this.lookup(args);
        if (this.openTray(d, args.force === true) === 'locked') throw this.lockedError(d);
        this.removeMedium(d);
        return {};
      }
      case 'blockdev-remove-medium': {
        // QEMU 7.2 takes the device by qdev id only.
        const id = stringArg(args, 'id');
        const extra = Object.keys(args).find((k) => k !== 'id');
        if (extra) throw genericError(`Parameter '${extra}' is unexpected`);
        throw new QmpError('DeviceNotFound', `Device '${id}' not found`);
      }
      case 'blockdev-change-medium': return this.changeMedium(args);
      default: throw new QmpError('CommandNotFound', `The command ${name} has not been found`);
    }
  }

  /** qmp_blockdev_change_medium: open the image, open the tray, swap the medium, close the tray. */
  private changeMedium(args: Args): unknown {
    const d = this.lookup(args);
    const filename = stringArg(args, 'filename');
    const format = optString(args, 'format');
    const mode = optString(args, 'read-only-mode') ?? 'retain';
    if (format !== undefined && format !== 'raw') throw genericError(`format '${format}' is not supported (raw only)`);
    if (!['retain', 'read-only', 'read-write'].includes(mode)) throw genericError(`Parameter 'read-only-mode' does not accept value '${mode}'`);
    this.removable(d);
    const readOnly = d.kind === 'cdrom' || (mode === 'retain' ? d.originalReadOnly : mode === 'read-only');
    let medium: InsertedMedium;
    try {
      medium = openMediumImage(filename, readOnly);
    } catch (e) {
      throw genericError((e as Error).message);
    }
    if (this.openTray(d, false) === 'locked') throw this.lockedError(d);
    this.removeMedium(d);
    if (d.hasTray && !d.isTrayOpen()) throw genericError(`Tray of device '${d.name}' is not open`);
    d.setMedium(medium);
    if (!d.hasTray) this.changeMedia(d, true);
    this.closeTray(d);
    return {};
  }

  /** query-block's BlockInfo, with the fields QEMU 7.2 fills for a raw file. */
  private info(d: BlockDevice): unknown {
    const m = d.medium;
    return {
      ...(d.kind === 'floppy' ? {} : { 'io-status': 'ok' }),
      device: d.name,
      locked: d.isLocked(),
      removable: d.removable,
      ...(m ? { inserted: inserted(m) } : {}),
      qdev: qdevPath(d),
      ...(d.hasTray ? { tray_open: d.isTrayOpen() } : {}),
      type: 'unknown',
    };
  }
}

function inserted(m: InsertedMedium): unknown {
  const size = mediumBytes(m);
  return {
    iops_rd: 0, detect_zeroes: 'off',
    image: { 'virtual-size': size, filename: m.file, format: 'raw', 'actual-size': size, 'dirty-flag': false },
    iops_wr: 0, ro: m.readOnly, 'node-name': '#block', backing_file_depth: 0, drv: 'raw', iops: 0, bps_wr: 0,
    write_threshold: 0, encrypted: false, bps: 0, bps_rd: 0, cache: { 'no-flush': false, direct: false, writeback: true },
    file: m.file,
  };
}

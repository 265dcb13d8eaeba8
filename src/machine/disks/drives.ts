import { openSync, readFileSync, writeSync } from 'node:fs';
import { parseQemuOpts } from '../options/qemu-opts.js';
import { UsageError } from '../../lib/errors.js';
import { SECTOR } from '../devices/ata-channel.js';
import type { BlockBackend } from '../devices/ata-channel.js';

/** One `-drive` as QEMU reads it (raw images only); a CD-ROM drive may have no medium (no file). */
export interface DriveSpec {
  readonly file: string | undefined;
  readonly interface: 'ide' | 'floppy' | 'none';
  readonly index: number | undefined;
  readonly cdrom: boolean;
  readonly readOnly: boolean;
  readonly snapshot: boolean;
  /** `id=`: how `-device ide-hd|ide-cd|floppy,drive=ID` names an `if=none` drive. */
  readonly id?: string;
}

const KNOWN = ['file', 'format', 'if', 'index', 'media', 'readonly', 'snapshot', 'id', 'cache', 'bus', 'unit'];
/** -hda..-hdd name IDE indexes 0..3. */
const HD_INDEX: Readonly<Record<string, number>> = { hda: 0, hdb: 1, hdc: 2, hdd: 3 };
const onOff = (v: string | undefined) => v === 'on' || v === 'true' || v === 'yes';

/** -fda/-fdb name floppy units 0/1 (`-drive file=F,index=0|1,if=floppy`). */
const FD_INDEX: Readonly<Record<string, number>> = { fda: 0, fdb: 1 };

/** QEMU's -cdrom and default CD-ROM: IDE index 2 (pc: secondary master; q35: AHCI port 2). */
export const CDROM_INDEX = 2;

/**
 * The `-drive` options of a QEMU command line (`-snapshot` applies to every drive), `-hda..-hdd`
 * `-cdrom FILE` (`-drive file=FILE,index=2,media=cdrom`) and `-fda/-fdb FILE` (`if=floppy`, index 0/1).
 */
export function drivesOf(argv: readonly string[]): DriveSpec[] {
  const out: DriveSpec[] = [];
  const globalSnapshot = argv.includes('-snapshot');
  for (let i = 0; i < argv.length; i++) {
    // Only an option name can start a drive (a -device line with a thousand devices is mostly values).
    if (argv[i]!.charCodeAt(0) !== 0x2d) continue;
    if (argv[i] === '-cdrom' || argv[i] === '--cdrom') {
      const file = argv[++i] ?? '';
      out.push({ file, interface: 'ide', index: CDROM_INDEX, cdrom: true, readOnly: true, snapshot: globalSnapshot });
      continue;
    }
    const option = argv[i]!.slice(argv[i]!.startsWith('--') ? 2 : 1);
    const fd = FD_INDEX[option];
    if (fd !== undefined) {
      const file = argv[++i] ?? '';
      out.push({ file, interface: 'floppy', index: fd, cdrom: false, readOnly: false, snapshot: globalSnapshot });
      continue;
    }
    const hd = HD_INDEX[option];
    if (hd !== undefined) {
      const file = argv[++i] ?? '';
      out.push({ file, interface: 'ide', index: hd, cdrom: false, readOnly: false, snapshot: globalSnapshot });
      continue;
    }
    if (argv[i] !== '-drive' && argv[i] !== '--drive') continue;
    const text = argv[++i] ?? '';
    const o = parseQemuOpts('-drive', text);
    // Flash, virtio, SCSI... drives have no model here: they stay among the ignored options.
    const iface = o.props.get('if') ?? 'ide';
    if (iface !== 'ide' && iface !== 'floppy' && iface !== 'none') continue;
    for (const k of o.props.keys()) if (!KNOWN.includes(k)) throw new UsageError(`-drive ${text}: unknown property '${k}'`);
    const file = o.props.get('file');
    const cdrom = o.props.get('media') === 'cdrom';
    if (!file && !cdrom && iface === 'ide') throw new UsageError(`-drive ${text}: a file is required`);
    const format = o.props.get('format') ?? 'raw';
    if (format !== 'raw') throw new UsageError(`-drive ${text}: format '${format}' is not supported (raw only)`);
    const index = o.props.get('index');
    out.push({
      file, interface: iface, index: index === undefined ? undefined : Number(index),
      cdrom, readOnly: cdrom || onOff(o.props.get('readonly')),
      snapshot: globalSnapshot || onOff(o.props.get('snapshot')),
      ...(o.props.has('id') ? { id: o.props.get('id')! } : {}),
    });
  }
  return out;
}

/**
 * A raw image in memory. Writes reach the file only when QEMU would write it: not with
 * snapshot=on (a temporary overlay) and never with readonly=on (the write fails).
 */
export function openRawImage(d: DriveSpec & { readonly file: string }): BlockBackend {
  let image: Uint8Array;
  try {
    image = new Uint8Array(readFileSync(d.file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`-drive file=${d.file}: Could not open '${d.file}': ${code === 'ENOENT' ? 'No such file or directory' : code ?? String(e)}`);
  }
  const writeThrough = !d.snapshot && !d.readOnly;
  let fd: number | undefined;
  const file = d.file;
  return {
    sectors: Math.floor(image.length / SECTOR),
    readOnly: d.readOnly,
    read: (lba, out) => out.set(image.subarray(lba * SECTOR, lba * SECTOR + out.length)),
    write: (lba, data) => {
      image.set(data, lba * SECTOR);
      if (!writeThrough) return;
      fd ??= openSync(file, 'r+');
      writeSync(fd, data, 0, data.length, lba * SECTOR);
    },
  };
}

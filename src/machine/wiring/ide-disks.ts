import { AtaChannel } from '../devices/ata-channel.js';
import { SnapshotMismatch } from '../snapshot/part-state.js';
import { busMasterBar } from '../devices/ide-bmdma.js';
import type { BusMasterMemory, PiixBusMaster } from '../devices/ide-bmdma.js';
import { AhciHba } from '../devices/ahci/ahci-hba.js';
import { AtaDevice } from '../devices/ahci/ata-device.js';
import type { SataDevice } from '../devices/ahci/ata-device.js';
import { AtapiDevice } from '../devices/ahci/atapi-device.js';
import { cdMediumOf, MmcCdrom } from '../devices/atapi/mmc-cdrom.js';
import { openRawImage } from '../disks/drives.js';
import { cdromBlockDevice, diskBlockDevice, ideDriveName } from '../disks/block-devices.js';
import type { BlockBackend } from '../devices/ata-channel.js';
import { placedIdeDrives } from '../disks/ide-placement.js';
import type { DriveSpec } from '../disks/drives.js';
import { hex } from '../../lib/hex.js';
import { logger } from '../../lib/log.js';
import type { Platform } from './platform.js';
import type { PcPlatformDevices } from './pc-platform-devices.js';

const log = logger('ide');

/** The PIIX IDE function's compatibility-mode channels: command block, control port, IRQ (PC/AT). */
const IDE_CHANNELS = [
  { command: 0x1f0, control: 0x3f6, irq: 14 },
  { command: 0x170, control: 0x376, irq: 15 },
] as const;
const IDE_COMMAND_LEN = 8;
/** pc: two channels of two units; q35: one unit per AHCI port (QEMU's units_per_default_bus = 1). */

export interface BoardDisks {
  readonly channels: readonly AtaChannel[];
  /** q35: the ICH9 AHCI HBA, attached behind 00:1f.2 by the chipset. */
  readonly sata: AhciHba | undefined;
  /** pc: the PIIX IDE function's BAR4 and the bus master enable it answers to (its command register). */
  readonly busMaster: PiixBusMaster | undefined;
}



/** QEMU's drive serial "QM%05d": each IDE bus numbers its two units (q35: one bus per AHCI port). */
const serialOf = (n: number): string => `QM${String(n).padStart(5, '0')}`;

/** The CD-ROM unit of a drive, registered with the platform's block devices under QEMU's name. */
function cdromOf(p: Platform, drive: DriveSpec, index: number): MmcCdrom {
  const backend = drive.file === undefined ? undefined : openRawImage({ ...drive, file: drive.file });
  const mmc = new MmcCdrom(backend ? cdMediumOf(backend) : undefined);
  const medium = backend && drive.file !== undefined ? { file: drive.file, readOnly: true, backend } : undefined;
  p.blockDevices.push(cdromBlockDevice(ideDriveName(index, true, p.config.board !== 'pc'), mmc, medium));
  return mmc;
}

function diskOf(p: Platform, drive: DriveSpec, index: number): BlockBackend {
  const backend = openRawImage({ ...drive, file: drive.file! });
  p.blockDevices.push(diskBlockDevice(ideDriveName(index, false, p.config.board !== 'pc'), { file: drive.file!, readOnly: drive.readOnly, backend }));
  return backend;
}

/**
 * The board's disk controller with the `-drive if=ide` disks and CD-ROMs: on pc the PIIX IDE channels
 * (index N: channel N/2, unit N%2), on q35 the ICH9 AHCI ports (index N: port N), as QEMU 7.2
 * attaches them, with QEMU's default empty CD-ROM at index 2 unless -nodefaults.
 */

export function createIdeDisks(p: Platform, irqs: PcPlatformDevices): BoardDisks {
  const q35 = p.config.board !== 'pc';
  const placed = placedIdeDrives(p.config);
  if (q35) {
    const devices = placed.map(({ drive, index }): { port: number; device: SataDevice } => {
      const serial = serialOf(2 * index + 1);
      return { port: index, device: drive.cdrom ? new AtapiDevice(cdromOf(p, drive, index), serial) : new AtaDevice(diskOf(p, drive, index), serial) };
    });
    const hba = new AhciHba(p.memory, devices);
    for (const { drive, index } of placed) log('%s %s on AHCI port %d', drive.cdrom ? 'CD-ROM' : 'disk', drive.file ?? '(empty)', index);
    p.onReset(() => hba.reset());
    p.addState('ahci', hba);
    return { channels: [], sata: hba, busMaster: undefined };
  }
  let enabled = (): boolean => false;
  // Without bus mastering QEMU's DMA reaches no memory: reads see 0, writes vanish.
  const memory: BusMasterMemory = {
    read: (addr, length) => (enabled() ? p.memory.readBytes(addr, length) : new Uint8Array(length)),
    write: (addr, data) => { if (enabled()) p.memory.writeBytes(addr, data); },
  };
  const channels = IDE_CHANNELS.map((c, i) => {
    const ch = new AtaChannel((level) => irqs.gsi(c.irq, level), () => memory);
    p.ports.register(`ide${i}`, c.command, IDE_COMMAND_LEN, ch.command);
    p.ports.register(`ide${i}-ctl`, c.control, 1, ch.controlPort);
    p.onReset(() => ch.reset());
    return ch;
  });
  for (const { drive, index } of placed) {
    const unit = (index & 1) as 0 | 1;
    if (drive.cdrom) channels[index >> 1]!.attachCdrom(unit, cdromOf(p, drive, index), serialOf(index + 1));
    else channels[index >> 1]!.attach(unit, diskOf(p, drive, index), serialOf(index + 1));
    log('%s %s on ide%d unit %d', drive.cdrom ? 'CD-ROM' : 'disk', drive.file ?? '(empty)', index >> 1, unit);
  }
  p.addState('ide', {
    saveState: () => ({ json: channels.map((ch, i) => ch.saveState(`ide${i}`)) }),
    loadState: (state) => {
      const j = state.json;
      if (!Array.isArray(j) || j.length !== channels.length) throw new SnapshotMismatch('ide: channel count differs');
      j.forEach((o, i) => {
        if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new SnapshotMismatch('ide: bad channel');
        channels[i]!.loadState(o);
      });
    },
  });
  p.addDevice({ name: 'piix-ide', bus: 'isa', where: `ports ${hex(0x1f0)}, ${hex(0x170)}, IRQ 14/15` });
  const busMaster = { bar: busMasterBar(channels.map((ch) => ch.busMaster)), connect: (e: () => boolean) => { enabled = e; } };
  return { channels, sata: undefined, busMaster };
}
